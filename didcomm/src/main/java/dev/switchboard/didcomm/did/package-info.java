/**
 * DIDs for DIDComm: did:key, did:peer numalgo 2 and 4 (create and resolve), DID documents in JSON as DIDComm
 * v1 agents attach them, DIDComm v1 verkey normalisation, and a composite {@link
 * dev.switchboard.didcomm.DidResolver}.
 *
 * <p>In: DIDs, DID URLs, verkeys (base58, did:key), DID document JSON. Out: {@link
 * dev.switchboard.didcomm.DidDocument}s, DIDs, {@link dev.switchboard.didcomm.did.Multikey} keys, Ed25519 key
 * pairs and signatures (libsodium). Malformed DIDs fail with {@code e.p.did.unresolvable}, malformed keys and
 * documents with {@code e.p.msg.invalid}; nothing else escapes for bad input. Resolution is offline.
 */
@NullMarked
package dev.switchboard.didcomm.did;

import org.jspecify.annotations.NullMarked;
