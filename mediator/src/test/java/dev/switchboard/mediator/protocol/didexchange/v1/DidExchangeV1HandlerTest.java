package dev.switchboard.mediator.protocol.didexchange.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.util.Base64URL;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.protocol.outofband.v1.OutOfBandV1Handler;
import dev.switchboard.mediator.testing.RecordingRelay;
import dev.switchboard.mediator.testing.TestWallet;
import io.github.novacrypto.base58.Base58;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** DID exchange 1.0/1.1 responder (RFC 0023) with signed did_doc~attach. */
@QuarkusTest
class DidExchangeV1HandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A long-form did:peer:4 as Credo 0.6 sends (the mediator records it, it does not resolve it). */
    private static final String PEER4 =
            "did:peer:4zQmd8CpeFPci817KDsbSAKWcXAE2mjvCQSasRewvbSF54Bd:z2M1k7h4psgp4CmJcnQn2Ljp7Pz7ktsd7oBhMU3dWY5s4fhFNj17qcRTQ427C7QHNT6cQ7T3XfRh35Q2GhaNFZmWHVFq4vL7F8nm36PA9Y96DvdrUiRUaiCuXnBFrn1o7mxFZAx14JL4t8vUWpuDPwQuddVo1T8myRiVH7wdxuoYbsva5x6idEpCQydJdFjiHGCpNc2UtjzPQ8awSXkctGCnBmgkhrj5gto3D4i3EREXYq4Z8r2cWGBr2UzbSmnxW2BuYddFo9Yfm6mKjtJyLpF74ytqrF5xtf84MnGFg1hMBmh1xVx1JwjZ2BeMJs7mNS8DTZhKC7KH38EgqDtUZzfjhpjmmUfkXg2KFEA3EGbbVm1DPqQXayPYKAsYPS9AyKkcQ3fzWafLPP93UfNhtUPL8JW5pMcSV3P8v6j3vPXqnnGknNyBprD6YGUVtgLiAqDBDUF3LSxFQJCVYYtghMTv8WuSw9h1a1SRFrDQLGHE4UrkgoRvwaGWr64aM87T1eVGkP5Dt4L1AbboeK2ceLArPScrdYGTpi3BpTkLwZCdjdiFSfTy9okL1YNRARqUf2wm8DvkVGUAt7vj6jgRg9kf8aCB3gHMVsK2MN5ZgAZkYQ7kyg2UghSvkuJVv7sqkGGT8wkRpRwjAkzx5xLwJ46FZyaKGVFHJJxy6N6hgNfHHfEz4Bd6cA8g";

    @Inject
    MediatorIdentity identity;

    @Inject
    OutOfBandV1Handler outOfBand;

    private ObjectNode request(String version) {
        ObjectNode request = TestWallet.message("https://didcomm.org/didexchange/" + version + "/request");
        request.putObject("~thread").put("thid", request.path("@id").asText()).put("pthid", outOfBand.invitationId());
        request.put("label", "test wallet");
        request.put("did", PEER4);
        return request;
    }

    @Test
    void responseCarriesSignedGenesisDocument() throws Exception {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode request = request("1.1");
        ObjectNode response = wallet.call(request);
        assertThat(response.path("@type").asText()).isEqualTo("https://didcomm.org/didexchange/1.1/response");
        assertThat(response.path("~thread").path("thid").asText())
                .isEqualTo(request.path("@id").asText());
        assertThat(response.path("~thread").path("pthid").asText()).isEqualTo(outOfBand.invitationId());

        String did = response.path("did").asText();
        assertThat(did).matches("did:peer:1zQm[1-9A-HJ-NP-Za-km-z]{44}");
        JsonNode data = response.path("did_doc~attach").path("data");
        byte[] payload = Base64.getDecoder().decode(data.path("base64").asText());
        ObjectNode doc = (ObjectNode) JSON.readTree(payload);
        assertThat(doc.path("id").asText()).isEqualTo(did);
        assertThat(doc.path("verificationMethod").get(0).path("publicKeyBase58").asText())
                .isEqualTo(identity.invitationKey().verkey());
        assertThat(doc.path("service").get(0).path("serviceEndpoint").asText()).isEqualTo("ws://127.0.0.1:18765/ws");
        assertThat(doc.path("service").get(1).path("serviceEndpoint").asText()).isEqualTo("http://127.0.0.1:18080/");
        assertThat(doc.path("service").get(0).path("recipientKeys").get(0).asText())
                .isEqualTo("#key-1");

        // numalgo 1: the DID is the sha2-256 multihash of the document without its id
        ObjectNode withoutId = doc.deepCopy();
        withoutId.remove("id");
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(withoutId));
        assertThat(Base58.base58Decode(did.substring("did:peer:1z".length())))
                .startsWith(0x12, 0x20)
                .endsWith(hash);

        // detached EdDSA JWS over base64url(payload), signed by the invitation key, kid = its did:key
        JsonNode jws = data.path("jws");
        assertThat(jws.path("header").path("kid").asText())
                .isEqualTo(identity.invitationKey().didKey());
        JWSObject parsed = JWSObject.parse(jws.path("protected").asText() + "." + Base64URL.encode(payload) + "."
                + jws.path("signature").asText());
        assertThat(parsed.getHeader().getJWK().toJSONObject().get("x"))
                .isEqualTo(identity.invitationKey().jwk().getX().toString());
        assertThat(parsed.verify(
                        new Ed25519Verifier(identity.invitationKey().jwk().toPublicJWK())))
                .isTrue();
    }

    @Test
    void version10IsAnsweredIn10() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode response = wallet.call(request("1.0"));
        assertThat(response.path("@type").asText()).isEqualTo("https://didcomm.org/didexchange/1.0/response");
    }

    @Test
    void credo05RequestWithPeer1AndAttachedDocumentIsAnswered() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode request = request("1.0");
        request.put("did", "did:peer:1zQmXFQnyoYPBc8MmARbFFuXk2ZKtzuxvYsqHvx8eBx6N4eT");
        ObjectNode attach = request.putObject("did_doc~attach");
        attach.put("@id", "doc");
        attach.put("mime-type", "application/json");
        attach.putObject("data").put("base64", Base64.getEncoder().encodeToString("{\"id\":\"x\"}".getBytes()));
        ObjectNode response = wallet.call(request);
        assertThat(response.path("@type").asText()).isEqualTo("https://didcomm.org/didexchange/1.0/response");
        assertThat(response.path("did_doc~attach").path("data").path("jws").isObject())
                .isTrue();
    }

    @Test
    void requestWithoutDidIsInvalid() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode request = request("1.1");
        request.remove("did");
        assertThat(wallet.call(request).path("description").path("code").asText())
                .isEqualTo("e.p.msg.invalid");
    }

    @Test
    void completeWithReturnRouteNoneKeepsTheSocketUsable() {
        try (RecordingRelay relay = new RecordingRelay("relay-dx")) {
            TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
            ObjectNode request = request("1.1");
            assertThat(relay.frame("w1", wallet.pack(request)).statusCode()).isEqualTo(200);
            assertThat(wallet.unpack(relay.next("w1")).path("@type").asText())
                    .isEqualTo("https://didcomm.org/didexchange/1.1/response");

            ObjectNode complete = TestWallet.message("https://didcomm.org/didexchange/1.1/complete");
            complete.putObject("~thread")
                    .put("thid", request.path("@id").asText())
                    .put("pthid", outOfBand.invitationId());
            complete.putObject("~transport").put("return_route", "none");
            assertThat(relay.frame("w1", wallet.pack(complete)).statusCode()).isEqualTo(200);
            assertThat(relay.poll("w1", 300)).isNull();

            ObjectNode mediate = TestWallet.message("https://didcomm.org/coordinate-mediation/1.0/mediate-request");
            assertThat(relay.frame("w1", wallet.pack(mediate)).statusCode()).isEqualTo(200);
            assertThat(wallet.unpack(relay.next("w1")).path("@type").asText())
                    .isEqualTo("https://didcomm.org/coordinate-mediation/1.0/mediate-grant");
        }
    }
}
