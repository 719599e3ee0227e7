/**
 * The virtual wallet: a DIDComm v1 mobile wallet as Credo 0.6 behaves towards a mediator, without I/O. In:
 * the mediator's out-of-band invitation and the text frames the relay (or a peer mediator) writes to the
 * wallet's socket. Out: packed frames to send (DID exchange request/complete, mediate-request, keylist-update,
 * push-notifications-fcm set-device-info, pickup 2.0 status-request / live-delivery-change /
 * messages-received, trust ping), authcrypted to the invitation key or, after a DID exchange response with a
 * long-form did:peer:4, to that DID's key; and, for each {@code delivery}, the
 * forwarded messages it carried (recorded in the {@link dev.switchboard.loadtest.ledger.Ledger}).
 */
@NullMarked
package dev.switchboard.loadtest.wallet;

import org.jspecify.annotations.NullMarked;
