#!/usr/bin/env node
// DIDComm v1 envelope CLI backed by Credo 0.6.3's DidCommEnvelopeService (see README.md).
//
// stdin: one JSON request (may span lines), or several requests as JSON lines.
//   {"op":"pack","alg":"Authcrypt"|"Anoncrypt","senderSeedHex"?,"recipientVerkeys":[...],"message":{...}}
//   {"op":"unpack","recipientSeedHex":"...","jwe":{...}}
// stdout: one JSON line per request: the packed JWE, or {"message","senderVerkey","recipientVerkey"},
//   or {"error":{"kind":"request"|"crypto","message"}}.
// exit: 0 when every request succeeded, 1 when one failed to decrypt/encrypt, 2 on a malformed request.
console.log = console.info = console.debug = (...args) => console.error(...args)

const { createEnvelopeAgent, RequestError } = await import('./lib/envelope.mjs')

const chunks = []
for await (const chunk of process.stdin) chunks.push(chunk)
const input = Buffer.concat(chunks).toString('utf8')

let requests
try {
  const lines = input.split('\n').filter((line) => line.trim() !== '')
  try {
    requests = lines.map((line) => JSON.parse(line))
  } catch {
    requests = [JSON.parse(input)]
  }
  if (requests.length === 0) throw new Error('empty input')
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: { kind: 'request', message: `stdin is not JSON: ${error.message}` } })}\n`)
  process.exit(2)
}

const codec = await createEnvelopeAgent()
let exitCode = 0
for (const request of requests) {
  try {
    const result = await codec.handle(request)
    process.stdout.write(`${JSON.stringify(result)}\n`)
  } catch (error) {
    const kind = error instanceof RequestError ? 'request' : 'crypto'
    exitCode = Math.max(exitCode, kind === 'request' ? 2 : 1)
    console.error(`envelope: ${kind} error: ${error.message}`)
    process.stdout.write(`${JSON.stringify({ error: { kind, message: error.message } })}\n`)
  }
}
await codec.close()
process.exit(exitCode)
