package dev.switchboard.socketdock.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RequestClaims}, {@link SharedSecret} and {@link Verification} values. */
class AuthValuesTest {
    @Test
    void bodyHashIsBase64UrlOfSha256WithoutPadding() {
        // SHA-256 of the empty string, and of "abc" (FIPS 180-4 appendix B.1)
        assertThat(RequestClaims.bodyHash(new byte[0])).isEqualTo("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
        assertThat(RequestClaims.bodyHash("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
    }

    @Test
    void pathOfKeepsRawEncodingAndQueryAndDefaultsToSlash() {
        assertThat(RequestClaims.pathOf(URI.create("http://h:1"))).isEqualTo("/");
        assertThat(RequestClaims.pathOf(URI.create("http://h:1?a=b"))).isEqualTo("/?a=b");
        assertThat(RequestClaims.pathOf(URI.create("http://h/a%2Fb?c=%20"))).isEqualTo("/a%2Fb?c=%20");
        assertThat(RequestClaims.pathOf(URI.create("http://h/p#frag"))).isEqualTo("/p");
        assertThat(RequestClaims.method("pOsT")).isEqualTo("POST");
    }

    @Test
    void secretNeedsExactly32BytesAtLeast() {
        assertThat(SharedSecret.ofBytes(new byte[32]).toString()).isEqualTo("SharedSecret[32 bytes]");
        assertThatThrownBy(() -> SharedSecret.ofBytes(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("secret: 31 bytes (expected: >= 32 bytes for HS256)");
        // UTF-8 bytes count, not characters: 16 two-byte characters are 32 bytes
        assertThat(SharedSecret.ofUtf8("é".repeat(16)))
                .isEqualTo(SharedSecret.ofBytes("é".repeat(16).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void secretCopiesItsInputAndComparesByKey() {
        byte[] raw = new byte[32];
        SharedSecret secret = SharedSecret.ofBytes(raw);
        SharedSecret same = SharedSecret.ofBytes(new byte[32]);
        raw[0] = 1; // a later change of the caller's array does not change the key
        assertThat(secret).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(secret).isNotEqualTo(SharedSecret.ofBytes(raw));
        byte[] key = secret.key();
        key[1] = 1;
        assertThat(secret).isEqualTo(same);
    }

    @Test
    void onlyValidAndInsecureAdmitAndNoReasonIsEmpty() {
        Instant exp = Instant.parse("2026-12-03T12:00:00Z");
        List<Verification> all = List.of(
                new Verification.Valid("j", exp, null, null),
                new Verification.UnknownKey("k"),
                new Verification.UnknownKey(null),
                new Verification.Replayed("j"),
                new Verification.Insecure(),
                new Verification.Missing(),
                new Verification.Malformed("x"),
                new Verification.BadSignature(),
                new Verification.Expired(exp),
                new Verification.Mismatch("bh"));
        assertThat(all)
                .filteredOn(Verification::ok)
                .hasSize(2)
                .allMatch(v -> v instanceof Verification.Valid || v instanceof Verification.Insecure);
        assertThat(all).extracting(Verification::reason).doesNotContainNull().allMatch(r -> !r.isBlank());
        assertThat(new Verification.Mismatch("bh").reason()).isEqualTo("token does not match request (bh)");
        assertThat(new Verification.Malformed("x").reason()).isEqualTo("malformed token: x");
    }
}
