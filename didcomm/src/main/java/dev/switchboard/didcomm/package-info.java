/**
 * DIDComm envelopes and DIDs for the mediator and the load test: plain Java, no Quarkus.
 *
 * <p>In: packed messages as bytes or strings (DIDComm v1 JWM/1.0 envelopes per
 * <a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0019-encryption-envelope">Aries RFC
 * 0019</a>, DIDComm v2 JWE/JWS per <a href="https://identity.foundation/didcomm-messaging/spec/v2.1/">DIF
 * DIDComm Messaging 2.1</a>), keys through {@link dev.switchboard.didcomm.SecretResolver}, DID documents
 * through {@link dev.switchboard.didcomm.DidResolver}.
 *
 * <p>Out: plaintext with {@link dev.switchboard.didcomm.UnpackMetadata}, packed envelopes, DIDs and DID
 * documents. Every failure on bad input is a {@link dev.switchboard.didcomm.DidcommException} carrying the
 * {@link dev.switchboard.didcomm.ProblemCode} the mediator answers with; no other exception escapes.
 *
 * <p>Sub-packages: {@code v1} (RFC 0019 envelopes), {@code v2} (JWE/JWS), {@code did} (did:key, did:peer).
 * Nothing here depends on the mediator, Quarkus or Netty. Crypto primitives come from libsodium (lazysodium),
 * BouncyCastle, Nimbus JOSE+JWT/Tink and the JDK; none is hand-rolled.
 */
package dev.switchboard.didcomm;
