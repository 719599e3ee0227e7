package dev.switchboard.mediator.protocol.connections.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.subtle.Ed25519Verify;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.testing.TestWallet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Connections 1.0 (RFC 0160) responder with an RFC 0234 signature. */
@QuarkusTest
class ConnectionsV1HandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MediatorIdentity identity;

    private ObjectNode request() {
        ObjectNode request = TestWallet.message("https://didcomm.org/connections/1.0/request");
        request.put("label", "legacy wallet");
        ObjectNode connection = request.putObject("connection");
        connection.put("DID", "QGoZP6uW3m3AYhzxvKk6Ao");
        connection.putObject("DIDDoc").put("id", "QGoZP6uW3m3AYhzxvKk6Ao");
        return request;
    }

    @Test
    void responseIsSignedByTheInvitationKey() throws Exception {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode request = request();
        ObjectNode response = wallet.call(request);
        assertThat(response.path("@type").asText()).isEqualTo("https://didcomm.org/connections/1.0/response");
        assertThat(response.path("~thread").path("thid").asText())
                .isEqualTo(request.path("@id").asText());
        JsonNode sig = response.path("connection~sig");
        assertThat(sig.path("@type").asText()).isEqualTo("https://didcomm.org/signature/1.0/ed25519Sha512_single");
        assertThat(sig.path("signer").asText())
                .isEqualTo(identity.invitationKey().verkey());
        byte[] sigData = Base64.getUrlDecoder().decode(sig.path("sig_data").asText());
        new Ed25519Verify(identity.invitationKey().jwk().getDecodedX())
                .verify(Base64.getUrlDecoder().decode(sig.path("signature").asText()), sigData);
        JsonNode connection = JSON.readTree(Arrays.copyOfRange(sigData, 8, sigData.length));
        String did = connection.path("DID").asText();
        assertThat(connection.path("DIDDoc").path("id").asText()).isEqualTo(did);
        assertThat(connection.path("DIDDoc").path("service").get(0).path("type").asText())
                .isEqualTo("IndyAgent");
        assertThat(connection
                        .path("DIDDoc")
                        .path("service")
                        .get(0)
                        .path("recipientKeys")
                        .get(0)
                        .asText())
                .isEqualTo(identity.invitationKey().verkey());
        long epoch = java.nio.ByteBuffer.wrap(sigData, 0, 8).getLong();
        assertThat(epoch).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(600L));
    }

    @Test
    void requestWithoutConnectionIsInvalid() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode request = request();
        request.remove("connection");
        assertThat(wallet.call(request).path("description").path("code").asText())
                .isEqualTo("e.p.msg.invalid");
    }
}
