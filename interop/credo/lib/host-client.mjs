// Client of agent-host.mjs for Node tests and tools: spawns it, sends commands, awaits replies and events.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const HOST = fileURLToPath(new URL('../agent-host.mjs', import.meta.url))

export class AgentHostClient {
  #child
  #nextReqId = 1
  #pending = new Map()
  #waiters = new Set()
  /** every event received, in order */
  events = []

  static async start({ stderr = 'inherit', env = {} } = {}) {
    const client = new AgentHostClient()
    client.#child = spawn(process.execPath, [HOST], {
      stdio: ['pipe', 'pipe', stderr],
      env: { ...process.env, ...env },
    })
    createInterface({ input: client.#child.stdout }).on('line', (line) => client.#onLine(line))
    client.exited = new Promise((resolve) =>
      client.#child.on('exit', (code, signal) => {
        for (const { reject } of client.#pending.values()) reject(new Error(`agent host exited (code ${code}, signal ${signal})`))
        client.#pending.clear()
        resolve({ code, signal })
      })
    )
    await client.waitFor((e) => e.event === 'ready', 60_000)
    return client
  }

  #onLine(line) {
    const event = JSON.parse(line)
    this.events.push(event)
    if (event.reqId !== null && event.reqId !== undefined && this.#pending.has(event.reqId)) {
      const { resolve, reject } = this.#pending.get(event.reqId)
      this.#pending.delete(event.reqId)
      if (event.event === 'error') reject(new Error(`${event.cmd}: ${event.message}`))
      else resolve(event)
    }
    for (const waiter of this.#waiters) {
      if (waiter.predicate(event)) {
        this.#waiters.delete(waiter)
        waiter.resolve(event)
      }
    }
  }

  /** Sends a command and resolves with its reply event (rejects on an error event). */
  send(command) {
    const reqId = `r${this.#nextReqId++}`
    const reply = new Promise((resolve, reject) => this.#pending.set(reqId, { resolve, reject }))
    this.#child.stdin.write(`${JSON.stringify({ ...command, reqId })}\n`)
    return reply
  }

  /** Resolves with the first event (already received or future) matching the predicate. */
  waitFor(predicate, timeoutMs = 30_000, { includePast = true } = {}) {
    if (includePast) {
      const past = this.events.find(predicate)
      if (past) return Promise.resolve(past)
    }
    return new Promise((resolve, reject) => {
      const waiter = { predicate, resolve }
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter)
        reject(new Error(`no matching event within ${timeoutMs} ms; last events: ${JSON.stringify(this.events.slice(-5))}`))
      }, timeoutMs)
      waiter.resolve = (event) => {
        clearTimeout(timer)
        resolve(event)
      }
      this.#waiters.add(waiter)
    })
  }

  /** Resolves when `count` events match, with those events in arrival order. */
  async waitForCount(predicate, count, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const matching = this.events.filter(predicate)
      if (matching.length >= count) return matching
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`only ${matching.length} of ${count} events; last events: ${JSON.stringify(this.events.slice(-5))}`)
      await this.waitFor(predicate, left, { includePast: false }).catch(() => {})
    }
  }

  async shutdown() {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return
    this.#child.stdin.write(`${JSON.stringify({ cmd: 'shutdown', reqId: 'shutdown' })}\n`)
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 15_000)
    await this.exited
    clearTimeout(timer)
  }
}
