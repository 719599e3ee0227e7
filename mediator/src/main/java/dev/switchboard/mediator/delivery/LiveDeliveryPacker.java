package dev.switchboard.mediator.delivery;

import dev.switchboard.queue.mailbox.Delivery;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Port of the push loop: packs a reserved batch as the live {@code delivery} message a wallet in pickup live
 * mode expects. Implemented by the pickup protocols ({@code protocol.messagepickup.PickupLiveDelivery}), which own
 * the wire formats (messagepickup 2.0 / 3.0, message-pickup 4.0); this package only decides when and where
 * a batch goes.
 */
public interface LiveDeliveryPacker {
    /**
     * The packed live {@code delivery} of {@code batch}.
     *
     * @param conn the wallet's connection key: a base58 verkey (DIDComm v1) or a DID (DIDComm v2)
     * @param protocol the PIURI the wallet turned live mode on with, null when none is recorded
     * @param batch the reserved messages, at least one
     * @return the packed message, ready for the relay's {@code send} callback
     */
    byte[] pack(String conn, @Nullable String protocol, List<Delivery> batch);
}
