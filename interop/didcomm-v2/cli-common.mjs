// Shared stdin/stdout plumbing for the interop CLIs: one JSON request on stdin, one JSON answer on stdout.
// Failures print {"error": "..."} and exit 1, so the Java side can report what the library said.

export async function readRequest() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export async function run(handler) {
  try {
    const request = await readRequest();
    const answer = await handler(request);
    process.stdout.write(JSON.stringify(answer));
  } catch (e) {
    process.stdout.write(JSON.stringify({ error: String(e?.name ?? 'Error') + ': ' + String(e?.message ?? e) }));
    process.exitCode = 1;
  }
}

export const FORWARD = 'https://didcomm.org/routing/2.0/forward';
