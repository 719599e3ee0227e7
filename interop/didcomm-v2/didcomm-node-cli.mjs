// didcomm-node 0.4.1 (SICPA didcomm-rust as WASM) driven by JSON on stdin.
// Request:
//   {"op":"pack", "didDocs":[DIDDoc...], "secrets":[Secret...], "message":{plaintext},
//    "to":"did or kid", "from":"did or kid"|null, "signBy":null, "options":{PackEncryptedOptions}}
//   -> {"packed": "<JWE JSON>", "metadata": {...}}
//   {"op":"unpack", "didDocs":[...], "secrets":[...], "packed":"<JWE JSON>"}
//   -> {"message": {plaintext}, "metadata": {...}, "forwards": ["next", ...]}
//      (a forward addressed to a held key is parsed with try_parse_forward and its payload unpacked in turn;
//       "forwards" lists each hop's "next")
// DID docs use didcomm-node's shape; the DIDCommMessaging service key must be spelled "routingKeys".
import { Message } from 'didcomm-node';
import { run } from './cli-common.mjs';

function resolvers(request) {
  const docs = new Map((request.didDocs ?? []).map((d) => [d.id, d]));
  const secrets = new Map((request.secrets ?? []).map((s) => [s.id, s]));
  const didResolver = { resolve: async (did) => docs.get(did) ?? null };
  const secretsResolver = {
    get_secret: async (id) => secrets.get(id) ?? null,
    find_secrets: async (ids) => ids.filter((id) => secrets.has(id)),
  };
  return [didResolver, secretsResolver];
}

async function pack(request) {
  const [didResolver, secretsResolver] = resolvers(request);
  const msg = new Message(request.message);
  const [packed, metadata] = await msg.pack_encrypted(
    request.to, request.from ?? null, request.signBy ?? null, didResolver, secretsResolver, request.options ?? {});
  return { packed, metadata };
}

async function unpack(request) {
  const [didResolver, secretsResolver] = resolvers(request);
  const forwards = [];
  let packed = request.packed;
  for (let hop = 0; hop < 5; hop++) {
    const [msg, metadata] = await Message.unpack(packed, didResolver, secretsResolver, request.options ?? {});
    const parsed = msg.try_parse_forward();
    if (parsed) {
      const fwd = typeof parsed.as_value === "function" ? parsed.as_value() : parsed;
      forwards.push(fwd.next);
      packed = JSON.stringify(fwd.forwarded_msg);
      continue;
    }
    return { message: msg.as_value(), metadata, forwards };
  }
  throw new Error('too many forward hops');
}

run((request) => {
  switch (request.op) {
    case 'pack': return pack(request);
    case 'unpack': return unpack(request);
    default: throw new Error('unknown op ' + request.op);
  }
});
