package dev.switchboard.didcomm.v1;

import dev.switchboard.didcomm.DidcommException;
import java.util.Base64;

/** Base64url as RFC 0019 uses it: emitted without padding; padded input and the standard alphabet accepted. */
final class B64 {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private B64() {}

    static String encode(byte[] bytes) {
        return URL.encodeToString(bytes);
    }

    static byte[] decode(String value, String field) {
        try {
            if (value.indexOf('+') >= 0 || value.indexOf('/') >= 0) {
                return Base64.getDecoder().decode(value);
            }
            return Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw DidcommException.invalid(field + ": not base64url", e);
        }
    }
}
