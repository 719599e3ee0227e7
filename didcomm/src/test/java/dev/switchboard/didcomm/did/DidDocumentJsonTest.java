package dev.switchboard.didcomm.did;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.didcomm.DidDocument;
import dev.switchboard.didcomm.DidcommException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class DidDocumentJsonTest {

    @Test
    void credoPeer1AttachmentDocument() {
        // Credo packages/core/src/modules/dids/methods/peer/__tests__/__fixtures__/didPeer1zQmR.json
        DidDocument doc = DidDocumentJson.parse(Fixtures.text("credo/didPeer1zQmR.json"));
        String did = "did:peer:1zQmNk9AGrzCx91RSW9BmWAtLhFRjyDpo8ZmJxKFEPVKxJSw";
        assertThat(doc.id()).isEqualTo(did);
        assertThat(doc.authentication())
                .containsExactly(
                        did + "#6MkqRYqQiSgvZQdnBytw86Qbs2ZWUkGv22od935YF4s8M7V",
                        did + "#6MkgoLTnTypo3tDRwCkZXSccTPHRLhF4ZnjhueYAFpEX6vg");
        assertThat(DidPeerTest.base58(doc.keyAgreementMethods().get(0)))
                .isEqualTo("JhNWeSVLMYccCk7iopQW4guaSJTojqpMEELgSLhKwRr");
        assertThat(doc.services()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(did + "#service-0");
            assertThat(s.routingKeys()).containsExactly("did:example:somemediator#somekey");
        });
        assertThat(DidDocuments.v1RecipientVerkeys(doc))
                .containsExactly(
                        "ByHnpUCFb1vAfh9CFZ8ZkmUZguURW8nSw889hy6rD8L7", "3M5RCDjPTWPkKSN3sxUmmMqHbmRPegYP1tjcKyrDbt9J");
    }

    @Test
    void credoPeer1HashIsRecomputed() throws Exception {
        // Credo .../__fixtures__/didPeer1zQmR.json: its id is Credo's didDocumentJsonToNumAlgo1Did of the rest
        var json = Fixtures.json("credo/didPeer1zQmR.json");
        String did = json.get("id").asText();
        assertThat(DidPeer1.of(json)).isEqualTo(did);
        assertThat(DidPeer1.matches(did, json)).isTrue();
        var tampered = json.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode)
                        tampered.get("service").get(0))
                .put("serviceEndpoint", "https://evil.example");
        assertThat(DidPeer1.matches(did, tampered)).isFalse();
        DidDocument doc =
                DidPeer1.fromAttachment(did, json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(doc.id()).isEqualTo(did);
        assertThatThrownBy(() -> DidPeer1.fromAttachment(
                        "did:peer:1zQmOther", json.toString().getBytes()))
                .isInstanceOf(DidcommException.class);
    }

    @Test
    void credoPeer1WithDidCommunicationService() {
        // Credo .../__fixtures__/didPeer1zQmR-did-comm-service.json
        DidDocument doc = DidDocumentJson.parse(Fixtures.text("credo/didPeer1zQmR-did-comm-service.json"));
        assertThat(doc.services().get(0).recipientKeys())
                .containsExactly(doc.id() + "#6MkqRYqQiSgvZQdnBytw86Qbs2ZWUkGv22od935YF4s8M7V");
        assertThat(DidDocuments.v1RecipientVerkeys(doc))
                .containsExactly("ByHnpUCFb1vAfh9CFZ8ZkmUZguURW8nSw889hy6rD8L7");
    }

    @Test
    void connectionsV1DidDocWithUnqualifiedDid() {
        // Shape of the connections/1.0 DIDDoc in aries-rfcs features/0160-connection-protocol (data made up).
        String json = """
                {"@context":"https://w3id.org/did/v1","id":"QmWbsNYhMrjHiqZDTUTEJs",
                 "publicKey":[{"id":"QmWbsNYhMrjHiqZDTUTEJs#1","type":"Ed25519VerificationKey2018",
                   "controller":"QmWbsNYhMrjHiqZDTUTEJs","publicKeyBase58":"ByHnpUCFb1vAfh9CFZ8ZkmUZguURW8nSw889hy6rD8L7"}],
                 "authentication":[{"type":"Ed25519SignatureAuthentication2018","publicKey":"QmWbsNYhMrjHiqZDTUTEJs#1"}],
                 "service":[{"id":"QmWbsNYhMrjHiqZDTUTEJs;indy","type":"IndyAgent","priority":0,
                   "recipientKeys":["ByHnpUCFb1vAfh9CFZ8ZkmUZguURW8nSw889hy6rD8L7"],"routingKeys":[],
                   "serviceEndpoint":"https://agent.example.com/"}]}""";
        DidDocument doc = DidDocumentJson.parse(json);
        assertThat(doc.id()).isEqualTo("did:sov:QmWbsNYhMrjHiqZDTUTEJs");
        assertThat(doc.authentication()).containsExactly("did:sov:QmWbsNYhMrjHiqZDTUTEJs#1");
        assertThat(doc.services().get(0).id()).isEqualTo("did:sov:QmWbsNYhMrjHiqZDTUTEJs;indy");
        assertThat(doc.services().get(0).endpoint()).isEqualTo(URI.create("https://agent.example.com/"));
        assertThat(DidDocuments.v1RecipientVerkeys(doc))
                .containsExactly("ByHnpUCFb1vAfh9CFZ8ZkmUZguURW8nSw889hy6rD8L7");
        AttachedDocuments store = new AttachedDocuments(10);
        store.put(doc);
        assertThat(store.resolve("QmWbsNYhMrjHiqZDTUTEJs")).contains(doc);
        CompositeDidResolver resolver = CompositeDidResolver.builtIn();
        resolver.attached().put(doc);
        assertThat(resolver.resolve("did:sov:QmWbsNYhMrjHiqZDTUTEJs#1")).contains(doc);
    }

    @Test
    void multikeyAndJwkMethods() {
        String json = """
                {"id":"did:example:1","verificationMethod":[
                  {"id":"#a","type":"Multikey","publicKeyMultibase":"z6MkqRYqQiSgvZQdnBytw86Qbs2ZWUkGv22od935YF4s8M7V"},
                  {"id":"#b","type":"JsonWebKey2020","publicKeyJwk":{"kty":"OKP","crv":"X25519","x":"VhIhCA6-PA6fz8J9r7_tOFcTX2iCVmqTGgbM-2NM5Bk"}},
                  {"id":"#c","type":"JsonWebKey2020","publicKeyJwk":{"kty":"RSA","n":"AQAB","e":"AQAB"}}],
                 "authentication":["#a"],"keyAgreement":["#b","#c"]}""";
        DidDocument doc = DidDocumentJson.parse(json);
        assertThat(doc.verificationMethods()).hasSize(2);
        assertThat(doc.keyAgreement()).containsExactly("did:example:1#b");
    }

    @Test
    void malformedDocumentsAreInvalid() {
        for (String bad : new String[] {
            "",
            "[]",
            "{}",
            "{\"id\":5}",
            "{\"id\":\"did:x:1\",\"verificationMethod\":{}}",
            "{\"id\":\"did:x:1\",\"verificationMethod\":[{\"id\":\"#k\",\"type\":\"Ed25519VerificationKey2018\",\"publicKeyBase58\":\"0OIl\"}]}",
            "{\"id\":\"did:x:1\",\"service\":[{\"type\":\"did-communication\",\"serviceEndpoint\":\"not a uri\"}]}",
            "{\"id\":\"did:x:1\",\"service\":[{\"type\":\"did-communication\",\"serviceEndpoint\":\"https://x\",\"recipientKeys\":[1]}]}",
            "{\"id\":\"not a did\"}"
        }) {
            assertThatThrownBy(() -> DidDocumentJson.parse(bad), bad).isInstanceOf(DidcommException.class);
        }
    }
}
