package dev.switchboard.didcomm.v1;

import static dev.switchboard.didcomm.v1.EncryptionEnvelopeTest.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.didcomm.did.DidKey;
import dev.switchboard.didcomm.did.Ed25519;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardTest {
    final Ed25519.KeyPair wallet = Ed25519.generate();
    final Ed25519.KeyPair mediator = Ed25519.generate();
    final Ed25519.KeyPair sender = Ed25519.generate();

    @Test
    void wrapThenUnwrapAtTheMediatorThenAtTheWallet() {
        EncryptionEnvelope senderSide = new EncryptionEnvelope(new MapSecrets().add(sender.toSecret()));
        String inner = senderSide.packAuthcrypt(
                "{\"@type\":\"https://didcomm.org/basicmessage/1.0/message\"}".getBytes(StandardCharsets.UTF_8),
                List.of(wallet.verkey()),
                sender.verkey());
        String outer = Forward.wrap(senderSide, inner, DidKey.of(wallet.multikey()), List.of(mediator.verkey()));

        UnpackedMessage atMediator = new EncryptionEnvelope(new MapSecrets().add(mediator.toSecret())).unpack(outer);
        assertThat(atMediator.metadata().anonymousSender()).isTrue();
        Forward fwd = Forward.parse(atMediator.plaintext());
        assertThat(fwd.to()).isEqualTo(wallet.verkey());
        UnpackedMessage atWallet = new EncryptionEnvelope(new MapSecrets().add(wallet.toSecret())).unpack(fwd.msg());
        assertThat(atWallet.metadata().senderKid()).isEqualTo(sender.verkey());
    }

    @Test
    void acceptsDidKeyToMsgAsStringAndLegacyPrefix() {
        String msg = "{\"protected\":\"e30\",\"iv\":\"\",\"ciphertext\":\"\",\"tag\":\"\"}";
        String json = "{\"@type\":\"did:sov:BzCbsNYhMrjHiqZDTUASHg;spec/routing/1.0/forward\",\"@id\":\"1\",\"to\":\""
                + DidKey.of(wallet.multikey()) + "\",\"msg\":" + quote(msg) + "}";
        Forward fwd = Forward.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(fwd.to()).isEqualTo(wallet.verkey());
        assertThat(fwd.toAsReceived()).startsWith("did:key:");
        assertThat(fwd.msg()).isEqualTo(msg);
    }

    @Test
    void rejectsNonForwards() {
        for (String bad : List.of(
                "{}",
                "{\"@type\":\"https://didcomm.org/routing/1.0/forwardx\",\"to\":\"x\",\"msg\":{}}",
                "{\"@type\":\"https://didcomm.org/routing/1.0/forward\",\"to\":\"nope\",\"msg\":{}}",
                "{\"@type\":\"https://didcomm.org/routing/1.0/forward\",\"to\":\"" + wallet.verkey()
                        + "\",\"msg\":\"[]\"}",
                "{\"@type\":\"https://didcomm.org/routing/1.0/forward\",\"to\":\"" + wallet.verkey() + "\"}")) {
            expect(ProblemCode.MSG_INVALID, () -> Forward.parse(bad.getBytes(StandardCharsets.UTF_8)));
        }
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
