package dev.switchboard.didcomm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class EnvelopesTest {
    static String envelope(String headerJson) {
        String p = Base64.getUrlEncoder().withoutPadding().encodeToString(headerJson.getBytes());
        return "{\"protected\":\"" + p + "\",\"iv\":\"\",\"ciphertext\":\"\",\"tag\":\"\"}";
    }

    @Test
    void detectsV1ByTypAndByAlg() {
        assertThat(Envelopes.detect(envelope("{\"typ\":\"JWM/1.0\",\"alg\":\"Authcrypt\"}")))
                .isEqualTo(DidcommVersion.V1);
        assertThat(Envelopes.detect(envelope("{\"alg\":\"Anoncrypt\"}"))).isEqualTo(DidcommVersion.V1);
    }

    @Test
    void detectsV2ByTypAndByAlg() {
        assertThat(Envelopes.detect(
                        envelope("{\"typ\":\"application/didcomm-encrypted+json\",\"alg\":\"ECDH-ES+A256KW\"}")))
                .isEqualTo(DidcommVersion.V2);
        assertThat(Envelopes.detect(envelope("{\"alg\":\"ECDH-1PU+A256KW\",\"enc\":\"A256CBC-HS512\"}")))
                .isEqualTo(DidcommVersion.V2);
        String jws = "{\"payload\":\"e30\",\"signatures\":[{\"protected\":\""
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("{\"typ\":\"application/didcomm-signed+json\",\"alg\":\"EdDSA\"}".getBytes())
                + "\",\"signature\":\"\"}]}";
        assertThat(Envelopes.detect(jws)).isEqualTo(DidcommVersion.V2);
    }

    @Test
    void garbageIsATypedError() {
        for (String bad : new String[] {
            "", "[]", "{}", "{\"protected\":1}", "{\"protected\":\"***\"}", "nope", "{\"protected\":\"e30\"}"
        }) {
            assertThatThrownBy(() -> Envelopes.detect(bad), bad).isInstanceOf(DidcommException.class);
        }
        assertThatThrownBy(() -> Envelopes.detect((byte[]) null)).isInstanceOf(DidcommException.class);
    }
}
