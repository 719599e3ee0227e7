package dev.switchboard.socketdock.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link SharedSecret}: HS256's minimum key length (RFC 7518 section 3.2), no key in logs, defensive copies. */
class SharedSecretTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef"; // 32 bytes

    @Test
    void aKeyShorterThan256BitsIsRefusedWithItsLength() {
        assertThatThrownBy(() -> SharedSecret.ofUtf8(SECRET.substring(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("secret: 31 bytes (expected: >= 32 bytes for HS256)");
        assertThat(SharedSecret.ofUtf8(SECRET).key()).hasSize(SharedSecret.MIN_BYTES);
        // the UTF-8 bytes count, not the characters: 16 two-byte characters are enough
        assertThat(SharedSecret.ofUtf8("é".repeat(16)).key()).hasSize(32);
    }

    @Test
    void itNeverPrintsTheKey() {
        assertThat(SharedSecret.ofUtf8(SECRET).toString())
                .isEqualTo("SharedSecret[32 bytes]")
                .doesNotContain("0123");
    }

    @Test
    void theKeyIsCopiedInAndOut() {
        byte[] raw = SECRET.getBytes(StandardCharsets.UTF_8);
        SharedSecret secret = SharedSecret.ofBytes(raw);
        raw[0] = 'X';
        byte[] out = secret.key();
        assertThat(out[0]).isEqualTo((byte) '0');
        out[1] = 'Y';
        assertThat(secret.key()[1]).isEqualTo((byte) '1');
    }

    @Test
    void equalKeysAreEqualAndDifferentOnesAreNot() {
        assertThat(SharedSecret.ofUtf8(SECRET))
                .isEqualTo(SharedSecret.ofBytes(SECRET.getBytes(StandardCharsets.UTF_8)));
        assertThat(SharedSecret.ofUtf8(SECRET)).hasSameHashCodeAs(SharedSecret.ofUtf8(SECRET));
        assertThat(SharedSecret.ofUtf8(SECRET)).isNotEqualTo(SharedSecret.ofUtf8(SECRET.replace('f', 'e')));
        assertThat(SharedSecret.ofUtf8(SECRET)).isNotEqualTo(SharedSecret.ofUtf8(SECRET + "!"));
    }
}
