/**
 * The mediator's identity: its DIDComm v1 Ed25519 keys and its DIDComm v2 did:peer:2 (Ed25519 + X25519 keys,
 * DIDCommMessaging services), created once and shared by every instance through Redis, sealed with the
 * configured key-encryption key; did:key / base58 key spellings. In: {@link
 * dev.switchboard.mediator.config.MediatorConfig#keyEncryptionKey()}, the sealed keys stored once through {@link
 * dev.switchboard.mediator.store.MediatorKeyRecords}. Out: {@link
 * dev.switchboard.mediator.identity.MediatorIdentity} and {@link dev.switchboard.mediator.identity.MediatorDid},
 * both {@link dev.switchboard.didcomm.SecretResolver}s.
 */
@NullMarked
package dev.switchboard.mediator.identity;

import org.jspecify.annotations.NullMarked;
