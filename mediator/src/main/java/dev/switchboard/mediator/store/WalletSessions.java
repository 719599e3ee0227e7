package dev.switchboard.mediator.store;

import dev.switchboard.mediator.config.RelayBackendConfig;
import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A wallet's session state in Redis, shared by all mediator instances: which socket it is in live mode on
 * (the socket owner {@code instanceId/connectionId}), with which pickup protocol (its PIURI), whether it uses
 * a pickup protocol at all, and which wallet a socket carries. Live and socket records expire with the route
 * lease. Key names: {@link Keys}. Blocking: call from worker or virtual threads.
 */
@ApplicationScoped
public class WalletSessions {
    private final MediatorRedis redis;
    private final RelayBackendConfig relayConfig;

    /** Constructor injection. */
    public WalletSessions(MediatorRedis redis, RelayBackendConfig relayConfig) {
        this.redis = redis;
        this.relayConfig = relayConfig;
    }

    /**
     * Live mode on for {@code conn} on the socket {@code owner}, deliveries in {@code protocol} (a pickup
     * PIURI, e.g. {@code https://didcomm.org/messagepickup/2.0}).
     */
    public void liveOn(String conn, String owner, String protocol) {
        redis.sync().set(liveKey(conn), owner, SetArgs.Builder.ex(relayConfig.routeLease()));
        redis.sync().set(liveProtocolKey(conn), protocol, SetArgs.Builder.ex(relayConfig.routeLease()));
    }

    /** Live mode off for {@code conn}. */
    public void liveOff(String conn) {
        redis.sync().del(liveKey(conn), liveProtocolKey(conn));
    }

    /** True when the wallet is in live mode on {@code owner}'s socket. */
    public boolean isLive(String conn, String owner) {
        return owner.equals(redis.sync().get(liveKey(conn)));
    }

    /**
     * The wallet's live mode in one round trip (an {@code MGET} of both keys, which share the wallet's hash tag):
     * what {@link #liveSocket} and {@link #liveProtocol} answer one after the other.
     */
    public LiveSession liveSession(String conn) {
        List<KeyValue<String, String>> values = redis.sync().mget(liveKey(conn), liveProtocolKey(conn));
        return new LiveSession(value(values, 0), value(values, 1));
    }

    private static @Nullable String value(List<KeyValue<String, String>> values, int i) {
        return values.size() > i && values.get(i).hasValue() ? values.get(i).getValue() : null;
    }

    /**
     * A wallet's live mode as stored.
     *
     * @param socket the socket owner ({@code instanceId/connectionId}) it is live on, null when not live
     * @param protocol the pickup PIURI it turned live mode on with, null when none is stored
     */
    public record LiveSession(
            @Nullable String socket, @Nullable String protocol) {
        /** True when the wallet is in live mode on {@code owner}'s socket. */
        public boolean isLiveOn(String owner) {
            return owner.equals(socket);
        }
    }

    /** The socket ({@code instanceId/connectionId}) the wallet is in live mode on, null when none. */
    public @Nullable String liveSocket(String conn) {
        return redis.sync().get(liveKey(conn));
    }

    /**
     * Forgets everything of a wallet's sessions: live mode, pickup use, and which wallet its sockets carry
     * ({@code sockets}: {@code instanceId/connectionId} of its known routes).
     */
    public void forget(String conn, java.util.Collection<String> sockets) {
        redis.sync().del(liveKey(conn), liveProtocolKey(conn), pickupKey(conn));
        for (String owner : sockets) {
            if (conn.equals(walletOn(owner))) {
                forgetSocket(owner);
            }
        }
    }

    /** The PIURI the wallet turned live mode on with, null when none is stored. */
    public @Nullable String liveProtocol(String conn) {
        return redis.sync().get(liveProtocolKey(conn));
    }

    /** Remembers that the wallet uses a pickup protocol (no implicit-mode writes to its socket). */
    public void markPickupUser(String conn) {
        redis.sync().set(pickupKey(conn), "1");
    }

    /** True when the wallet uses a pickup protocol. */
    public boolean isPickupUser(String conn) {
        return redis.sync().exists(pickupKey(conn)) > 0;
    }

    /** Remembers that socket {@code owner} carries wallet {@code conn}, for the route lease. */
    public void socketCarries(String owner, String conn) {
        redis.sync().set(socketKey(owner), conn, SetArgs.Builder.ex(relayConfig.routeLease()));
    }

    /** The wallet socket {@code owner} carries, null when unknown (never identified, or lapsed). */
    public @Nullable String walletOn(String owner) {
        return redis.sync().get(socketKey(owner));
    }

    /** Forgets which wallet socket {@code owner} carries. */
    public void forgetSocket(String owner) {
        redis.sync().del(socketKey(owner));
    }

    private String liveKey(String conn) {
        return redis.keys().live(conn);
    }

    private String liveProtocolKey(String conn) {
        return redis.keys().liveProtocol(conn);
    }

    private String pickupKey(String conn) {
        return redis.keys().pickupUser(conn);
    }

    private String socketKey(String owner) {
        return redis.keys().socket(owner);
    }
}
