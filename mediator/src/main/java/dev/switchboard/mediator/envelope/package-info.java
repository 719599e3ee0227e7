/**
 * The mediator's view of DIDComm v1 envelopes: unpack with its own keys, authcrypt its replies. In: packed
 * bytes. Out: plaintext with {@link dev.switchboard.didcomm.UnpackMetadata}; failures as {@link
 * dev.switchboard.didcomm.DidcommException}.
 */
@NullMarked
package dev.switchboard.mediator.envelope;

import org.jspecify.annotations.NullMarked;
