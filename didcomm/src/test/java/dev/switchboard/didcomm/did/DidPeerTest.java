package dev.switchboard.didcomm.did;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.switchboard.didcomm.DidDocument;
import dev.switchboard.didcomm.DidDocument.Service;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.ProblemCode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DidPeerTest {

    static String base58(DidDocument.VerificationMethod m) {
        return new Multikey(
                        KeyType.byCurve(((OctetKeyPair) m.publicJwk()).getCurve())
                                .orElseThrow(),
                        ((OctetKeyPair) m.publicJwk()).getDecodedX())
                .base58();
    }

    /** Compares our resolution of a Credo did:peer:2 fixture with Credo's resolved document. */
    static DidDocument assertMatchesCredoKeys(String fixture) {
        JsonNode expected = Fixtures.json(fixture);
        String did = expected.get("id").asText();
        DidDocument doc = DidPeer2.resolver().resolve(did).orElseThrow();
        assertThat(doc.id()).isEqualTo(did);
        for (String rel : List.of("authentication", "keyAgreement")) {
            List<DidDocument.VerificationMethod> ours =
                    rel.equals("authentication") ? doc.authenticationMethods() : doc.keyAgreementMethods();
            JsonNode theirs = expected.get(rel);
            assertThat(ours).hasSize(theirs.size());
            for (int i = 0; i < theirs.size(); i++) {
                assertThat(ours.get(i).id()).isEqualTo(theirs.get(i).get("id").asText());
                assertThat(base58(ours.get(i)))
                        .isEqualTo(theirs.get(i).get("publicKeyBase58").asText());
                // Credo's ids (#key-N) are found by the tolerant lookup as well
                assertThat(DidDocuments.findMethod(doc, theirs.get(i).get("id").asText()))
                        .contains(ours.get(i));
            }
        }
        return doc;
    }

    @Test
    void credoPeer2WithServiceObject() {
        // Credo packages/core/src/modules/dids/methods/peer/__tests__/__fixtures__/didPeer2Ez6L.json
        DidDocument doc = assertMatchesCredoKeys("credo/didPeer2Ez6L.json");
        assertThat(doc.services()).singleElement().satisfies(s -> {
            assertThat(s.type()).isEqualTo("DIDCommMessaging");
            assertThat(s.id()).isEqualTo(doc.id() + "#service");
            assertThat(s.endpoint()).isEqualTo(URI.create("https://example.com/endpoint"));
            assertThat(s.routingKeys()).containsExactly("did:example:somemediator#somekey");
            assertThat(s.accept()).containsExactly("didcomm/v2", "didcomm/aip2;env=rfc587");
        });
    }

    @Test
    void credoPeer2WithSeveralServicesAndAnArrayInOneElement() {
        // Credo .../__fixtures__/didPeer2Ez6LMoreServices.json and didPeer2Ez6LMultipleServicesSingleToken.json
        for (String f :
                List.of("credo/didPeer2Ez6LMoreServices.json", "credo/didPeer2Ez6LMultipleServicesSingleToken.json")) {
            DidDocument doc = assertMatchesCredoKeys(f);
            // The second service is of type "example", not a DIDComm service: skipped.
            assertThat(doc.services()).singleElement().satisfies(s -> {
                assertThat(s.endpoint()).isEqualTo(URI.create("https://example.com/endpoint"));
                assertThat(s.routingKeys()).containsExactly("did:example:somemediator#somekey");
            });
        }
    }

    @Test
    void indicioMediatorPeer2WithV1Services() {
        // Credo .../__fixtures__/didPeer2Ez6LSe3YyteKQAcaPy.json: E before V, unabbreviated did-communication services
        DidDocument doc = assertMatchesCredoKeys("credo/didPeer2Ez6LSe3YyteKQAcaPy.json");
        assertThat(doc.services())
                .extracting(Service::type)
                .containsExactly("DIDCommMessaging", "DIDCommMessaging", "did-communication", "did-communication");
        assertThat(doc.services())
                .extracting(Service::id)
                .containsExactly(
                        doc.id() + "#service",
                        doc.id() + "#service-1",
                        doc.id() + "#service-2",
                        doc.id() + "#service-3");
        // Credo's service ids (#didcommmessaging-0, #did-communication-2 ...) find the same services
        JsonNode credoServices =
                Fixtures.json("credo/didPeer2Ez6LSe3YyteKQAcaPy.json").get("service");
        for (int i = 0; i < credoServices.size(); i++) {
            assertThat(DidDocuments.findService(
                            doc, credoServices.get(i).get("id").asText()))
                    .contains(doc.services().get(i));
        }
        assertThat(DidDocuments.findService(doc, "#service-3"))
                .contains(doc.services().get(3));
        assertThat(DidDocuments.findService(doc, "#did-communication-0")).isEmpty();
        Service v1 = doc.services().get(2);
        assertThat(v1.recipientKeys()).containsExactly(doc.id() + "#key-2");
        assertThat(v1.endpoint()).isEqualTo(URI.create("https://us-east.proven.mediator.indiciotech.io/message"));
        assertThat(DidDocuments.v1RecipientVerkeys(doc))
                .containsExactly("GtfgyFMiPxp2kdWM9oboanEXhyzQL7N4cCNE6efHSTVo");
    }

    @Test
    void specExamplePeer2() {
        // peer-did-method-spec spec/core.md, "Example Peer DID 2"
        String did =
                "did:peer:2.Vz6Mkj3PUd1WjvaDhNZhhhXQdz5UnZXmS7ehtx8bsPpD47kKc.Ez6LSg8zQom395jKLrGiBNruB9MM6V8PWuf2FpEy4uRFiqQBR.SeyJ0IjoiZG0iLCJzIjp7InVyaSI6Imh0dHA6Ly9leGFtcGxlLmNvbS9kaWRjb21tIiwiYSI6WyJkaWRjb21tL3YyIl0sInIiOlsiZGlkOmV4YW1wbGU6MTIzNDU2Nzg5YWJjZGVmZ2hpI2tleS0xIl19fQ.SeyJ0IjoiZG0iLCJzIjp7InVyaSI6Imh0dHA6Ly9leGFtcGxlLmNvbS9hbm90aGVyIiwiYSI6WyJkaWRjb21tL3YyIl0sInIiOlsiZGlkOmV4YW1wbGU6MTIzNDU2Nzg5YWJjZGVmZ2hpI2tleS0yIl19fQ";
        DidDocument doc = DidPeer2.document(did);
        assertThat(doc.authentication()).containsExactly(did + "#key-1");
        assertThat(doc.keyAgreement()).containsExactly(did + "#key-2");
        assertThat(doc.verificationMethods())
                .extracting(DidDocument.VerificationMethod::type)
                .containsOnly("Multikey");
        assertThat(Multikey.fromJwk(doc.keyAgreementMethods().get(0).publicJwk())
                        .encode())
                .isEqualTo("z6LSg8zQom395jKLrGiBNruB9MM6V8PWuf2FpEy4uRFiqQBR");
        assertThat(doc.services()).hasSize(2);
        assertThat(doc.services().get(0).id()).isEqualTo(did + "#service");
        assertThat(doc.services().get(1).id()).isEqualTo(did + "#service-1");
        assertThat(doc.services().get(1).endpoint()).isEqualTo(URI.create("http://example.com/another"));
        assertThat(doc.services().get(1).routingKeys()).containsExactly("did:example:123456789abcdefghi#key-2");
        // Credo's service id scheme and fingerprint-style key fragments still find things
        assertThat(DidDocuments.findMethod(doc, did + "#6LSg8zQom395jKLrGiBNruB9MM6V8PWuf2FpEy4uRFiqQBR"))
                .contains(doc.keyAgreementMethods().get(0));
    }

    @Test
    void createdPeer2RoundTrips() {
        Ed25519.KeyPair kp = Ed25519.generate();
        Multikey x = new Multikey(KeyType.X25519, kp.x25519PublicKey());
        Service dm = new Service(
                "#didcomm-1",
                "DIDCommMessaging",
                URI.create("wss://mediator.example/ws"),
                List.of(
                        "did:key:z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvktH#z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvktH"),
                List.of("didcomm/v2"));
        Service v1 = new Service(
                "#did-communication",
                "did-communication",
                URI.create("https://mediator.example"),
                List.of(),
                List.of("didcomm/aip1"),
                List.of("#key-1"));
        String did = DidPeer2.create(List.of(kp.multikey()), List.of(x), List.of(dm, v1));
        DidDocument doc = DidPeer2.document(did);
        assertThat(Multikey.fromJwk(doc.authenticationMethods().get(0).publicJwk()))
                .isEqualTo(kp.multikey());
        assertThat(Multikey.fromJwk(doc.keyAgreementMethods().get(0).publicJwk()))
                .isEqualTo(x);
        assertThat(doc.services().get(0).id()).isEqualTo(did + "#didcomm-1");
        assertThat(doc.services().get(0).routingKeys()).isEqualTo(dm.routingKeys());
        assertThat(doc.services().get(1).recipientKeys()).containsExactly(did + "#key-1");
        assertThat(DidDocuments.v1RecipientVerkeys(doc)).containsExactly(kp.verkey());
    }

    @Test
    void peer4ReadmeExampleIsReproducedExactly() {
        // decentralized-identity/did-peer-4 README.md: encode({"hello": "world"})
        String did = DidPeer4.create("{\"hello\":\"world\"}");
        assertThat(did)
                .isEqualTo("did:peer:4zQmb7xLdVY9TXx8oov5XgpGUmGELgqiAV2699s43i6Qdm3M:zQSJgiFTYiCHjQ9MktwNThRXM7a");
        assertThat(DidPeer4.shortForm(did)).isEqualTo("did:peer:4zQmb7xLdVY9TXx8oov5XgpGUmGELgqiAV2699s43i6Qdm3M");
    }

    @Test
    void peer4ShortFormResolvesOnAnotherResolverSharingTheLongFormStore() {
        Map<String, String> shared = new java.util.concurrent.ConcurrentHashMap<>();
        DidPeer4.LongForms store = new DidPeer4.LongForms() {
            @Override
            public String find(String shortForm) {
                return shared.get(shortForm);
            }

            @Override
            public void save(String shortForm, String longForm) {
                shared.put(shortForm, longForm);
            }
        };
        JsonNode fixture = Fixtures.json("credo/didPeer4zQmd8Cp.json");
        String longForm = fixture.get("id").asText();
        String shortForm = fixture.get("alsoKnownAs").get(0).asText();
        new DidPeer4(store).resolve(longForm);
        assertThat(shared).containsEntry(shortForm, longForm);
        DidDocument viaShort = new DidPeer4(store).resolve(shortForm).orElseThrow();
        assertThat(viaShort.id()).isEqualTo(shortForm);

        // a store answering with the long form of another DID is not believed
        String other = Fixtures.json("credo/didPeer4zQmUJdJ.json").get("id").asText();
        shared.put(shortForm, other);
        assertThatThrownBy(() -> new DidPeer4(store).resolve(shortForm))
                .isInstanceOfSatisfying(
                        DidcommException.class,
                        e -> assertThat(e.problemCode()).isEqualTo(ProblemCode.DID_UNRESOLVABLE));
    }

    @Test
    void peer4CredoFixturesResolveLongAndThenShort() {
        // Credo .../__fixtures__/didPeer4zQmd8Cp.json (also the peer-did-method-spec example) and didPeer4zQmUJdJ.json
        for (String f : List.of("credo/didPeer4zQmd8Cp.json", "credo/didPeer4zQmUJdJ.json")) {
            JsonNode expected = Fixtures.json(f);
            String longForm = expected.get("id").asText();
            String shortForm = expected.get("alsoKnownAs").get(0).asText();
            DidPeer4 resolver = new DidPeer4();
            assertThatThrownBy(() -> resolver.resolve(shortForm))
                    .isInstanceOfSatisfying(
                            DidcommException.class,
                            e -> assertThat(e.problemCode()).isEqualTo(ProblemCode.DID_UNRESOLVABLE));
            DidDocument doc = resolver.resolve(longForm).orElseThrow();
            assertThat(doc.id()).isEqualTo(longForm);
            assertThat(DidPeer4.shortForm(longForm)).isEqualTo(shortForm);
            JsonNode vms = expected.get("verificationMethod");
            assertThat(doc.verificationMethods()).hasSize(vms.size());
            for (int i = 0; i < vms.size(); i++) {
                assertThat(doc.verificationMethods().get(i).id())
                        .isEqualTo(longForm + vms.get(i).get("id").asText());
            }
            DidDocument viaShort = resolver.resolve(shortForm).orElseThrow();
            assertThat(viaShort.id()).isEqualTo(shortForm);
            assertThat(DidDocuments.findMethod(
                            viaShort, longForm + vms.get(0).get("id").asText()))
                    .isPresent();
        }
        DidDocument v1 = new DidPeer4()
                .resolve(Fixtures.json("credo/didPeer4zQmUJdJ.json").get("id").asText())
                .orElseThrow();
        assertThat(DidDocuments.v1RecipientVerkeys(v1)).containsExactly("7H8ScGrunfcGBwMhhRakDMYguLAWiNWhQ2maYH84J8fE");
        assertThat(v1.services().get(0).endpoint()).isEqualTo(URI.create("https://example.com"));
    }

    @Test
    void peer4ReadmeInputDocumentIsReproducedExactly() {
        // decentralized-identity/did-peer-4 README.md, "With Input Document generation helper"
        String input = """
                {"@context":["https://www.w3.org/ns/did/v1","https://w3id.org/security/multikey/v1"],\
                "verificationMethod":[{"id":"#key-0","type":"Multikey","publicKeyMultibase":"z6MkqRYqQiSgvZQdnBytw86Qbs2ZWUkGv22od935YF4s8M7V"},\
                {"id":"#key-1","type":"Multikey","publicKeyMultibase":"z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc"}],\
                "authentication":["#key-0"],"capabilityDelegation":["#key-0"],\
                "service":[{"id":"#didcomm-0","type":"DIDCommMessaging","serviceEndpoint":{"uri":"didcomm:transport/queue","accept":["didcomm/v2"]}}],\
                "keyAgreement":["#key-1"]}""";
        String did = DidPeer4.create(input);
        assertThat(DidPeer4.shortForm(did)).isEqualTo("did:peer:4zQmQabhRUiFPAmn7CX6B8V6qmfrs7nQQyFb6zAD7EAWvW3c");
        DidDocument doc = new DidPeer4().resolve(did).orElseThrow();
        assertThat(doc.keyAgreement()).containsExactly(did + "#key-1");
        assertThat(doc.services().get(0).endpoint()).isEqualTo(URI.create("didcomm:transport/queue"));
    }

    @Test
    void peer4ExampleInputDocumentsRoundTrip() {
        // decentralized-identity/did-peer-4 tests/examples/0..5.json
        int[] methods = {1, 1, 3, 2, 1, 0}; // secp256k1 (example 5) is not a DIDComm key type here: skipped
        for (int i = 0; i <= 5; i++) {
            String did = DidPeer4.create(Fixtures.json("did-peer-4/example-" + i + ".json"));
            DidDocument doc = new DidPeer4().resolve(did).orElseThrow();
            assertThat(doc.verificationMethods()).as("example " + i).hasSize(methods[i]);
        }
    }

    @Test
    void tamperedAndMalformedPeerDidsAreUnresolvable() {
        String good = Fixtures.json("credo/didPeer4zQmd8Cp.json").get("id").asText();
        String tampered = good.substring(0, good.length() - 1) + (good.endsWith("z") ? "y" : "z");
        for (String bad : List.of(
                tampered,
                "did:peer:4zQmd8CpeFPci817KDsbSAKWcXAE2mjvCQSasRewvbSF54Bd:zzzzzzz",
                "did:peer:4abc",
                "did:peer:2",
                "did:peer:2.",
                "did:peer:2.Xz6Mk",
                "did:peer:2.Vz6Mk",
                "did:peer:2.S!!!",
                "did:peer:2.SeyJ0IjoiZG0ifQ", // {"t":"dm"}: DIDComm service without endpoint
                "did:peer:2.SWzFd")) { // [1]: not a service object
            assertThatThrownBy(() -> CompositeDidResolver.builtIn().resolve(bad), bad)
                    .isInstanceOfSatisfying(
                            DidcommException.class,
                            e -> assertThat(e.problemCode()).isEqualTo(ProblemCode.DID_UNRESOLVABLE));
        }
    }
}
