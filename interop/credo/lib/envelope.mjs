// DIDComm v1 pack / unpack (Aries RFC 0019) through Credo 0.6.3's own DidCommEnvelopeService,
// running on SodiumKeyManagementService. Used by envelope.mjs (CLI) and the tests.
import { Agent, Kms, TypedArrayEncoder } from '@credo-ts/core'
import { DidCommEnvelopeService, DidCommModule } from '@credo-ts/didcomm'
import { agentDependencies } from '@credo-ts/node'

import { PrefixLogger, logLevelFromEnv, newAgentState } from './agents.mjs'
import { SodiumKeyManagementService, ed25519PublicKeyFromSeed } from './kms.mjs'
import { InMemoryStorageModule } from './storage.mjs'

/** An initialized transport-less Credo agent whose only job is packing and unpacking. */
export async function createEnvelopeAgent() {
  const state = newAgentState()
  const agent = new Agent({
    config: { logger: new PrefixLogger('envelope', logLevelFromEnv()) },
    dependencies: agentDependencies,
    modules: {
      storage: new InMemoryStorageModule(state.storage),
      kms: new Kms.KeyManagementModule({ backends: [new SodiumKeyManagementService(state.keys)] }),
      didcomm: new DidCommModule({
        credentials: false,
        proofs: false,
        mediator: false,
        mediationRecipient: false,
        messagePickup: false,
        basicMessages: false,
      }),
    },
  })
  await agent.initialize()
  return new EnvelopeCodec(agent)
}

export class EnvelopeCodec {
  constructor(agent) {
    this.agent = agent
    this.envelopes = agent.dependencyManager.resolve(DidCommEnvelopeService)
    this.kms = agent.dependencyManager.resolve(Kms.KeyManagementApi)
  }

  /**
   * Imports an Ed25519 key from its 32-byte seed (hex) under the key id Credo uses for legacy
   * keys (the base58 verkey), runs `use(jwk)`, then deletes the key again, so that each request
   * sees only its own keys.
   */
  async withSeed(seedHex, name, use) {
    const seed = hexToBytes(seedHex, name)
    const publicKey = ed25519PublicKeyFromSeed(seed)
    const jwk = Kms.PublicJwk.fromPublicKey({ kty: 'OKP', crv: 'Ed25519', publicKey })
    const kid = jwk.legacyKeyId
    await this.kms.importKey({
      privateJwk: {
        kty: 'OKP',
        crv: 'Ed25519',
        d: TypedArrayEncoder.toBase64URL(seed),
        x: TypedArrayEncoder.toBase64URL(publicKey),
        kid,
      },
    })
    jwk.keyId = kid
    try {
      return await use(jwk)
    } finally {
      await this.kms.deleteKey({ keyId: kid })
    }
  }

  /**
   * @param request {alg: "Authcrypt"|"Anoncrypt", senderSeedHex?, recipientVerkeys: [base58], message: {...}}
   * @returns the packed JWE JSON {protected, iv, ciphertext, tag}
   */
  async pack({ alg, senderSeedHex, recipientVerkeys, message }) {
    if (alg !== 'Authcrypt' && alg !== 'Anoncrypt') throw new RequestError(`alg: ${alg} (expected: Authcrypt or Anoncrypt)`)
    if (!Array.isArray(recipientVerkeys) || recipientVerkeys.length === 0) {
      throw new RequestError('recipientVerkeys: expected a non-empty array of base58 Ed25519 verkeys')
    }
    if (message === null || typeof message !== 'object') throw new RequestError('message: expected a JSON object')
    if (alg === 'Authcrypt' && !senderSeedHex) throw new RequestError('senderSeedHex: required for Authcrypt')
    if (alg === 'Anoncrypt' && senderSeedHex) throw new RequestError('senderSeedHex: not allowed for Anoncrypt')
    const recipients = recipientVerkeys.map((verkey) => verkeyToJwk(verkey))
    const encrypt = (sender) => this.envelopes.encryptDidcommV1Message(this.agent.context, message, recipients, sender)
    return alg === 'Authcrypt' ? this.withSeed(senderSeedHex, 'senderSeedHex', encrypt) : encrypt(undefined)
  }

  /**
   * @param request {recipientSeedHex, jwe: {...}}
   * @returns {message, senderVerkey (null for Anoncrypt), recipientVerkey}
   */
  async unpack({ recipientSeedHex, jwe }) {
    if (!recipientSeedHex) throw new RequestError('recipientSeedHex: required')
    if (jwe === null || typeof jwe !== 'object') throw new RequestError('jwe: expected the packed JSON object')
    const { plaintextMessage, senderKey, recipientKey } = await this.withSeed(recipientSeedHex, 'recipientSeedHex', () =>
      this.envelopes.decryptDidcommV1Message(this.agent.context, jwe)
    )
    return {
      message: plaintextMessage,
      senderVerkey: senderKey ? TypedArrayEncoder.toBase58(senderKey.publicKey.publicKey) : null,
      recipientVerkey: TypedArrayEncoder.toBase58(recipientKey.publicKey.publicKey),
    }
  }

  async handle(request) {
    if (request?.op === 'pack') return this.pack(request)
    if (request?.op === 'unpack') return this.unpack(request)
    throw new RequestError(`op: ${request?.op} (expected: pack or unpack)`)
  }

  async close() {
    await this.agent.shutdown()
  }
}

/** A malformed request (as opposed to a failed decryption). */
export class RequestError extends Error {}

function verkeyToJwk(verkey) {
  let publicKey
  try {
    publicKey = TypedArrayEncoder.fromBase58(verkey)
  } catch {
    throw new RequestError(`recipientVerkeys: '${verkey}' is not base58`)
  }
  if (publicKey.length !== 32) throw new RequestError(`recipientVerkeys: '${verkey}' is ${publicKey.length} bytes (expected: 32)`)
  return Kms.PublicJwk.fromPublicKey({ kty: 'OKP', crv: 'Ed25519', publicKey })
}

function hexToBytes(hex, name) {
  if (typeof hex !== 'string' || !/^[0-9a-fA-F]{64}$/.test(hex)) throw new RequestError(`${name}: expected 64 hex digits`)
  return new Uint8Array(Buffer.from(hex, 'hex'))
}
