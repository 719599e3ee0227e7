package dev.switchboard.didcomm.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.DidcommVersion;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.didcomm.UnpackMetadata;
import dev.switchboard.didcomm.did.Ed25519;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Replays the DIDComm v1 envelopes Credo 0.5 produced, from openwallet-foundation/credo-ts
 * packages/askar/tests/askar-didcomm-credo-05.test.ts (data only).
 */
class CredoVectorsTest {
    // Source: credo-ts packages/askar/tests/askar-didcomm-credo-05.test.ts (Ed25519 seed of the recipient).
    static final String RECIPIENT_SEED = "226e10dad834f65c4e2b4bed1c29db06908f225eaa27ca7ebe2b74258fd6f1eb";
    static final String RECIPIENT_KID = "BTfNVH1CK5G7oGFdpnAER3Zi4swrksbuEk1f3WMUxqhf";

    // Source: same file, test 'decrypts DIDComm v1 Authcrypt message from Credo 0.5'.
    static final String AUTHCRYPT = """
            {"protected":"eyJlbmMiOiJ4Y2hhY2hhMjBwb2x5MTMwNV9pZXRmIiwidHlwIjoiSldNLzEuMCIsImFsZyI6IkF1dGhjcnlwdCIsInJlY2lwaWVudHMiOlt7ImVuY3J5cHRlZF9rZXkiOiJfWm5YYkdYLVFwTG8xVEllY1BnbDFFZUhiZEpyMUMteWNvc25fWWVDZm9BeUlzUVk4UmFBTG1IMFZlcEhQcnMwIiwiaGVhZGVyIjp7ImtpZCI6IkJUZk5WSDFDSzVHN29HRmRwbkFFUjNaaTRzd3Jrc2J1RWsxZjNXTVV4cWhmIiwic2VuZGVyIjoiWjBBZXZVYkRsand4YzJsdVhpYWI5M1Z2OUw1YzBGdm4tV3ljaUpHc0RYcWlobVdtTEg1R1JtQjVaN2FTRVNfQXFsMDByUllQMDRkaWg1YjVSTG9ydEg1N2JUSER3QnhGallZTElMSE9ValI4NUZJeHdsSnNhM1NKUXY0IiwiaXYiOiJjYjJlaDdYRHdFSVU0WFNrWDduOFl6cVVNSXRMUWlUbyJ9fV19",
             "ciphertext":"ZN9MbaJYFEIcIsjS7RJL0-J8QvuJCRgfUyunQPlN2FTa88HfCFyJfwCWeN1RbZs",
             "iv":"t2rSkBzjq8uu7-ji","tag":"bOflaQwnOsUngIeoh9adww"}""";

    // Source: same file, test 'decrypts DIDComm v1 Anoncrypt message from Credo 0.5'.
    static final String ANONCRYPT = """
            {"protected":"eyJlbmMiOiJ4Y2hhY2hhMjBwb2x5MTMwNV9pZXRmIiwidHlwIjoiSldNLzEuMCIsImFsZyI6IkFub25jcnlwdCIsInJlY2lwaWVudHMiOlt7ImVuY3J5cHRlZF9rZXkiOiJZME9uTUNGZ2VIQUpEV1Y4NkVhWEpQWXN5RUVlWXVfZVNQX2ltX3VDMUFkYkpRalI4RkRTUFZxd1RrUU5GcDc1X2RwemZpX2pqcGlUVTZhQ2VobThTdzMwS3B5bmJHemNROWdsUnFxY1NnQSIsImhlYWRlciI6eyJraWQiOiJCVGZOVkgxQ0s1RzdvR0ZkcG5BRVIzWmk0c3dya3NidUVrMWYzV01VeHFoZiJ9fV19",
             "ciphertext":"GTzzcCSkcofiC2dH2LRChTxikb9Nn8ZAesGY6iJWzeLNQea5SgEqM0zw-cwVSbFlPSq5_w",
             "iv":"EF6uHk2lUSoayxV7","tag":"op_xOrKdtJVhCa0u1hBJ7A"}""";

    static Ed25519.KeyPair recipient() {
        return Ed25519.fromSeed(HexFormat.of().parseHex(RECIPIENT_SEED));
    }

    static EncryptionEnvelope envelope() {
        return new EncryptionEnvelope(new MapSecrets().add(recipient().toSecret()));
    }

    @Test
    void seedGivesTheRecipientKid() {
        assertThat(recipient().verkey()).isEqualTo(RECIPIENT_KID);
    }

    @Test
    void unpacksCredoAuthcrypt() {
        UnpackedMessage m = envelope().unpack(AUTHCRYPT);
        assertThat(m.plaintextUtf8()).isEqualTo("{\"@type\":\"https://didcomm.org/connections/1.0\"}");
        UnpackMetadata md = m.metadata();
        assertThat(md.version()).isEqualTo(DidcommVersion.V1);
        assertThat(md.encrypted()).isTrue();
        assertThat(md.authenticated()).isTrue();
        assertThat(md.anonymousSender()).isFalse();
        // sender x R0s2NusuG1Yth0izz5kNzd1_-vLb4m5sUoSUBVDOOcY in the Credo test = this base58 verkey
        assertThat(md.senderKid()).isEqualTo("5oJTvdDyKhCKULm2riyym66H8QfZiEHpa9RMn7mLKF6m");
        assertThat(md.recipientKid()).isEqualTo(RECIPIENT_KID);
        assertThat(md.keyAlg()).isEqualTo("Authcrypt");
        assertThat(md.encAlg()).isEqualTo("xchacha20poly1305_ietf");
        assertThat(md.allRecipientKids()).containsExactly(RECIPIENT_KID);
    }

    @Test
    void unpacksCredoAnoncrypt() {
        UnpackedMessage m = envelope().unpack(ANONCRYPT);
        assertThat(m.plaintextUtf8()).isEqualTo("{\"@type\":\"https://didcomm.org/another-protocol/1.0\"}");
        assertThat(m.metadata().authenticated()).isFalse();
        assertThat(m.metadata().anonymousSender()).isTrue();
        assertThat(m.metadata().senderKid()).isNull();
        assertThat(m.metadata().keyAlg()).isEqualTo("Anoncrypt");
    }

    @Test
    void paddedBase64IsAccepted() {
        String padded = ANONCRYPT
                .replace("\"EF6uHk2lUSoayxV7\"", "\"EF6uHk2lUSoayxV7\"")
                .replace("op_xOrKdtJVhCa0u1hBJ7A\"", "op_xOrKdtJVhCa0u1hBJ7A==\"");
        assertThat(envelope().unpack(padded).plaintextUtf8()).contains("another-protocol");
    }

    @Test
    void reEncodedProtectedHeaderFailsAuthentication() {
        // The AAD is the protected string as received: adding padding changes it, so the tag must fail.
        String protectedB64 = AUTHCRYPT.substring(AUTHCRYPT.indexOf(":\"") + 2, AUTHCRYPT.indexOf("\","));
        // Same header JSON plus a trailing space: semantically equal, different bytes.
        byte[] json = java.util.Base64.getUrlDecoder().decode(protectedB64);
        String again = java.util.Base64.getUrlEncoder()
                .encodeToString((new String(json, java.nio.charset.StandardCharsets.UTF_8) + " ").getBytes());
        String reEncoded = AUTHCRYPT.replace(protectedB64, again);
        assertThatThrownBy(() -> envelope().unpack(reEncoded))
                .isInstanceOfSatisfying(
                        DidcommException.class, e -> assertThat(e.problemCode()).isEqualTo(ProblemCode.TRUST_CRYPTO));
    }

    @Test
    void detectsV1AndListsRecipientsWithoutDecrypting() {
        for (String packed : new String[] {AUTHCRYPT, ANONCRYPT}) {
            assertThat(dev.switchboard.didcomm.Envelopes.detect(packed)).isEqualTo(DidcommVersion.V1);
            assertThat(EncryptionEnvelope.recipientKids(packed.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .containsExactly(RECIPIENT_KID);
        }
    }

    @Test
    void unknownRecipientIsReported() {
        EncryptionEnvelope other =
                new EncryptionEnvelope(new MapSecrets().add(Ed25519.generate().toSecret()));
        assertThatThrownBy(() -> other.unpack(ANONCRYPT))
                .isInstanceOfSatisfying(
                        DidcommException.class,
                        e -> assertThat(e.problemCode()).isEqualTo(ProblemCode.MSG_UNKNOWN_RECIPIENT));
    }
}
