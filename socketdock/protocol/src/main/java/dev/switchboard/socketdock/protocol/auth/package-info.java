/**
 * Authentication of every relay -&gt; backend POST and every backend -&gt; relay callback: a
 * short-lived HS256 JWT (RFC 7519, RFC 7518 section 3.2) over a shared secret, sent as
 * {@code Authorization: Bearer <jwt>}, that binds the request's method, path and body.
 *
 * <p>Claims (names follow RFC 9449 DPoP where one exists):
 *
 * <ul>
 *   <li>{@code htm}: the HTTP method, upper case ({@code POST});
 *   <li>{@code htp}: the request path with its query, as the receiver sees it
 *       ({@code /socket/abc/send}); hosts are not bound, since load balancers and pod IPs differ;
 *   <li>{@code bh}: base64url (no padding) of SHA-256 of the exact body bytes;
 *   <li>{@code iat}, {@code exp}: issue and expiry time, seconds since the epoch; tokens live 60 s
 *       by default and a verifier refuses any whose lifetime exceeds its maximum;
 *   <li>{@code jti}: a random id, for logs and optional replay caches.
 * </ul>
 *
 * <p>In: the shared secret ({@link dev.switchboard.socketdock.protocol.auth.SharedSecret}), the
 * request's method, path and body. Out: an {@code Authorization} header value
 * ({@link dev.switchboard.socketdock.protocol.auth.RequestSigner}) or a typed
 * {@link dev.switchboard.socketdock.protocol.auth.Verification} result
 * ({@link dev.switchboard.socketdock.protocol.auth.RequestVerifier}) that callers map to HTTP 401.
 * Signing and verification use Nimbus JOSE+JWT; nothing here hand-rolls a primitive.
 */
@NullMarked
package dev.switchboard.socketdock.protocol.auth;

import org.jspecify.annotations.NullMarked;
