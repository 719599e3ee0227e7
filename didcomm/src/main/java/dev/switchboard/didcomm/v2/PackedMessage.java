package dev.switchboard.didcomm.v2;

import dev.switchboard.didcomm.DidDocument;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of {@link DidcommV2#packEncrypted}.
 *
 * @param packedMessage the JWE (General JSON) to transmit
 * @param toKids the recipient key ids the innermost JWE was encrypted for
 * @param fromKid the sender key id ({@code skid}) for authcrypt, or null
 * @param signByKid the key id that signed the plaintext, or null
 * @param service the recipient's DIDComm service used for routing (transmit to its endpoint), or null when
 *     its DID document has none
 * @param forwardedVia the routing keys the message was wrapped for, outermost first; empty when not wrapped
 */
public record PackedMessage(
        String packedMessage,
        List<String> toKids,
        @Nullable String fromKid,
        @Nullable String signByKid,
        DidDocument.@Nullable Service service,
        List<String> forwardedVia) {

    public PackedMessage {
        Objects.requireNonNull(packedMessage, "packedMessage");
        toKids = List.copyOf(toKids);
        forwardedVia = List.copyOf(forwardedVia);
    }
}
