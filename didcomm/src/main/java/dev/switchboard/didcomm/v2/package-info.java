/**
 * DIDComm v2 (<a href="https://identity.foundation/didcomm-messaging/spec/v2.1/">DIF DIDComm Messaging 2.1</a>)
 * envelopes.
 *
 * <p>In: {@link dev.switchboard.didcomm.v2.Message} plaintexts to pack, or packed JSON text (plaintext,
 * JWS, JWE) to unpack; DID documents via {@link dev.switchboard.didcomm.DidResolver} and private keys via
 * {@link dev.switchboard.didcomm.SecretResolver}, both keyed by DID URL.
 *
 * <p>Out: packed JSON ({@link dev.switchboard.didcomm.v2.PackedMessage}) or
 * {@link dev.switchboard.didcomm.v2.Unpacked} (plaintext + {@link dev.switchboard.didcomm.UnpackMetadata});
 * routing/2.0 forwards recognised by {@link dev.switchboard.didcomm.v2.Forward}. Entry point: {@link
 * dev.switchboard.didcomm.v2.DidcommV2}. Bad input gives only {@link dev.switchboard.didcomm.DidcommException}.
 *
 * <p>JOSE: one shared {@code epk} per JWE, assembled from Nimbus JOSE+JWT's ECDH / Concat KDF / AES-KW /
 * content-encryption primitives (Tink for X25519, Ed25519 and XC20P; BouncyCastle for secp256k1).
 */
@NullMarked
package dev.switchboard.didcomm.v2;

import org.jspecify.annotations.NullMarked;
