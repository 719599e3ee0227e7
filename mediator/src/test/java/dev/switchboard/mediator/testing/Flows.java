package dev.switchboard.mediator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import dev.switchboard.mediator.identity.Ed25519Keys;
import dev.switchboard.mediator.identity.MediatorIdentity;
import java.util.List;
import java.util.UUID;

/** Multi-step protocol flows the handler tests share. */
public final class Flows {
    private Flows() {}

    /** A wallet with a granted mediation. */
    public static TestWallet mediatedWallet(MediatorIdentity identity) {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode grant =
                wallet.call(TestWallet.message("https://didcomm.org/coordinate-mediation/1.0/mediate-request"));
        assertThat(grant.path("@type").asText())
                .isEqualTo("https://didcomm.org/coordinate-mediation/1.0/mediate-grant");
        return wallet;
    }

    /** Registers a fresh recipient key for the wallet; returns it as did:key. */
    public static String registerRecipientKey(TestWallet wallet) {
        String recipient = Ed25519Keys.didKey(freshVerkey());
        ObjectNode update = TestWallet.message("https://didcomm.org/coordinate-mediation/1.0/keylist-update");
        update.putArray("updates").addObject().put("recipient_key", recipient).put("action", "add");
        ObjectNode response = wallet.call(update);
        assertThat(response.path("updated").get(0).path("result").asText()).isEqualTo("success");
        return recipient;
    }

    /** The wallet's pending messages: {@code message_count} of a pickup 2.0 {@code status}. */
    public static long pendingCount(TestWallet wallet) {
        return wallet.call(TestWallet.message("https://didcomm.org/messagepickup/2.0/status-request"))
                .path("message_count")
                .asLong();
    }

    /** A fresh random Ed25519 verkey. */
    public static String freshVerkey() {
        try {
            return Ed25519Keys.verkey(
                    new OctetKeyPairGenerator(Curve.Ed25519).generate().getDecodedX());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A forward of an opaque inner envelope to {@code to}, anoncrypted to the routing key. */
    public static byte[] forward(MediatorIdentity identity, String to, ObjectNode inner) {
        ObjectNode forward = TestWallet.message("https://didcomm.org/routing/1.0/forward");
        forward.remove("~transport");
        forward.put("to", to);
        forward.set("msg", inner);
        return TestWallet.anoncrypt(forward, List.of(identity.routingKey().verkey()));
    }

    /** An inner message standing for an envelope the mediator cannot read (it only stores it). */
    public static ObjectNode innerEnvelope() {
        ObjectNode inner = TestWallet.parse(TestWallet.anoncrypt(
                TestWallet.message("https://didcomm.org/basicmessage/1.0/message"), List.of(freshVerkey())));
        inner.put("test_marker", UUID.randomUUID().toString()); // distinct even for equal plaintexts
        return inner;
    }
}
