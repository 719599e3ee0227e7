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
 *   <li>{@code jti}: a random id per token; a verifier with a {@link
 *       dev.switchboard.socketdock.protocol.auth.ReplayCache} (the default of {@code hs256(secret)}) admits
 *       each id once, for the token's lifetime;
 *   <li>{@code idempotency_key}: the request's {@code Idempotency-Key} header, when it has one (a token
 *       cannot be moved to another key, so a captured token cannot pre-claim a future frame's key);
 *   <li>{@code connection_id}: the SocketDock connection the request is about (all but heartbeats).
 * </ul>
 *
 * <p>Keys: the shared secret signs tokens without a {@code kid} header; a relay may instead have its own
 * secret, named by the {@code kid} header (RFC 7515 section 4.1.4; by convention the relay's instance id),
 * which a verifier looks up among its configured key ids, so one relay is revoked by removing its kid. An
 * unknown kid is refused ({@link dev.switchboard.socketdock.protocol.auth.Verification.UnknownKey}).
 *
 * <p>In: the shared secret and per-relay secrets ({@link dev.switchboard.socketdock.protocol.auth.SharedSecret}),
 * the request's method, path, body, {@code Idempotency-Key} and connection id ({@link
 * dev.switchboard.socketdock.protocol.auth.RequestBinding}). Out: an {@code Authorization} header value
 * ({@link dev.switchboard.socketdock.protocol.auth.RequestSigner}) or a typed
 * {@link dev.switchboard.socketdock.protocol.auth.Verification} result
 * ({@link dev.switchboard.socketdock.protocol.auth.RequestVerifier}) that callers map to HTTP 401.
 * Signing and verification use Nimbus JOSE+JWT, the replay cache Caffeine; nothing here hand-rolls a
 * primitive or a cache.
 */
@NullMarked
package dev.switchboard.socketdock.protocol.auth;

import org.jspecify.annotations.NullMarked;
