// Key management backend for Credo 0.6.3 without Askar.
//
// NodeKeyManagementService (from @credo-ts/node) does keys, signatures and JOSE-style encryption
// with node:crypto, but not the DIDComm v1 envelope operations: key agreement "ECDH-HSALSA20" with
// encryption "XSALSA20-POLY1305", i.e. libsodium crypto_box (authcrypt) and crypto_box_seal
// (anoncrypt), as used by Credo's DidCommEnvelopeService (Aries RFC 0019). This subclass adds exactly
// those two operations on top of libsodium-wrappers; everything else is inherited unchanged.
//
// Keys: the key named by keyAgreement.keyId may be an Ed25519 key (converted to X25519 with
// crypto_sign_ed25519_sk_to_curve25519, as Askar does) or an X25519 key.
import sodium from 'libsodium-wrappers'
import { Kms, TypedArrayEncoder } from '@credo-ts/core'
import { NodeInMemoryKeyManagementStorage, NodeKeyManagementService } from '@credo-ts/node'

await sodium.ready

const HSALSA20 = 'ECDH-HSALSA20'
const XSALSA20 = 'XSALSA20-POLY1305'

/** True when a KMS operation is a DIDComm v1 crypto_box / crypto_box_seal operation. */
function isBoxOperation(operation) {
  const algorithm = operation.operation === 'encrypt' ? operation.encryption?.algorithm : operation.decryption?.algorithm
  return algorithm === XSALSA20 && (!operation.keyAgreement || operation.keyAgreement.algorithm === HSALSA20)
}

export class SodiumKeyManagementService extends NodeKeyManagementService {
  #storage

  /** @param storage a NodeKeyManagementStorage; defaults to a fresh in-memory one. */
  constructor(storage = new NodeInMemoryKeyManagementStorage()) {
    super(storage)
    this.#storage = storage
  }

  isOperationSupported(agentContext, operation) {
    if ((operation.operation === 'encrypt' || operation.operation === 'decrypt') && isBoxOperation(operation)) {
      return true
    }
    return super.isOperationSupported(agentContext, operation)
  }

  async encrypt(agentContext, options) {
    if (options.encryption?.algorithm !== XSALSA20) return super.encrypt(agentContext, options)
    const keyAgreement = options.key?.keyAgreement
    if (!keyAgreement || keyAgreement.algorithm !== HSALSA20) {
      throw new Kms.KeyManagementAlgorithmNotSupportedError(
        `encryption '${XSALSA20}' without key agreement '${HSALSA20}'`,
        this.backend
      )
    }
    const recipientX25519 = x25519PublicKey(keyAgreement.externalPublicJwk)
    const data = toBytes(options.data)
    if (keyAgreement.keyId) {
      // Authcrypt: crypto_box with our (sender) key; the nonce is returned as iv.
      const { privateKey } = await this.#x25519KeyPair(agentContext, keyAgreement.keyId)
      const nonce = sodium.randombytes_buf(sodium.crypto_box_NONCEBYTES)
      const encrypted = sodium.crypto_box_easy(data, nonce, recipientX25519, privateKey)
      return { encrypted, iv: nonce }
    }
    // Anoncrypt: crypto_box_seal (ephemeral sender key inside the output).
    return { encrypted: sodium.crypto_box_seal(data, recipientX25519) }
  }

  async decrypt(agentContext, options) {
    if (options.decryption?.algorithm !== XSALSA20) return super.decrypt(agentContext, options)
    const keyAgreement = options.key?.keyAgreement
    if (!keyAgreement || keyAgreement.algorithm !== HSALSA20 || !keyAgreement.keyId) {
      throw new Kms.KeyManagementAlgorithmNotSupportedError(
        `decryption '${XSALSA20}' without key agreement '${HSALSA20}' and keyId`,
        this.backend
      )
    }
    const { publicKey, privateKey } = await this.#x25519KeyPair(agentContext, keyAgreement.keyId)
    const encrypted = toBytes(options.encrypted)
    try {
      if (keyAgreement.externalPublicJwk) {
        const iv = options.decryption.iv
        if (!iv) throw new Kms.KeyManagementError(`'iv' is required for ${XSALSA20} decryption with a sender key`)
        const senderX25519 = x25519PublicKey(keyAgreement.externalPublicJwk)
        return { data: sodium.crypto_box_open_easy(encrypted, toBytes(iv), senderX25519, privateKey) }
      }
      return { data: sodium.crypto_box_seal_open(encrypted, publicKey, privateKey) }
    } catch (error) {
      if (error instanceof Kms.KeyManagementError) throw error
      throw new Kms.KeyManagementError('Error decrypting with ECDH-HSALSA20 / XSALSA20-POLY1305', { cause: error })
    }
  }

  /** X25519 key pair (raw bytes) for a stored Ed25519 or X25519 private key. */
  async #x25519KeyPair(agentContext, keyId) {
    const jwk = await this.#storage.get(agentContext, keyId)
    if (!jwk) throw new Kms.KeyManagementKeyNotFoundError(keyId, [this.backend])
    if (jwk.kty !== 'OKP' || !jwk.d) {
      throw new Kms.KeyManagementError(`key '${keyId}' is not an OKP private key (kty '${jwk.kty}')`)
    }
    const d = TypedArrayEncoder.fromBase64(jwk.d)
    if (jwk.crv === 'Ed25519') {
      const ed = sodium.crypto_sign_seed_keypair(d)
      return {
        publicKey: sodium.crypto_sign_ed25519_pk_to_curve25519(ed.publicKey),
        privateKey: sodium.crypto_sign_ed25519_sk_to_curve25519(ed.privateKey),
      }
    }
    if (jwk.crv === 'X25519') {
      return { publicKey: sodium.crypto_scalarmult_base(d), privateKey: d }
    }
    throw new Kms.KeyManagementError(`key '${keyId}' has crv '${jwk.crv}' (expected: Ed25519 or X25519)`)
  }
}

function x25519PublicKey(jwk) {
  if (!jwk || jwk.kty !== 'OKP' || jwk.crv !== 'X25519') {
    throw new Kms.KeyManagementError(`externalPublicJwk must be an X25519 OKP key (got ${jwk?.kty}/${jwk?.crv})`)
  }
  return TypedArrayEncoder.fromBase64(jwk.x)
}

function toBytes(value) {
  return value instanceof Uint8Array ? value : new Uint8Array(value)
}

/** Raw Ed25519 public key for a 32-byte seed (libsodium crypto_sign_seed_keypair). */
export function ed25519PublicKeyFromSeed(seed) {
  return sodium.crypto_sign_seed_keypair(seed).publicKey
}
