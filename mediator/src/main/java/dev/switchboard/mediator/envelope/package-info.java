/**
 * The mediator's view of DIDComm envelopes: v1 (RFC 0019, its Ed25519 keys) and v2 (JWE/JWS, its did:peer:2):
 * unpack with its own keys, authcrypt its replies. In: packed bytes. Out: plaintext with {@link
 * dev.switchboard.didcomm.UnpackMetadata}; failures as {@link dev.switchboard.didcomm.DidcommException}.
 */
@NullMarked
package dev.switchboard.mediator.envelope;

import org.jspecify.annotations.NullMarked;
