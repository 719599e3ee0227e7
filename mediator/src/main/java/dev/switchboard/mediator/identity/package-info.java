/**
 * The mediator's identity: its Ed25519 keys, created once and shared by every instance through Redis,
 * sealed with the configured key-encryption key; did:key / base58 key spellings. In: {@link
 * dev.switchboard.mediator.config.MediatorConfig#keyEncryptionKey()}, Redis. Out: {@link
 * dev.switchboard.mediator.identity.MediatorIdentity}, a {@link dev.switchboard.didcomm.SecretResolver}.
 */
@NullMarked
package dev.switchboard.mediator.identity;

import org.jspecify.annotations.NullMarked;
