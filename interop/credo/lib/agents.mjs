// Factories for real Credo 0.6.3 agents (no Askar): mobile-style wallets, plain senders and a
// Credo mediator. State (records and keys) lives in objects the caller keeps, so a wallet can be
// shut down and re-created on the same state ("phone offline, app restarted").
import { Agent, ConsoleLogger, LogLevel, Kms } from '@credo-ts/core'
import {
  DidCommHttpOutboundTransport,
  DidCommMediatorPickupStrategy,
  DidCommMessageForwardingStrategy,
  DidCommModule,
  DidCommWsOutboundTransport,
} from '@credo-ts/didcomm'
import {
  DidCommHttpInboundTransport,
  DidCommWsInboundTransport,
  NodeInMemoryKeyManagementStorage,
  agentDependencies,
} from '@credo-ts/node'

import { AsyncLocalStorage } from 'node:async_hooks'

import { SodiumKeyManagementService } from './kms.mjs'
import { InMemoryStorageModule, InMemoryStorageService } from './storage.mjs'

/** Logger writing through console.* with the agent id as prefix (the host sends console to stderr). */
export class PrefixLogger extends ConsoleLogger {
  constructor(prefix, logLevel) {
    super(logLevel)
    this.prefix = prefix
  }

  log(level, message, data) {
    super.log(level, `[${this.prefix}] ${message}`, data)
  }
}

export function logLevelFromEnv() {
  const name = (process.env.CREDO_LOG_LEVEL ?? 'warn').toLowerCase()
  return LogLevel[name] ?? LogLevel.warn
}

/**
 * WebSocket outbound transport that can send every WebSocket message to another URL than the one
 * in the peer's DID document: models a phone whose DNS / load balancer now leads to another relay.
 * `redirectUrl` null = use the endpoint as published.
 */
export class RedirectableWsOutboundTransport extends DidCommWsOutboundTransport {
  constructor(redirectUrl = null) {
    super()
    this.redirectUrl = redirectUrl
  }

  async sendMessage(outboundPackage) {
    if (this.redirectUrl && outboundPackage.endpoint && /^wss?:/.test(outboundPackage.endpoint)) {
      return super.sendMessage({ ...outboundPackage, endpoint: this.redirectUrl })
    }
    return super.sendMessage(outboundPackage)
  }
}

/**
 * Credo's WebSocket inbound transport, except that a session is never closed by the agent: Credo
 * 0.6.3 closes the socket when a message arrives without return route, but Credo wallets send
 * DID exchange `complete` with `~transport.return_route: "none"` and then `mediate-request` on the
 * same socket, so the stock transport loses the mediate-grant. A mediator must keep the socket
 * open; the wallet closes it when it wants to.
 */
export class KeepOpenWsInboundTransport extends DidCommWsInboundTransport {
  listenOnWebSocketMessages(agentContext, socket, session) {
    session.close = async () => {}
    super.listenOnWebSocketMessages(agentContext, socket, session)
  }
}

/**
 * Credo's HTTP outbound transport ignores the HTTP status of its POSTs (a 500 with a body is only
 * logged). Senders get this fetch instead: inside `httpStatusRecorder.run([], fn)` every POST made
 * by fn pushes its status code (or 0 for a network error) into the array.
 */
export const httpStatusRecorder = new AsyncLocalStorage()

async function recordingFetch(input, init) {
  const statuses = httpStatusRecorder.getStore()
  try {
    const response = await fetch(input, init)
    statuses?.push(response.status)
    return response
  } catch (error) {
    statuses?.push(0)
    throw error
  }
}

/** Persistent state of one agent: its records and its keys. */
export function newAgentState() {
  return { storage: new InMemoryStorageService(), keys: new NodeInMemoryKeyManagementStorage() }
}

function baseModules(state, didcomm) {
  return {
    storage: new InMemoryStorageModule(state.storage),
    kms: new Kms.KeyManagementModule({ backends: [new SodiumKeyManagementService(state.keys)] }),
    didcomm: new DidCommModule({
      credentials: false,
      proofs: false,
      connections: { autoAcceptConnections: true },
      ...didcomm,
    }),
  }
}

/**
 * A mobile-style wallet: outbound WebSocket only (plus HTTP when transports includes "http"), no
 * inbound transport, endpoint didcomm:transport/queue, mediation via coordinate-mediation 1.0 from
 * `mediatorInvitationUrl`, pickup with message pickup 2.0 live mode.
 */
export function createWalletAgent({
  id,
  state,
  mediatorInvitationUrl,
  transports = ['ws'],
  wsRedirectUrl = null,
  pickupStrategy = DidCommMediatorPickupStrategy.PickUpV2LiveMode,
  logLevel = logLevelFromEnv(),
}) {
  const ws = new RedirectableWsOutboundTransport(wsRedirectUrl)
  const outbound = [ws]
  if (transports.includes('http')) outbound.push(new DidCommHttpOutboundTransport())
  const agent = new Agent({
    config: { logger: new PrefixLogger(id, logLevel), allowInsecureHttpUrls: true },
    dependencies: agentDependencies,
    modules: baseModules(state, {
      transports: { inbound: [], outbound },
      mediator: false,
      mediationRecipient: {
        mediatorInvitationUrl,
        mediatorPickupStrategy: pickupStrategy,
        baseMediatorReconnectionIntervalMs: 100,
        maximumMediatorReconnectionIntervalMs: 2000,
      },
    }),
  })
  return { agent, ws }
}

/**
 * An agent with an HTTP inbound endpoint (and a WebSocket one unless wsPort is null), HTTP and
 * WebSocket outbound, no mediator. WebSocket-only wallets can answer it only on its ws endpoint.
 */
export function createSenderAgent({ id, state, httpPort, wsPort = null, host = '127.0.0.1', logLevel = logLevelFromEnv() }) {
  const inbound = [new DidCommHttpInboundTransport({ port: httpPort })]
  const endpoints = [`http://${host}:${httpPort}`]
  if (wsPort) {
    inbound.push(new DidCommWsInboundTransport({ port: wsPort }))
    endpoints.push(`ws://${host}:${wsPort}`)
  }
  const agent = new Agent({
    config: { logger: new PrefixLogger(id, logLevel), allowInsecureHttpUrls: true },
    dependencies: { ...agentDependencies, fetch: recordingFetch },
    modules: baseModules(state, {
      endpoints,
      transports: { inbound, outbound: [new DidCommHttpOutboundTransport(), new DidCommWsOutboundTransport()] },
      mediator: false,
      mediationRecipient: false,
    }),
  })
  return { agent, endpoints }
}

/**
 * A Credo mediator (reference implementation for the self-test): HTTP and WebSocket inbound on
 * loopback, auto-accepted mediation, queue + live-mode delivery.
 */
export function createMediatorAgent({ id = 'mediator', state = newAgentState(), httpPort, wsPort, host = '127.0.0.1', logLevel = logLevelFromEnv() }) {
  const endpoints = [`http://${host}:${httpPort}`, `ws://${host}:${wsPort}`]
  const agent = new Agent({
    config: { logger: new PrefixLogger(id, logLevel), allowInsecureHttpUrls: true },
    dependencies: agentDependencies,
    modules: baseModules(state, {
      endpoints,
      transports: {
        inbound: [new DidCommHttpInboundTransport({ port: httpPort }), new KeepOpenWsInboundTransport({ port: wsPort })],
        outbound: [new DidCommHttpOutboundTransport(), new DidCommWsOutboundTransport()],
      },
      mediator: {
        autoAcceptMediationRequests: true,
        messageForwardingStrategy: DidCommMessageForwardingStrategy.QueueAndLiveModeDelivery,
      },
      mediationRecipient: false,
    }),
  })
  return { agent, endpoints }
}
