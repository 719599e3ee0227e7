/**
 * Ingress: {@code POST /} (DIDComm v1 and v2 over HTTP), {@code POST /socketdock/*} (the relay backend,
 * verified with the relay request token, retries de-duplicated by {@code Idempotency-Key} through {@link
 * dev.switchboard.mediator.store.IdempotencyRecords}), and the {@link dev.switchboard.mediator.transport.Dispatcher} every
 * inbound packed message goes through; it detects the generation and hands v2 to {@link
 * dev.switchboard.mediator.transport.DispatcherV2}. Both hand a parsed message to {@code Replies}:
 * the handler, problem-to-report-or-refusal mapping, reply routing (socket, HTTP body, mailbox), counting. The resources are non-blocking: bodies are read on the
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
