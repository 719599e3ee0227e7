package dev.switchboard.mediator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.v2.Forward;
import dev.switchboard.mediator.identity.MediatorDid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Multi-step DIDComm v2 flows the v2 handler tests share. */
public final class FlowsV2 {
    /** coordinate-mediation 2.0 PIURI with a trailing slash. */
    public static final String CM2 = "https://didcomm.org/coordinate-mediation/2.0/";
    /** routing 2.0 forward. */
    public static final String FORWARD = "https://didcomm.org/routing/2.0/forward";

    private static final ObjectMapper JSON = new ObjectMapper();

    private FlowsV2() {}

    /** A v2 wallet granted mediation with coordinate-mediation 2.0. */
    public static TestWalletV2 mediatedWallet(MediatorDid mediator) {
        TestWalletV2 wallet = new TestWalletV2(mediator.did(), mediator.did());
        ObjectNode grant = wallet.call(TestWalletV2.message(CM2 + "mediate-request"));
        assertThat(grant.path("type").asText()).isEqualTo(CM2 + "mediate-grant");
        return wallet;
    }

    /** Registers {@code recipientDid} with keylist-update (2.0); asserts success. */
    public static void register(TestWalletV2 wallet, String recipientDid) {
        ObjectNode update = TestWalletV2.message(CM2 + "keylist-update");
        TestWalletV2.body(update)
                .putArray("updates")
                .addObject()
                .put("recipient_did", recipientDid)
                .put("action", "add");
        ObjectNode response = wallet.call(update);
        assertThat(response.path("body").path("updated").get(0).path("result").asText())
                .isEqualTo("success");
    }

    /** The wallet's pending messages: {@code body.message_count} of a pickup 3.0 {@code status}. */
    public static long pendingCount(TestWalletV2 wallet) {
        return wallet.call(TestWalletV2.message("https://didcomm.org/messagepickup/3.0/status-request"))
                .path("body")
                .path("message_count")
                .asLong();
    }

    /** A JWE the mediator cannot read (anoncrypted to a fresh wallet), standing for a message to the wallet. */
    public static ObjectNode innerJwe(MediatorDid mediator) {
        TestWalletV2 stranger = new TestWalletV2(mediator.did());
        ObjectNode message = TestWalletV2.message("https://didcomm.org/basicmessage/2.0/message");
        TestWalletV2.body(message).put("content", "hello " + UUID.randomUUID());
        return parse(stranger.anoncrypt(message, stranger.did()));
    }

    /** A routing 2.0 forward of {@code inner} to {@code next}, anoncrypted to the mediator's DID. */
    public static byte[] forward(MediatorDid mediator, String next, ObjectNode inner, @Nullable Long expiresTime) {
        ObjectNode forward = forwardPlaintext(mediator, next, inner, expiresTime);
        return new TestWalletV2(mediator.did()).anoncrypt(forward, mediator.did());
    }

    /** The plaintext forward (library-built). */
    public static ObjectNode forwardPlaintext(
            MediatorDid mediator, String next, ObjectNode inner, @Nullable Long expiresTime) {
        try {
            return (ObjectNode) JSON.readTree(
                    Forward.wrap(next, JSON.writeValueAsString(inner), List.of(mediator.did()), expiresTime)
                            .toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses JSON bytes. */
    public static ObjectNode parse(byte[] json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
