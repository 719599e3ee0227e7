package dev.switchboard.didcomm.did;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.ProblemCode;
import org.junit.jupiter.api.Test;

class VerkeysTest {
    // Credo packages/core/src/modules/dids/__tests__/__fixtures__/didKeyEd25519.json
    static final String VERKEY = "8HH5gYEeNc3z7PYXmd54d4x6qAfCNrqQqEB3nS7Zfu7K";
    static final String DID_KEY = "did:key:z6MkmjY8GnV5i9YTDtPETC2uUAW6ejw3nk5mXF5yci5ab7th";

    @Test
    void normalisesEveryV1KeyForm() {
        assertThat(Verkeys.normalize(VERKEY)).isEqualTo(VERKEY);
        assertThat(Verkeys.normalize(DID_KEY)).isEqualTo(VERKEY);
        assertThat(Verkeys.normalize(DID_KEY + "#z6MkmjY8GnV5i9YTDtPETC2uUAW6ejw3nk5mXF5yci5ab7th"))
                .isEqualTo(VERKEY);
        assertThat(Verkeys.normalize(VERKEY + ":ed25519")).isEqualTo(VERKEY);
        assertThat(Verkeys.toDidKey(VERKEY)).isEqualTo(DID_KEY);
        assertThat(Verkeys.isVerkey("did:key:z6LShLeXRTzevtwcfehaGEzCMyL3bNsAeKCwcqwJxyCo63yE"))
                .isFalse();
        assertThat(Verkeys.isVerkey("did:sov:WgWxqztrNooG92RXvxSTWv")).isFalse();
    }

    @Test
    void qualifiesUnqualifiedDids() {
        assertThat(Verkeys.qualifyDid("WgWxqztrNooG92RXvxSTWv")).isEqualTo("did:sov:WgWxqztrNooG92RXvxSTWv");
        assertThat(Verkeys.qualifyDid("WgWxqztrNooG92RXvxSTWv#1")).isEqualTo("did:sov:WgWxqztrNooG92RXvxSTWv#1");
        assertThat(Verkeys.qualifyDid("did:peer:2.Vz6Mk")).isEqualTo("did:peer:2.Vz6Mk");
        assertThatThrownBy(() -> Verkeys.qualifyDid("0OIl"))
                .isInstanceOfSatisfying(
                        DidcommException.class, e -> assertThat(e.problemCode()).isEqualTo(ProblemCode.MSG_INVALID));
    }

    @Test
    void ed25519SignVerify() {
        Ed25519.KeyPair kp = Ed25519.generate();
        byte[] m = "hello".getBytes();
        byte[] sig = Ed25519.sign(kp, m);
        assertThat(Ed25519.verify(kp.publicKey(), m, sig)).isTrue();
        sig[0] ^= 1;
        assertThat(Ed25519.verify(kp.publicKey(), m, sig)).isFalse();
        assertThat(Ed25519.verify(kp.publicKey(), m, new byte[3])).isFalse();
        assertThat(Ed25519.fromSecret(kp.toSecret())).isEqualTo(kp);
        assertThat(kp.toString()).doesNotContain(java.util.HexFormat.of().formatHex(kp.seed()));
    }
}
