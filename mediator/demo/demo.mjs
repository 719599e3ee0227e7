#!/usr/bin/env node
// Newcomer's demo: a real Credo 0.6.3 wallet (WebSocket only) takes the mediator's invitation, gets
// mediation and goes live (pickup 2.0); a Credo sender connects to the wallet through the mediator and
// sends it a basic message over HTTP. Prints each step. Needs interop/credo's node_modules:
//   (cd interop/credo && npm ci --ignore-scripts)
// Usage: node mediator/demo/demo.mjs [mediator base URL, default http://127.0.0.1:8080]
import { createServer } from 'node:net'
import { AgentHostClient } from '../../interop/credo/lib/host-client.mjs'

const base = (process.argv[2] ?? 'http://127.0.0.1:8080').replace(/\/$/, '')
const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })

const invitation = await (await fetch(`${base}/invitation`)).text()
console.log(`invitation: ${invitation.slice(0, 80)}...`)
const host = await AgentHostClient.start({ stderr: 'ignore' })
try {
  const wallet = await host.send({ cmd: 'createWallet', id: 'demo-wallet', mediatorInvitationUrl: invitation, transport: 'ws' })
  console.log(`wallet: mediation ${wallet.mediationState}, routing key ${wallet.routingKeys[0]}, endpoint ${wallet.endpoint}`)
  await host.send({ cmd: 'createSender', id: 'demo-sender', httpPort: await freePort(), wsPort: await freePort() })
  const inv = await host.send({ cmd: 'createInvitation', agent: 'demo-wallet' })
  const connected = await host.send({ cmd: 'receiveInvitation', agent: 'demo-sender', url: inv.url })
  console.log(`sender connected to the wallet through the mediator (connection ${connected.connectionId})`)
  await host.send({ cmd: 'sendBasicMessage', from: 'demo-sender', connectionId: connected.connectionId, content: 'hello through Switchboard' })
  const got = await host.waitFor((e) => e.event === 'basicMessage' && e.agent === 'demo-wallet', 30_000)
  console.log(`wallet received: "${got.content}"`)
} catch (error) {
  console.error(`demo failed: ${error.message}`)
  process.exitCode = 1
} finally {
  await host.send({ cmd: 'shutdown' }).catch(() => {})
}
