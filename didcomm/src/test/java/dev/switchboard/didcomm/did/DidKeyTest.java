package dev.switchboard.didcomm.did;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import dev.switchboard.didcomm.DidDocument;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.ProblemCode;
import org.junit.jupiter.api.Test;

class DidKeyTest {

    @Test
    void ed25519ToX25519WorkedExample() {
        // didcomm-protocol-notes A: Credo packages/core/src/modules/dids/__tests__/__fixtures__/didKeyEd25519.json
        byte[] x = Ed25519.toX25519PublicKey(
                Multikey.ed25519("8HH5gYEeNc3z7PYXmd54d4x6qAfCNrqQqEB3nS7Zfu7K").publicKey());
        assertThat(new Multikey(KeyType.X25519, x).base58()).isEqualTo("79CXkde3j8TNuMXxPdV7nLUrT2g7JAEjH5TreyVY7GEZ");
    }

    @Test
    void resolvesCredoEd25519Fixture() {
        // Credo packages/core/src/modules/dids/__tests__/__fixtures__/didKeyEd25519.json
        JsonNode fixture = Fixtures.json("credo/didKeyEd25519.json");
        String did = fixture.get("id").asText();
        DidDocument doc = DidKey.resolver().resolve(did).orElseThrow();

        assertThat(doc.id()).isEqualTo(did);
        JsonNode vm = fixture.get("verificationMethod").get(0);
        assertThat(doc.authentication()).containsExactly(vm.get("id").asText());
        OctetKeyPair ed = (OctetKeyPair) doc.authenticationMethods().get(0).publicJwk();
        assertThat(new Multikey(KeyType.ED25519, ed.getDecodedX()).base58())
                .isEqualTo(vm.get("publicKeyBase58").asText());

        JsonNode ka = fixture.get("keyAgreement").get(0);
        assertThat(doc.keyAgreement()).containsExactly(ka.get("id").asText());
        OctetKeyPair x = (OctetKeyPair) doc.keyAgreementMethods().get(0).publicJwk();
        assertThat(new Multikey(KeyType.X25519, x.getDecodedX()).base58())
                .isEqualTo(ka.get("publicKeyBase58").asText());
        assertThat(DidKey.fromVerkey(vm.get("publicKeyBase58").asText())).isEqualTo(did);
    }

    @Test
    void resolvesCredoX25519Fixture() {
        // Credo packages/core/src/modules/dids/__tests__/__fixtures__/didKeyX25519.json
        JsonNode fixture = Fixtures.json("credo/didKeyX25519.json");
        DidDocument doc = DidKey.document(fixture.get("id").asText());
        JsonNode ka = fixture.get("keyAgreement").get(0);
        assertThat(doc.authentication()).isEmpty();
        assertThat(doc.keyAgreement()).containsExactly(ka.get("id").asText());
        OctetKeyPair x = (OctetKeyPair) doc.keyAgreementMethods().get(0).publicJwk();
        assertThat(new Multikey(KeyType.X25519, x.getDecodedX()).base58())
                .isEqualTo(ka.get("publicKeyBase58").asText());
    }

    @Test
    void resolvesCredoP256Fixture() {
        // Credo packages/core/src/modules/dids/__tests__/__fixtures__/didKeyP256.json
        JsonNode fixture = Fixtures.json("credo/didKeyP256.json");
        String did = fixture.get("id").asText();
        DidDocument doc = DidKey.document(did);
        JsonNode jwk = fixture.get("verificationMethod").get(0).get("publicKeyJwk");
        ECKey ec = (ECKey) doc.authenticationMethods().get(0).publicJwk();
        assertThat(ec.getX().toString()).isEqualTo(jwk.get("x").asText());
        assertThat(ec.getY().toString()).isEqualTo(jwk.get("y").asText());
        assertThat(doc.keyAgreement()).isEqualTo(doc.authentication());
        assertThat(DidKey.of(Multikey.fromJwk(ec))).isEqualTo(did);
    }

    @Test
    void createRoundTripsForEveryKeyType() {
        Ed25519.KeyPair kp = Ed25519.generate();
        String did = DidKey.of(kp.multikey());
        assertThat(did).startsWith("did:key:z6Mk");
        assertThat(DidKey.parse(did + "#" + kp.multikey().encode())).isEqualTo(kp.multikey());
        Multikey x = new Multikey(KeyType.X25519, kp.x25519PublicKey());
        assertThat(DidKey.of(x)).startsWith("did:key:z6LS");
    }

    @Test
    void malformedDidKeysAreUnresolvable() {
        for (String bad : new String[] {
            "did:key:",
            "did:key:x6Mk",
            "did:key:z0OIl",
            "did:key:z6Mk",
            "did:key:zQ3s",
            "did:key:z6MkmjY8GnV5i9YTDtPETC2uUAW6ejw3nk5mXF5yci5ab7t"
        }) {
            assertThatThrownBy(() -> DidKey.resolver().resolve(bad), bad)
                    .isInstanceOf(DidcommException.class)
                    .extracting(e -> ((DidcommException) e).problemCode())
                    .isEqualTo(ProblemCode.DID_UNRESOLVABLE);
        }
        assertThat(DidKey.resolver().resolve("did:peer:2.Vz6Mk")).isEmpty();
    }
}
