package dev.switchboard.mediator.transport;

import dev.switchboard.mediator.config.RelayBackendConfig;
import dev.switchboard.mediator.delivery.DeliveryService;
import dev.switchboard.mediator.delivery.RelayAuth;
import dev.switchboard.mediator.message.InboundTransport;
import dev.switchboard.queue.route.RouteTable;
import dev.switchboard.socketdock.protocol.ConnectEvent;
import dev.switchboard.socketdock.protocol.DisconnectEvent;
import dev.switchboard.socketdock.protocol.Heartbeat;
import dev.switchboard.socketdock.protocol.HttpNames;
import dev.switchboard.socketdock.protocol.MalformedEventException;
import dev.switchboard.socketdock.protocol.MessageEvent;
import dev.switchboard.socketdock.protocol.Meta;
import dev.switchboard.socketdock.protocol.SocketDockJson;
import dev.switchboard.socketdock.protocol.auth.Verification;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jspecify.annotations.Nullable;

/**
 * The relay backend: {@code POST /socketdock/connect|message|disconnect|heartbeat} with SocketDock's JSON
 * (our extensions optional), each verified with the relay request token. 401 on a bad token, 400 on a body
 * that is not the event, 503 when the store failed (the relay retries), 413 {@code e.p.msg.too-big} for a frame
 * over {@code max-message-bytes} (so the relay can close 1009), 429 {@code e.p.me.res.rate} when the frame's
 * sender is past its rate (the relay retries later); otherwise 200, also when the
 * DIDComm message inside was refused (the socket stays open; a refusal the sender can decrypt went back
 * through the socket). Bodies are read and tokens verified on the event loop (a bad token never queues); the
 * work runs in the relay lane of the {@link InboundExecutor}, which answers 503 with {@code Retry-After} when
 * that lane is full (the relay retries).
 *
 * <p>Posts carrying an {@code Idempotency-Key} (a relay's retry repeats the key) are processed once across
 * all instances: a retry gets the first attempt's status, or 503 while that is still in progress (see {@link
 * RelayIdempotency}).
 */
@Path("/socketdock")
public class SocketDockResource {
    /** The MDC key (a JSON log field) of the relay socket a frame came on. */
    public static final String CONNECTION_ID_MDC = "connection_id";

    private static final Logger LOG = Logger.getLogger(SocketDockResource.class);

    private final RelayAuth auth;
    private final Dispatcher dispatcher;
    private final DeliveryService delivery;
    private final RouteTable routes;
    private final RelayBackendConfig config;
    private final InboundExecutor executor;
    private final RelayIdempotency idempotency;
    private final RouteRecorder routeRecorder;

    /** Constructor injection. */
    public SocketDockResource(
            RelayAuth auth,
            Dispatcher dispatcher,
            DeliveryService delivery,
            RouteTable routes,
            RelayBackendConfig config,
            InboundExecutor executor,
            RelayIdempotency idempotency,
            RouteRecorder routeRecorder) {
        this.executor = executor;
        this.idempotency = idempotency;
        this.routeRecorder = routeRecorder;
        this.auth = auth;
        this.dispatcher = dispatcher;
        this.delivery = delivery;
        this.routes = routes;
        this.config = config;
    }

    /** A socket opened: accepted (the wallet is identified by its first message). */
    @POST
    @NonBlocking
    @Path("connect")
    public CompletionStage<Response> connect(byte[] body, @Context HttpServerRequest request) {
        return guarded("connect", body, request, () -> {
            ConnectEvent event = SocketDockJson.readConnect(body);
            LOG.debugf("socket %s opened", event.meta().connectionId());
            return Response.ok().build();
        });
    }

    /** A frame from a wallet: dispatched with the socket as transport. */
    @POST
    @NonBlocking
    @Path("message")
    public CompletionStage<Response> message(byte[] body, @Context HttpServerRequest request) {
        return guarded("message", body, request, () -> {
            MessageEvent event = SocketDockJson.readMessage(body);
            Dispatcher.Outcome outcome;
            // the relay's socket id on every log line of this frame's handling (a JSON log field)
            MDC.put(CONNECTION_ID_MDC, event.meta().connectionId());
            try {
                outcome = dispatcher.dispatch(event.payload(), socket(event.meta()));
            } finally {
                MDC.remove(CONNECTION_ID_MDC);
            }
            if (outcome instanceof Dispatcher.Outcome.Refused r) {
                // 503: the relay retries; 413: a frame over max-message-bytes, answered so the relay can close
                // the socket 1009 (Message Too Big) instead of the frame vanishing; 429: the sender's rate
                if (r.status() == 503 || r.status() == 413 || r.status() == 429) {
                    return DidcommResource.toResponse(outcome);
                }
                LOG.debugf("frame on socket %s refused: %s %s", event.meta().connectionId(), r.code(), r.description());
            }
            return Response.ok().build();
        });
    }

    /** A socket closed: its routes go and its in-flight messages return to pending. */
    @POST
    @NonBlocking
    @Path("disconnect")
    public CompletionStage<Response> disconnect(byte[] body, @Context HttpServerRequest request) {
        return guarded("disconnect", body, request, () -> {
            DisconnectEvent event = SocketDockJson.readDisconnect(body);
            String instance = event.meta() != null ? socket(event.meta()).instanceId() : null;
            if (instance != null) {
                routeRecorder.forget(instance + "/" + event.connectionId());
                delivery.disconnected(instance, event.connectionId());
            } else {
                LOG.debugf("disconnect of %s without meta: its routes lapse with their lease", event.connectionId());
            }
            return Response.ok().build();
        });
    }

    /**
     * A relay is alive: its routes stay usable for the heartbeat TTL, and its socket count is recorded (the
     * admin API's figures).
     */
    @POST
    @NonBlocking
    @Path("heartbeat")
    public CompletionStage<Response> heartbeat(byte[] body, @Context HttpServerRequest request) {
        return guarded("heartbeat", body, request, () -> {
            Heartbeat beat = SocketDockJson.readHeartbeat(body);
            routes.heartbeat(beat.instanceId(), config.heartbeatTtl(), beat.connections())
                    .toCompletableFuture()
                    .join();
            return Response.ok().build();
        });
    }

    /** The socket of a meta: the relay instance is {@code instance_id}, else the send URI's authority. */
    static InboundTransport.Socket socket(Meta meta) {
        URI send = URI.create(meta.send());
        String instance = meta.instanceId() != null ? meta.instanceId() : String.valueOf(send.getRawAuthority());
        return new InboundTransport.Socket(instance, meta.connectionId(), send, URI.create(meta.disconnect()));
    }

    private static final String MISBOUND = "token does not match the event (connection_id or kid)";

    private interface Action {
        Response run();
    }

    /**
     * Whether the token was made for the socket the event names (and, under a relay's own kid, by that
     * socket's relay). Checked before the Idempotency-Key is claimed, so a refused post claims nothing.
     *
     * @throws MalformedEventException when the body is not the event
     */
    private boolean bound(String event, Verification verification, byte[] body) {
        String connectionId;
        String instance;
        switch (event) {
            case "connect" -> {
                Meta meta = SocketDockJson.readConnect(body).meta();
                connectionId = meta.connectionId();
                instance = socket(meta).instanceId();
            }
            case "message" -> {
                Meta meta = SocketDockJson.readMessage(body).meta();
                connectionId = meta.connectionId();
                instance = socket(meta).instanceId();
            }
            case "disconnect" -> {
                DisconnectEvent d = SocketDockJson.readDisconnect(body);
                connectionId = d.connectionId();
                instance = d.meta() != null ? socket(d.meta()).instanceId() : null;
            }
            default -> {
                connectionId = null;
                instance = SocketDockJson.readHeartbeat(body).instanceId();
            }
        }
        return auth.matches(verification, connectionId, instance);
    }

    private static Response unauthorized(String reason) {
        return Response.status(401)
                .entity(DidcommResource.error("unauthorized", reason))
                .type(MediaType.APPLICATION_JSON)
                .build();
    }

    private CompletionStage<Response> guarded(String event, byte[] body, HttpServerRequest request, Action action) {
        String authorization = request.getHeader(HttpNames.AUTHORIZATION);
        String key = request.getHeader(HttpNames.IDEMPOTENCY_KEY);
        String uri = request.uri();
        // authenticated on the event loop (an HMAC and a SHA-256 of the body), so only a relay's posts queue
        Verification verification = auth.verify(authorization, uri, body, key);
        if (!verification.ok()) {
            return CompletableFuture.completedFuture(unauthorized(verification.reason()));
        }
        return executor.submit(
                InboundExecutor.Lane.RELAY, body.length, () -> verifiedAndRun(event, verification, key, body, action));
    }

    private Response verifiedAndRun(
            String event, Verification verification, @Nullable String key, byte[] body, Action action) {
        if (verification instanceof Verification.Valid) {
            try {
                if (!bound(event, verification, body)) {
                    return unauthorized(MISBOUND);
                }
            } catch (MalformedEventException | IllegalArgumentException | NullPointerException e) {
                return Response.status(400)
                        .entity(DidcommResource.error("malformed", String.valueOf(e.getMessage())))
                        .type(MediaType.APPLICATION_JSON)
                        .build();
            }
        }
        if (key == null) {
            return processed(action);
        }
        RelayIdempotency.Claim claim;
        try {
            claim = idempotency.claim(event, key);
        } catch (IllegalArgumentException e) {
            return Response.status(400)
                    .entity(DidcommResource.error("malformed", String.valueOf(e.getMessage())))
                    .type(MediaType.APPLICATION_JSON)
                    .build();
        } catch (RuntimeException e) {
            LOG.warn("idempotency key not checked", e);
            return unavailable();
        }
        if (claim instanceof RelayIdempotency.Claim.Duplicate duplicate) {
            LOG.debugf("%s %s is a retry: answered %d without processing", event, key, duplicate.status());
            return duplicate.status() == RelayIdempotency.IN_PROGRESS
                    ? unavailable()
                    : Response.status(duplicate.status()).build();
        }
        RelayIdempotency.Claim.First first = (RelayIdempotency.Claim.First) claim;
        Response response = processed(action);
        try {
            idempotency.finish(first, response.getStatus());
        } catch (RuntimeException e) {
            LOG.warnf("outcome of %s %s not recorded: %s", event, key, e.toString());
        }
        return response;
    }

    private static Response unavailable() {
        return Response.status(503)
                .entity(DidcommResource.error("unavailable", "retry"))
                .type(MediaType.APPLICATION_JSON)
                .build();
    }

    private Response processed(Action action) {
        try {
            return action.run();
        } catch (MalformedEventException | IllegalArgumentException | NullPointerException e) {
            return Response.status(400)
                    .entity(DidcommResource.error("malformed", String.valueOf(e.getMessage())))
                    .type(MediaType.APPLICATION_JSON)
                    .build();
        } catch (RuntimeException e) {
            LOG.warn("relay event not processed", e);
            return unavailable();
        }
    }
}
