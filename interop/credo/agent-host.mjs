#!/usr/bin/env node
// Agent host: one Node process running any number of real Credo 0.6.3 agents, driven by JSON lines
// on stdin, reporting JSON-line events on stdout (logs on stderr). Protocol: README.md.
console.log = console.info = console.debug = console.trace = (...args) => console.error(...args)

const { createInterface } = await import('node:readline')
const { DidCommBasicMessageEventTypes, DidCommBasicMessageRole, DidCommConnectionEventTypes } = await import('@credo-ts/didcomm')
const {
  DidCommMessagePickupEventTypes,
  DidCommRoutingEventTypes,
  DidCommTransportEventTypes,
  DidCommTrustPingEventTypes,
} = await import('@credo-ts/didcomm')
const { DidCommMediatorPickupStrategy } = await import('@credo-ts/didcomm')
const { createSenderAgent, createWalletAgent, httpStatusRecorder, newAgentState } = await import('./lib/agents.mjs')
const { GetDeviceInfoMessage, SetDeviceInfoMessage, pushNotificationHandlers, request } = await import('./lib/push-notifications.mjs')

const DEFAULT_TIMEOUT_MS = 60_000

/** id -> { id, kind: 'wallet'|'sender', state, agent (null while stopped), options } */
const agents = new Map()
let shuttingDown = false

function emit(event, fields = {}) {
  process.stdout.write(`${JSON.stringify({ event, ...fields })}\n`)
}

class CommandError extends Error {}

function required(command, name, type = 'string') {
  const value = command[name]
  if (typeof value !== type || (type === 'string' && value === '')) {
    throw new CommandError(`${name}: ${JSON.stringify(value)} (expected: a non-empty ${type})`)
  }
  return value
}

function optionalPort(command, name) {
  const value = command[name]
  if (value === undefined || value === null) return null
  if (!Number.isInteger(value) || value <= 0 || value > 65535) throw new CommandError(`${name}: ${value} (expected: 1..65535)`)
  return value
}

function entryFor(id, { running = true, kind } = {}) {
  const entry = agents.get(id)
  if (!entry) throw new CommandError(`no agent with id '${id}'`)
  if (kind && entry.kind !== kind) throw new CommandError(`agent '${id}' is a ${entry.kind} (expected: ${kind})`)
  if (running && !entry.agent) throw new CommandError(`agent '${id}' is stopped`)
  return entry
}

function withTimeout(promise, ms, what) {
  let timer
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** Forwards the Credo events a test cares about as JSON lines. */
function attachEvents(id, agent) {
  const on = (type, listener) =>
    agent.events.on(type, (event) => {
      try {
        listener(event.payload)
      } catch (error) {
        emit('error', { agent: id, message: `event ${type}: ${error.message}` })
      }
    })
  on(DidCommConnectionEventTypes.DidCommConnectionStateChanged, ({ connectionRecord: c }) =>
    emit('connection', { agent: id, connectionId: c.id, state: c.state, theirLabel: c.theirLabel ?? null, outOfBandId: c.outOfBandId ?? null })
  )
  on(DidCommBasicMessageEventTypes.DidCommBasicMessageStateChanged, ({ basicMessageRecord: r, message }) => {
    if (r.role !== DidCommBasicMessageRole.Receiver) return
    emit('basicMessage', {
      agent: id,
      connectionId: r.connectionId,
      content: r.content,
      sentTime: r.sentTime,
      messageId: message?.id ?? null,
    })
  })
  on(DidCommTrustPingEventTypes.DidCommTrustPingReceivedEvent, ({ connectionRecord, message }) =>
    emit('trustPing', { agent: id, connectionId: connectionRecord?.id ?? null, threadId: message.threadId, responseRequested: message.responseRequested })
  )
  on(DidCommTrustPingEventTypes.DidCommTrustPingResponseReceivedEvent, ({ connectionRecord, message }) =>
    emit('trustPingResponse', { agent: id, connectionId: connectionRecord?.id ?? null, threadId: message.threadId })
  )
  on(DidCommRoutingEventTypes.MediationStateChanged, ({ mediationRecord: m }) =>
    emit('mediation', { agent: id, connectionId: m.connectionId, state: m.state })
  )
  on(DidCommMessagePickupEventTypes.MessagePickupCompleted, ({ connection }) =>
    emit('pickupCompleted', { agent: id, connectionId: connection?.id ?? null })
  )
  on(DidCommTransportEventTypes.DidCommOutboundWebSocketOpenedEvent, ({ connectionId }) =>
    emit('socket', { agent: id, connectionId: connectionId ?? null, state: 'open' })
  )
  on(DidCommTransportEventTypes.DidCommOutboundWebSocketClosedEvent, ({ connectionId }) =>
    emit('socket', { agent: id, connectionId: connectionId ?? null, state: 'closed' })
  )
}

async function startWalletAgent(entry, wsUrl) {
  const { agent, ws } = createWalletAgent({
    id: entry.id,
    state: entry.state,
    mediatorInvitationUrl: entry.options.mediatorInvitationUrl,
    transports: entry.options.transports,
    pickupStrategy: entry.options.pickup,
    wsRedirectUrl: wsUrl ?? null,
  })
  attachEvents(entry.id, agent)
  agent.didcomm.registerMessageHandlers(pushNotificationHandlers())
  entry.agent = agent
  entry.ws = ws
  try {
    await withTimeout(agent.initialize(), entry.options.timeoutMs, `wallet '${entry.id}' initialize`)
  } catch (error) {
    entry.agent = null
    await agent.shutdown().catch(() => {})
    throw error
  }
  const mediator = await agent.didcomm.mediationRecipient.findDefaultMediator()
  return {
    id: entry.id,
    mediationState: mediator?.state ?? null,
    mediatorConnectionId: mediator?.connectionId ?? null,
    routingKeys: mediator?.routingKeys ?? [],
    endpoint: mediator?.endpoint ?? null,
  }
}

const commands = {
  async createWallet(command) {
    const id = required(command, 'id')
    if (agents.has(id)) throw new CommandError(`id: '${id}' already exists`)
    const transport = command.transport ?? 'ws'
    if (transport !== 'ws' && transport !== 'ws+http') throw new CommandError(`transport: ${transport} (expected: ws or ws+http)`)
    const pickup = command.pickup ?? DidCommMediatorPickupStrategy.PickUpV2LiveMode
    if (!Object.values(DidCommMediatorPickupStrategy).includes(pickup)) {
      throw new CommandError(`pickup: ${pickup} (expected one of ${Object.values(DidCommMediatorPickupStrategy).join(', ')})`)
    }
    const entry = {
      id,
      kind: 'wallet',
      state: newAgentState(),
      agent: null,
      options: {
        mediatorInvitationUrl: required(command, 'mediatorInvitationUrl'),
        transports: transport === 'ws' ? ['ws'] : ['ws', 'http'],
        pickup,
        timeoutMs: command.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      },
    }
    agents.set(id, entry)
    try {
      return ['walletReady', await startWalletAgent(entry, command.wsUrl)]
    } catch (error) {
      agents.delete(id)
      throw error
    }
  },

  async createSender(command) {
    const id = required(command, 'id')
    if (agents.has(id)) throw new CommandError(`id: '${id}' already exists`)
    const httpPort = optionalPort(command, 'httpPort')
    if (!httpPort) throw new CommandError('httpPort: required')
    const wsPort = command.wsPort === null ? null : (optionalPort(command, 'wsPort') ?? httpPort + 1)
    const state = newAgentState()
    const { agent, endpoints } = createSenderAgent({ id, state, httpPort, wsPort })
    attachEvents(id, agent)
    const entry = { id, kind: 'sender', state, agent, options: {} }
    agents.set(id, entry)
    try {
      await agent.initialize()
    } catch (error) {
      agents.delete(id)
      await agent.shutdown().catch(() => {})
      throw error
    }
    return ['senderReady', { id, endpoints }]
  },

  async createInvitation(command) {
    const id = required(command, 'agent')
    const { agent } = entryFor(id)
    const outOfBandRecord = await agent.didcomm.oob.createInvitation({
      label: command.label ?? id,
      multiUseInvitation: command.multiUse === true,
    })
    const { outOfBandInvitation } = outOfBandRecord
    const url = outOfBandInvitation.toUrl({ domain: command.domain ?? 'https://switchboard.invalid/invite' })
    return [
      'invitation',
      {
        agent: id,
        url,
        outOfBandId: outOfBandRecord.id,
        invitationId: outOfBandInvitation.id,
        services: outOfBandInvitation.getInlineServices().map((s) => ({ serviceEndpoint: s.serviceEndpoint, routingKeys: s.routingKeys ?? [] })),
      },
    ]
  },

  async receiveInvitation(command) {
    const id = required(command, 'agent')
    const url = required(command, 'url')
    const { agent } = entryFor(id)
    const timeoutMs = command.timeoutMs ?? DEFAULT_TIMEOUT_MS
    const { connectionRecord, outOfBandRecord } = await agent.didcomm.oob.receiveInvitationFromUrl(url, {
      label: command.label ?? id,
    })
    if (!connectionRecord) throw new Error('the invitation did not create a connection (no handshake protocol?)')
    const connection = await agent.didcomm.connections.returnWhenIsConnected(connectionRecord.id, { timeoutMs })
    return [
      'connected',
      { agent: id, connectionId: connection.id, outOfBandId: outOfBandRecord.id, theirLabel: connection.theirLabel ?? null, theirDid: connection.theirDid ?? null },
    ]
  },

  async sendBasicMessage(command) {
    const id = required(command, 'from')
    const connectionId = required(command, 'connectionId')
    const content = required(command, 'content')
    const { agent } = entryFor(id)
    const httpStatuses = []
    const record = await httpStatusRecorder.run(httpStatuses, () => agent.didcomm.basicMessages.sendMessage(connectionId, content))
    return ['sent', { from: id, connectionId, type: 'basicMessage', messageId: record.threadId ?? null, httpStatuses }]
  },

  async sendTrustPing(command) {
    const id = required(command, 'from')
    const connectionId = required(command, 'connectionId')
    const { agent } = entryFor(id)
    const httpStatuses = []
    const message = await httpStatusRecorder.run(httpStatuses, () =>
      agent.didcomm.connections.sendPing(connectionId, { responseRequested: command.responseRequested !== false })
    )
    return ['sent', { from: id, connectionId, type: 'trustPing', messageId: message.id, threadId: message.threadId, httpStatuses }]
  },

  async setDeviceInfo(command) {
    const id = required(command, 'agent')
    const connectionId = required(command, 'connectionId')
    const { agent } = entryFor(id, { kind: 'wallet' })
    const message = new SetDeviceInfoMessage({ device_token: command.deviceToken ?? null, device_platform: command.devicePlatform ?? null })
    const ack = await request(agent, connectionId, message, command.timeoutMs ?? DEFAULT_TIMEOUT_MS)
    return ['deviceInfoSet', { agent: id, connectionId, ackType: ack.type, status: ack.status ?? null, threadId: ack.threadId }]
  },

  async getDeviceInfo(command) {
    const id = required(command, 'agent')
    const connectionId = required(command, 'connectionId')
    const { agent } = entryFor(id, { kind: 'wallet' })
    const info = await request(agent, connectionId, new GetDeviceInfoMessage({}), command.timeoutMs ?? DEFAULT_TIMEOUT_MS)
    return ['deviceInfo', { agent: id, connectionId, deviceToken: info.device_token ?? null, devicePlatform: info.device_platform ?? null }]
  },

  async stopWallet(command) {
    const id = required(command, 'id')
    const entry = entryFor(id, { kind: 'wallet' })
    const agent = entry.agent
    entry.agent = null
    await agent.shutdown()
    return ['walletStopped', { id }]
  },

  async startWallet(command) {
    const id = required(command, 'id')
    const entry = entryFor(id, { running: false, kind: 'wallet' })
    if (entry.agent) throw new CommandError(`wallet '${id}' is running`)
    const wsUrl = command.wsUrl === undefined ? (entry.ws?.redirectUrl ?? null) : command.wsUrl
    return ['walletReady', await startWalletAgent(entry, wsUrl)]
  },

  async setWsUrl(command) {
    const id = required(command, 'id')
    const entry = entryFor(id, { kind: 'wallet' })
    const wsUrl = command.wsUrl ?? null
    if (wsUrl !== null && !/^wss?:\/\//.test(wsUrl)) throw new CommandError(`wsUrl: ${wsUrl} (expected: ws:// or wss:// URL, or null)`)
    entry.ws.redirectUrl = wsUrl
    return ['wsUrlSet', { id, wsUrl }]
  },

  async listConnections(command) {
    const id = required(command, 'agent')
    const { agent } = entryFor(id)
    const connections = await agent.didcomm.connections.getAll()
    return [
      'connections',
      { agent: id, connections: connections.map((c) => ({ connectionId: c.id, state: c.state, theirLabel: c.theirLabel ?? null })) },
    ]
  },

  async stats() {
    const memory = process.memoryUsage()
    const counts = { wallets: 0, senders: 0, running: 0 }
    for (const entry of agents.values()) {
      counts[entry.kind === 'wallet' ? 'wallets' : 'senders']++
      if (entry.agent) counts.running++
    }
    return ['stats', { ...counts, rssBytes: memory.rss, heapUsedBytes: memory.heapUsed }]
  },

  async shutdown() {
    await shutdownAll()
    return ['shutdown', {}]
  },
}

async function shutdownAll() {
  if (shuttingDown) return
  shuttingDown = true
  await Promise.allSettled(
    [...agents.values()].filter((e) => e.agent).map((e) => e.agent.shutdown().catch((error) => console.error(`shutdown ${e.id}:`, error)))
  )
}

async function handleLine(line) {
  if (line.trim() === '') return
  let command
  try {
    command = JSON.parse(line)
  } catch (error) {
    emit('error', { reqId: null, cmd: null, message: `not JSON: ${error.message}` })
    return
  }
  const reqId = command?.reqId ?? null
  const handler = Object.hasOwn(commands, command?.cmd ?? '') ? commands[command.cmd] : null
  if (!handler) {
    emit('error', { reqId, cmd: command?.cmd ?? null, message: `cmd: ${command?.cmd} (expected one of ${Object.keys(commands).join(', ')})` })
    return
  }
  if (shuttingDown && command.cmd !== 'shutdown') {
    emit('error', { reqId, cmd: command.cmd, message: 'the host is shutting down' })
    return
  }
  try {
    const [event, fields] = await handler(command)
    emit(event, { reqId, ...fields })
    if (command.cmd === 'shutdown') process.exit(0)
  } catch (error) {
    if (error instanceof CommandError) console.error(`${command.cmd} refused: ${error.message}`)
    else console.error(`${command.cmd} failed:`, error)
    emit('error', { reqId, cmd: command.cmd, message: error.message, ...(error.cause?.message ? { cause: error.cause.message } : {}) })
  }
}

process.on('unhandledRejection', (error) => {
  console.error('unhandled rejection:', error)
  emit('error', { reqId: null, cmd: null, message: `unhandled: ${error?.message ?? error}` })
})
process.on('uncaughtException', (error) => {
  console.error('uncaught exception:', error)
  emit('error', { reqId: null, cmd: null, message: `uncaught: ${error?.message ?? error}` })
})
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => shutdownAll().finally(() => process.exit(0)))
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
lines.on('line', (line) => {
  handleLine(line)
})
lines.on('close', () => {
  shutdownAll().finally(() => process.exit(0))
})

emit('ready', { pid: process.pid, credo: '0.6.3' })
