#!/usr/bin/env node
// Credo 0.6.3's own mediator as a stand-alone process, the peer that `loadtest/run peer` drives side by side
// with Switchboard: one Node process, in-memory storage (lib/storage.mjs), HTTP and WebSocket inbound on
// 127.0.0.1, mediation auto-accepted, queue + pickup-2.0 live-mode delivery. Credo's stock WebSocket inbound
// transport is used as it ships (it closes a socket on a message without return route, e.g. DID exchange
// `complete`: the wallet reconnects), unlike the self-test's KeepOpenWsInboundTransport.
//
//   node interop/credo/scripts/mediator-host.mjs [--http-port N] [--ws-port N]   (default: free ports)
//
// stdout: one JSON line once listening, nothing else:
//   {"event":"ready","pid":1234,"credo":"0.6.3","http":"http://127.0.0.1:N/","ws":"ws://127.0.0.1:M",
//    "invitationUrl":"http://127.0.0.1:N/invitation?oob=..."}
// GET http://127.0.0.1:N/invitation answers the mediator's one multi-use out-of-band invitation as JSON
// (services: WebSocket first, then HTTP). Logs go to stderr (CREDO_LOG_LEVEL, default warn). SIGTERM or SIGINT
// stops the agent and exits 0 (stdin is not read).
import { createServer } from 'node:net'
import { parseArgs } from 'node:util'

import { Agent, Kms } from '@credo-ts/core'
import {
  DidCommHttpOutboundTransport,
  DidCommMessageForwardingStrategy,
  DidCommModule,
  DidCommWsOutboundTransport,
} from '@credo-ts/didcomm'
import { DidCommHttpInboundTransport, DidCommWsInboundTransport, agentDependencies } from '@credo-ts/node'
import express from 'express'
import { WebSocketServer } from 'ws'

import { PrefixLogger, logLevelFromEnv, newAgentState } from '../lib/agents.mjs'
import { SodiumKeyManagementService } from '../lib/kms.mjs'
import { InMemoryStorageModule } from '../lib/storage.mjs'

console.log = console.error // stdout carries the ready line only
const { values } = parseArgs({
  options: { 'http-port': { type: 'string', default: '0' }, 'ws-port': { type: 'string', default: '0' } },
})

async function freePort() {
  const server = createServer()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  await new Promise((resolve) => server.close(resolve))
  return port
}

const host = '127.0.0.1'
const httpPort = Number(values['http-port']) || (await freePort())
const wsPort = Number(values['ws-port']) || (await freePort())
const endpoints = [`ws://${host}:${wsPort}`, `http://${host}:${httpPort}`]

const app = express()
let invitationJson = null
app.get('/invitation', (_req, res) => {
  if (!invitationJson) return res.status(503).json({ error: 'not ready' })
  res.status(200).json(invitationJson)
})
// Credo calls app.listen(port): bind loopback only
const listen = app.listen.bind(app)
app.listen = (port) => listen(port, host)

const state = newAgentState()
const agent = new Agent({
  config: { logger: new PrefixLogger('credo-mediator', logLevelFromEnv()), allowInsecureHttpUrls: true },
  dependencies: agentDependencies,
  modules: {
    storage: new InMemoryStorageModule(state.storage),
    kms: new Kms.KeyManagementModule({ backends: [new SodiumKeyManagementService(state.keys)] }),
    didcomm: new DidCommModule({
      credentials: false,
      proofs: false,
      connections: { autoAcceptConnections: true },
      endpoints,
      transports: {
        inbound: [
          new DidCommHttpInboundTransport({ app, port: httpPort }),
          new DidCommWsInboundTransport({ server: new WebSocketServer({ port: wsPort, host }) }),
        ],
        outbound: [new DidCommHttpOutboundTransport(), new DidCommWsOutboundTransport()],
      },
      mediator: {
        autoAcceptMediationRequests: true,
        messageForwardingStrategy: DidCommMessageForwardingStrategy.QueueAndLiveModeDelivery,
      },
      mediationRecipient: false,
    }),
  },
})
await agent.initialize()
const { outOfBandInvitation } = await agent.didcomm.oob.createInvitation({ multiUseInvitation: true })
invitationJson = outOfBandInvitation.toJSON()
const invitationUrl = outOfBandInvitation.toUrl({ domain: `http://${host}:${httpPort}/invitation` })

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  try {
    await agent.shutdown()
  } finally {
    process.exit(0)
  }
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)

process.stdout.write(
  JSON.stringify({
    event: 'ready',
    pid: process.pid,
    credo: '0.6.3',
    http: `http://${host}:${httpPort}/`,
    ws: `ws://${host}:${wsPort}`,
    invitationUrl,
  }) + '\n'
)
