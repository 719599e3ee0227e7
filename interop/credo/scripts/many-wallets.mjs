#!/usr/bin/env node
// Manual scale check (not a test): N Credo wallets in ONE agent-host process against a Credo
// mediator in this process; prints onboarding time, the host's memory, and (with --messages) the
// time for a sender to connect to every wallet and get one basic message to each.
//
//   node scripts/many-wallets.mjs [--wallets 100] [--concurrency 10] [--messages]
import { createServer } from 'node:net'
import { parseArgs } from 'node:util'

import { createMediatorAgent } from '../lib/agents.mjs'
import { AgentHostClient } from '../lib/host-client.mjs'

const { values } = parseArgs({
  options: {
    wallets: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '10' },
    messages: { type: 'boolean', default: false },
  },
})
const walletCount = Number(values.wallets)
const concurrency = Number(values.concurrency)

async function freePort() {
  const server = createServer()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function inBatches(ids, fn) {
  const queue = [...ids]
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (queue.length > 0) await fn(queue.shift())
    })
  )
}

const mediator = createMediatorAgent({ httpPort: await freePort(), wsPort: await freePort() }).agent
await mediator.initialize()
const { outOfBandInvitation } = await mediator.didcomm.oob.createInvitation({ multiUseInvitation: true })
const invitationUrl = outOfBandInvitation.toUrl({ domain: 'http://127.0.0.1/invitation' })
const host = await AgentHostClient.start({ stderr: 'ignore' })
const ids = Array.from({ length: walletCount }, (_, i) => `w${i + 1}`)

try {
  const before = await host.send({ cmd: 'stats' })
  let t0 = performance.now()
  await inBatches(ids, (id) => host.send({ cmd: 'createWallet', id, mediatorInvitationUrl: invitationUrl, transport: 'ws' }))
  const onboardMs = performance.now() - t0
  const after = await host.send({ cmd: 'stats' })
  console.log(
    `onboarded ${walletCount} wallets (concurrency ${concurrency}) in ${(onboardMs / 1000).toFixed(1)} s ` +
      `(${(walletCount / (onboardMs / 1000)).toFixed(1)} wallets/s); agent-host RSS ${(before.rssBytes / 2 ** 20).toFixed(0)} MB -> ` +
      `${(after.rssBytes / 2 ** 20).toFixed(0)} MB, heap used ${(after.heapUsedBytes / 2 ** 20).toFixed(0)} MB`
  )
  if (values.messages) {
    await host.send({ cmd: 'createSender', id: 's1', httpPort: await freePort(), wsPort: await freePort() })
    t0 = performance.now()
    const connections = {}
    await inBatches(ids, async (id) => {
      const { url } = await host.send({ cmd: 'createInvitation', agent: id })
      connections[id] = (await host.send({ cmd: 'receiveInvitation', agent: 's1', url, timeoutMs: 120_000 })).connectionId
    })
    const connectMs = performance.now() - t0
    t0 = performance.now()
    await inBatches(ids, (id) => host.send({ cmd: 'sendBasicMessage', from: 's1', connectionId: connections[id], content: `hello ${id}` }))
    await host.waitForCount((e) => e.event === 'basicMessage', walletCount, 120_000)
    const deliverMs = performance.now() - t0
    const end = await host.send({ cmd: 'stats' })
    console.log(
      `sender connected to ${walletCount} wallets in ${(connectMs / 1000).toFixed(1)} s; ` +
        `${walletCount} basic messages sent and received in ${(deliverMs / 1000).toFixed(1)} s; agent-host RSS ${(end.rssBytes / 2 ** 20).toFixed(0)} MB`
    )
  }
} finally {
  await host.shutdown()
  await mediator.shutdown()
}
process.exit(0)
