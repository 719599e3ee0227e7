#!/usr/bin/env node
// Benchmark (not a test): N real Credo 0.6.3 wallets (WebSocket only, PickUpV2LiveMode) onboard against a
// running Switchboard (./run), then one Credo sender sends each wallet one basic message over HTTP
// through the mediator, one at a time. Prints the onboarding rate and forward-to-delivery latency
// (sender's sendMessage call to the wallet's basicMessage event, measured in the driving process).
// Usage: node mediator/bench/wallets.mjs [wallets=100] [mediator URL=http://127.0.0.1:8080] [parallel=10]
import { createServer } from 'node:net'
import { AgentHostClient } from '../../interop/credo/lib/host-client.mjs'

const n = Number(process.argv[2] ?? 100)
const base = (process.argv[3] ?? 'http://127.0.0.1:8080').replace(/\/$/, '')
const parallel = Number(process.argv[4] ?? 10)
const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]

const invitation = await (await fetch(`${base}/invitation`)).text()
const host = await AgentHostClient.start({ stderr: 'ignore' })
try {
  const ids = Array.from({ length: n }, (_, i) => `bw${i}`)
  const t0 = performance.now()
  for (let i = 0; i < n; i += parallel) {
    await Promise.all(
      ids.slice(i, i + parallel).map(async (id) => {
        const ready = await host.send({ cmd: 'createWallet', id, mediatorInvitationUrl: invitation, transport: 'ws', timeoutMs: 120_000 })
        if (ready.mediationState !== 'granted') throw new Error(`${id}: mediation ${ready.mediationState}`)
      })
    )
  }
  const onboardSeconds = (performance.now() - t0) / 1000
  console.log(`onboarded ${n} wallets (parallel ${parallel}) in ${onboardSeconds.toFixed(1)} s = ${(n / onboardSeconds).toFixed(2)} wallets/s`)

  await host.send({ cmd: 'createSender', id: 'bs', httpPort: await freePort(), wsPort: await freePort() })
  const connection = {}
  for (const id of ids) {
    const inv = await host.send({ cmd: 'createInvitation', agent: id })
    connection[id] = (await host.send({ cmd: 'receiveInvitation', agent: 'bs', url: inv.url, timeoutMs: 120_000 })).connectionId
  }
  const latencies = []
  for (const id of ids) {
    const content = `bench ${id}`
    const start = performance.now()
    const arrived = host.waitFor((e) => e.event === 'basicMessage' && e.agent === id && e.content === content, 30_000, { includePast: false })
    await host.send({ cmd: 'sendBasicMessage', from: 'bs', connectionId: connection[id], content })
    await arrived
    latencies.push(performance.now() - start)
  }
  latencies.sort((a, b) => a - b)
  console.log(
    `forward-to-delivery latency over ${n} messages: p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1).toFixed(1)} ms`
  )
} finally {
  await host.send({ cmd: 'shutdown' }).catch(() => {})
}
