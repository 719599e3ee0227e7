/**
 * Ingress: {@code POST /} (DIDComm v1 and v2 over HTTP), {@code POST /socketdock/*} (the relay backend,
 * verified with the relay request token, retries de-duplicated by {@code Idempotency-Key} through {@link
 * dev.switchboard.mediator.store.IdempotencyRecords}), and the front door every inbound packed message goes through, {@link
 * dev.switchboard.mediator.transport.Dispatcher}: it detects the envelope (v1, v2, v2 plaintext), has {@code
 * V1Opener} or {@code V2Opener} unpack and parse it, hands the parsed message to the handler registry, and the
 * replies (or the refusal: problem report or HTTP status) to {@code ReplyRouter}, which routes them (socket, HTTP
 * body, mailbox) and counts them; then it starts the pushes the handler returned. The resources are non-blocking: bodies are read on the
 * event loop and processed on virtual threads ({@link dev.switchboard.mediator.transport.InboundExecutor}) in
 * two bounded lanes, anonymous {@code POST /} and relay posts (whose tokens are verified before they queue);
 * a request past its lane's bounds is answered 503 with {@code Retry-After} before any work, and a {@code POST
 * /} past its client address's rate 429 before it queues ({@link dev.switchboard.mediator.quota.RateLimits}; an
 * authenticated sender past its own rate gets 429 in {@code Replies}); replies are queued only for senders
 * holding a mediation;
 * a wallet's route on a socket is recorded at most once per interval ({@link
 * dev.switchboard.mediator.transport.RouteRecorder}). The processing runs in the request's OpenTelemetry
 * context (the relay's {@code traceparent}, when tracing is on). In: HTTP requests. Out: HTTP responses, replies (in the
 * message's generation) through relay callbacks, queued replies, route records.
 */
@NullMarked
package dev.switchboard.mediator.transport;

import org.jspecify.annotations.NullMarked;
