// Veramo 7.0.1 (@veramo/did-comm with did:peer) driven by JSON on stdin.
// Every run builds a fresh in-memory agent and imports the given identities:
//   "identities": [{"did": "did:peer:2...", "x25519PrivateKeyHex": "<32 bytes hex>",
//                   "ed25519PrivateKeyHex": "<32-byte seed hex, optional>"}]
// Requests:
//   {"op":"resolve", "dids":[...]} -> {"didDocuments": [...]} (Veramo's did:peer resolver)
//   {"op":"pack", "identities":[...], "packing":"authcrypt"|"anoncrypt"|"jws", "message":{plaintext}, "options":{}?,
//    "forward": true|false}
//   -> {"packed": "<JWE JSON>"}; with forward, Veramo's own send path wraps it for the recipient service's
//      routingKeys and hands it to a capturing transport instead of the network.
//   {"op":"unpack", "identities":[...], "packed":"..."}
//   -> {"message": {plaintext}, "metaData": {...}, "forwards": ["next", ...]} (forwards are opened in turn)
import { createAgent } from '@veramo/core';
import { DIDComm } from '@veramo/did-comm';
import { DIDManager, MemoryDIDStore } from '@veramo/did-manager';
import { PeerDIDProvider, getResolver as peerDidResolver } from '@veramo/did-provider-peer';
import { DIDResolverPlugin } from '@veramo/did-resolver';
import { KeyManager, MemoryKeyStore, MemoryPrivateKeyStore } from '@veramo/key-manager';
import { KeyManagementSystem } from '@veramo/kms-local';
import { Resolver } from 'did-resolver';
import { run, FORWARD } from './cli-common.mjs';

class CaptureTransport {
  constructor() { this.id = 'capture'; this.sent = []; }
  isServiceSupported() { return true; }
  async send(service, message) { this.sent.push({ service, message }); return { result: 'captured' }; }
}

async function agentFor(request) {
  const capture = new CaptureTransport();
  const agent = createAgent({
    plugins: [
      new KeyManager({ store: new MemoryKeyStore(), kms: { local: new KeyManagementSystem(new MemoryPrivateKeyStore()) } }),
      new DIDManager({
        store: new MemoryDIDStore(),
        defaultProvider: 'did:peer',
        providers: { 'did:peer': new PeerDIDProvider({ defaultKms: 'local' }) },
      }),
      new DIDResolverPlugin({ resolver: new Resolver({ ...peerDidResolver() }) }),
      new DIDComm({ transports: [capture] }),
    ],
  });
  let n = 0;
  for (const identity of request.identities ?? []) {
    const keys = [{ kid: 'x25519-' + n, kms: 'local', type: 'X25519', privateKeyHex: identity.x25519PrivateKeyHex }];
    if (identity.ed25519PrivateKeyHex) {
      keys.push({ kid: 'ed25519-' + n, kms: 'local', type: 'Ed25519', privateKeyHex: identity.ed25519PrivateKeyHex });
    }
    n++;
    await agent.didManagerImport({ did: identity.did, provider: 'did:peer', keys, services: [] });
  }
  return [agent, capture];
}

async function pack(request) {
  const [agent, capture] = await agentFor(request);
  const packed = await agent.packDIDCommMessage({
    packing: request.packing, message: request.message, options: request.options });
  if (!request.forward) {
    return { packed: packed.message };
  }
  await agent.sendDIDCommMessage({ packedMessage: packed, recipientDidUrl: request.message.to[0], messageId: request.message.id });
  if (capture.sent.length !== 1) throw new Error('expected one captured send, got ' + capture.sent.length);
  return { packed: capture.sent[0].message };
}

async function unpack(request) {
  const [agent] = await agentFor(request);
  const forwards = [];
  let packed = request.packed;
  for (let hop = 0; hop < 5; hop++) {
    const { message, metaData } = await agent.unpackDIDCommMessage({ message: packed });
    if (message.type === FORWARD) {
      forwards.push(message.body.next);
      packed = JSON.stringify(message.attachments[0].data.json);
      continue;
    }
    return { message, metaData, forwards };
  }
  throw new Error('too many forward hops');
}

async function resolve(request) {
  const [agent] = await agentFor({});
  const didDocuments = [];
  for (const did of request.dids) {
    didDocuments.push((await agent.resolveDid({ didUrl: did })).didDocument);
  }
  return { didDocuments };
}

run((request) => {
  switch (request.op) {
    case 'pack': return pack(request);
    case 'unpack': return unpack(request);
    case 'resolve': return resolve(request);
    default: throw new Error('unknown op ' + request.op);
  }
});
