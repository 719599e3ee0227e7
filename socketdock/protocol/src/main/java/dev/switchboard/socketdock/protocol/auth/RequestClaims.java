package dev.switchboard.socketdock.protocol.auth;

import com.nimbusds.jose.util.Base64URL;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/** Claim names of the request token and the two derived values they carry. */
public final class RequestClaims {
    /** HTTP method, upper case (RFC 9449 section 4.2). */
    public static final String METHOD = "htm";

    /** Request path with query (ours; hosts are not bound). */
    public static final String PATH = "htp";

    /** base64url SHA-256 of the body (ours; like RFC 9449's {@code ath}). */
    public static final String BODY_HASH = "bh";

    /**
     * The request's {@code Idempotency-Key} header (ours; SocketDock's JSON spelling), absent when the request
     * has none.
     */
    public static final String IDEMPOTENCY_KEY = "idempotency_key";

    /** The SocketDock {@code connection_id} the request is about (ours), absent for heartbeats. */
    public static final String CONNECTION_ID = "connection_id";

    private RequestClaims() {}

    /** base64url without padding of SHA-256 over {@code body} (FIPS 180-4 via the JDK provider). */
    public static String bodyHash(byte[] body) {
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(body))
                    .toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }

    /** Upper-cased method. */
    public static String method(String method) {
        return method.toUpperCase(Locale.ROOT);
    }

    /**
     * The bound path of a URI: its raw path (or {@code /} when empty) plus {@code ?rawQuery} when
     * it has one. Use it on the sender's target URI; the receiver passes its request-target as is.
     */
    public static String pathOf(URI uri) {
        String path = uri.getRawPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        String query = uri.getRawQuery();
        return query == null ? path : path + '?' + query;
    }
}
