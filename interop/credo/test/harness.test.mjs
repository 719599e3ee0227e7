// Self-test of the agent host against a real mediator that is not ours: a Credo 0.6.3 mediator
// (DidCommMediatorModule, HTTP + two WebSocket inbound transports on loopback) in this process,
// Credo wallets and a sender in agent-host.mjs, driven exactly as the Java ITs will drive it.
import assert from 'node:assert/strict'
import { connect, createServer } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { LogLevel } from '@credo-ts/core'
import { DidCommMessagePickupEventTypes } from '@credo-ts/didcomm'

import { KeepOpenWsInboundTransport, createMediatorAgent } from '../lib/agents.mjs'
import { AgentHostClient } from '../lib/host-client.mjs'

const WALLETS = ['w1', 'w2', 'w3', 'w4']
// Credo logs warnings for every expected reconnect attempt; CREDO_LOG_LEVEL=warn|debug shows them.
const LOG_LEVEL_NAME = process.env.CREDO_LOG_LEVEL ?? 'error'
const LOG_LEVEL = LogLevel[LOG_LEVEL_NAME] ?? LogLevel.error
// Generous: the build machine is shared and often heavily loaded.
const WAIT_MS = 60_000
const relays = []

/** A TCP forwarder standing in for a relay: kill() drops every connection at once, like SIGKILL. */
async function startRelay(targetPort) {
  const sockets = new Set()
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1')
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
      s.on('error', () => {})
    }
    client.pipe(upstream).pipe(client)
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const relay = {
    url: `ws://127.0.0.1:${server.address().port}`,
    kill() {
      server.close()
      for (const s of sockets) s.destroy()
    },
  }
  relays.push(relay)
  return relay
}

// A port for a listener of the Credo mediator, which binds it later itself. Picked below the kernel's
// ephemeral range (32768-60999 by default), so the outgoing connections of everything else running on
// the machine cannot take it between this check and the mediator's bind.
async function freePort() {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 12000)
    const server = createServer()
    const bound = await new Promise((resolve) => {
      server.once('error', () => resolve(false))
      server.listen(port, '127.0.0.1', () => resolve(true))
    })
    if (bound) {
      await new Promise((resolve) => server.close(resolve))
      return port
    }
  }
}

describe('agent host against a Credo mediator', { timeout: 600_000 }, () => {
  let mediator
  let invitationUrl
  let secondWsUrl
  let httpPort
  let wsPort
  let ws2Port
  let host
  const liveSessions = []
  const wallets = {}
  const senderConnection = {}

  before(async () => {
    ;[httpPort, wsPort, ws2Port] = [await freePort(), await freePort(), await freePort()]
    mediator = createMediatorAgent({ httpPort, wsPort, logLevel: LOG_LEVEL }).agent
    // A second WebSocket entrance to the same mediator: stands in for "another relay".
    mediator.didcomm.registerInboundTransport(new KeepOpenWsInboundTransport({ port: ws2Port }))
    secondWsUrl = `ws://127.0.0.1:${ws2Port}`
    mediator.events.on(DidCommMessagePickupEventTypes.LiveSessionSaved, (e) => liveSessions.push(e.payload.session))
    await mediator.initialize()
    const { outOfBandInvitation } = await mediator.didcomm.oob.createInvitation({ label: 'credo-mediator', multiUseInvitation: true })
    invitationUrl = outOfBandInvitation.toUrl({ domain: `http://127.0.0.1:${httpPort}/invitation` })
    host = await AgentHostClient.start({ env: { CREDO_LOG_LEVEL: LOG_LEVEL_NAME } })
  })

  after(async () => {
    for (const relay of relays) relay.kill()
    await host?.shutdown()
    await mediator?.shutdown()
    // Whatever a failed test left open must not keep this file's process (and the build) alive.
    setTimeout(() => process.exit(), 10_000).unref()
  })

  test('wallets with only a WebSocket transport onboard and get mediation', async () => {
    const ready = await Promise.all(
      WALLETS.map((id) => host.send({ cmd: 'createWallet', id, mediatorInvitationUrl: invitationUrl, transport: 'ws' }))
    )
    for (const event of ready) {
      assert.equal(event.event, 'walletReady')
      assert.equal(event.mediationState, 'granted')
      assert.equal(event.routingKeys.length, 1)
      assert.match(event.endpoint, /^http:\/\/127\.0\.0\.1:/)
      wallets[event.id] = event
    }
    // Pickup v2 live mode: every wallet opens a live session at the mediator.
    const deadline = Date.now() + WAIT_MS
    while (new Set(liveSessions.map((s) => s.connectionId)).size < WALLETS.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const liveConnections = new Set(liveSessions.map((s) => s.connectionId))
    assert.equal(liveConnections.size, WALLETS.length)
  })

  test('a sender connects to each wallet through the wallet\'s routed invitation', async () => {
    await host.send({ cmd: 'createSender', id: 's1', httpPort: await freePort(), wsPort: await freePort() })
    for (const id of WALLETS) {
      const invitation = await host.send({ cmd: 'createInvitation', agent: id })
      assert.match(invitation.url, /\?oob=/)
      assert.deepEqual(invitation.services.map((s) => s.serviceEndpoint), [wallets[id].endpoint])
      assert.equal(invitation.services[0].routingKeys.length, 1)
      const connected = await host.send({ cmd: 'receiveInvitation', agent: 's1', url: invitation.url })
      assert.equal(connected.event, 'connected')
      senderConnection[id] = connected.connectionId
      await host.waitFor((e) => e.event === 'connection' && e.agent === id && e.outOfBandId === invitation.outOfBandId && e.state === 'completed', WAIT_MS)
    }
  })

  test('every basic message and trust ping arrives, in order', async () => {
    for (const id of WALLETS) {
      for (let i = 1; i <= 3; i++) {
        const sent = await host.send({ cmd: 'sendBasicMessage', from: 's1', connectionId: senderConnection[id], content: `online ${id} #${i}` })
        // one HTTP POST of the forward to the mediator's endpoint; Credo's mediator answers 200
        assert.deepEqual(sent.httpStatuses, [200])
      }
    }
    const pings = {}
    for (const id of WALLETS) {
      pings[id] = await host.send({ cmd: 'sendTrustPing', from: 's1', connectionId: senderConnection[id] })
    }
    for (const id of WALLETS) {
      const received = await host.waitForCount((e) => e.event === 'basicMessage' && e.agent === id, 3, WAIT_MS)
      assert.deepEqual(received.map((e) => e.content), [1, 2, 3].map((i) => `online ${id} #${i}`))
      await host.waitFor((e) => e.event === 'trustPing' && e.agent === id && e.threadId === pings[id].threadId, WAIT_MS)
      await host.waitFor((e) => e.event === 'trustPingResponse' && e.agent === 's1' && e.threadId === pings[id].threadId, WAIT_MS)
    }
  })

  test('a wallet that goes offline gets every message, in order, after reconnecting elsewhere', async () => {
    const id = 'w1'
    await host.send({ cmd: 'stopWallet', id })
    for (let i = 1; i <= 5; i++) {
      await host.send({ cmd: 'sendBasicMessage', from: 's1', connectionId: senderConnection[id], content: `offline ${id} #${i}` })
    }
    await new Promise((resolve) => setTimeout(resolve, 300))
    assert.equal(host.events.filter((e) => e.event === 'basicMessage' && e.agent === id && e.content.startsWith('offline')).length, 0)
    const sessionsBefore = liveSessions.length
    const ready = await host.send({ cmd: 'startWallet', id, wsUrl: secondWsUrl })
    assert.equal(ready.mediationState, 'granted')
    assert.equal(ready.mediatorConnectionId, wallets[id].mediatorConnectionId)
    const received = await host.waitForCount((e) => e.event === 'basicMessage' && e.agent === id && e.content.startsWith('offline'), 5, WAIT_MS)
    assert.deepEqual(received.map((e) => e.content), [1, 2, 3, 4, 5].map((i) => `offline ${id} #${i}`))
    // It is live again (through the second entrance): a new message arrives without a restart.
    const deadline = Date.now() + WAIT_MS
    while (liveSessions.length === sessionsBefore && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    assert.ok(liveSessions.length > sessionsBefore, 'no new live session after startWallet')
    await host.send({ cmd: 'sendBasicMessage', from: 's1', connectionId: senderConnection[id], content: `back ${id}` })
    await host.waitFor((e) => e.event === 'basicMessage' && e.agent === id && e.content === `back ${id}`, WAIT_MS)
  })

  test('a wallet whose relay is killed reconnects through another relay and loses nothing', async () => {
    const id = 'w2'
    const relayA = await startRelay(wsPort)
    await host.send({ cmd: 'stopWallet', id })
    await host.send({ cmd: 'startWallet', id, wsUrl: relayA.url })
    await host.send({ cmd: 'sendBasicMessage', from: 's1', connectionId: senderConnection[id], content: `via A ${id}` })
    await host.waitFor((e) => e.event === 'basicMessage' && e.agent === id && e.content === `via A ${id}`, WAIT_MS)

    const closedBefore = host.events.filter((e) => e.event === 'socket' && e.agent === id && e.state === 'closed').length
    relayA.kill()
    await host.waitForCount((e) => e.event === 'socket' && e.agent === id && e.state === 'closed', closedBefore + 1, WAIT_MS)
    for (let i = 1; i <= 3; i++) {
      await host.send({ cmd: 'sendBasicMessage', from: 's1', connectionId: senderConnection[id], content: `relay down ${id} #${i}` })
    }
    const relayB = await startRelay(ws2Port)
    await host.send({ cmd: 'setWsUrl', id, wsUrl: relayB.url })
    const received = await host.waitForCount((e) => e.event === 'basicMessage' && e.agent === id && e.content.startsWith('relay down'), 3, WAIT_MS)
    assert.deepEqual(received.map((e) => e.content), [1, 2, 3].map((i) => `relay down ${id} #${i}`))
    relayB.kill()
  })

  test('bad commands get an error reply and do not disturb the host', async () => {
    await assert.rejects(host.send({ cmd: 'sendBasicMessage', from: 'nobody', connectionId: 'x', content: 'y' }), /no agent with id 'nobody'/)
    await assert.rejects(host.send({ cmd: 'fly' }), /expected one of/)
    await assert.rejects(host.send({ cmd: 'createWallet', id: 'w1', mediatorInvitationUrl: invitationUrl }), /already exists/)
    const stats = await host.send({ cmd: 'stats' })
    assert.equal(stats.wallets, WALLETS.length)
    assert.equal(stats.running, WALLETS.length + 1)
  })
})
