package dev.switchboard.socketdock.relay;

import java.security.SecureRandom;
import java.util.Base64;

/** Random ids: connection ids (128 bits) and instance ids (64 bits), base64url without padding. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Ids() {}

    /** A new connection id: 22 URL-safe characters, unguessable. */
    public static String newConnectionId() {
        return random(16);
    }

    /** A new instance id: 11 URL-safe characters. */
    public static String newInstanceId() {
        return random(8);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return ENCODER.encodeToString(b);
    }
}
