/**
 * DIDComm v1: <a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0019-encryption-envelope">Aries
 * RFC 0019</a> encryption envelopes and the Ed25519 signatures DIDComm v1 protocols carry.
 *
 * <p>In: packed envelopes (bytes or strings), plaintext to pack, recipient verkeys (base58 or did:key), and
 * private keys through {@link dev.switchboard.didcomm.SecretResolver} keyed by base58 verkey. Out: {@link
 * dev.switchboard.didcomm.v1.UnpackedMessage} (plaintext + {@link dev.switchboard.didcomm.UnpackMetadata}),
 * packed envelope JSON, signed attachments ({@link dev.switchboard.didcomm.v1.AttachmentSignatures}) and
 * {@code connection~sig} decorators ({@link dev.switchboard.didcomm.v1.SignatureDecorator}). Every failure on
 * bad input is a {@link dev.switchboard.didcomm.DidcommException} with its problem code.
 */
@NullMarked
package dev.switchboard.didcomm.v1;

import org.jspecify.annotations.NullMarked;
