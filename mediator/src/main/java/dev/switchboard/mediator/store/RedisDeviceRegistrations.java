package dev.switchboard.mediator.store;

import dev.switchboard.mediator.push.DeviceRegistration;
import dev.switchboard.mediator.push.DeviceRegistrations;
import dev.switchboard.mediator.push.PushProvider;
import io.lettuce.core.ScriptOutputType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registered devices in Redis: one hash per wallet ({@code <p>:w:{conn}:push:device}, see {@link Keys}), fields {@code
 * <provider>.token} and {@code <provider>.platform} ({@code fcm}, {@code apns}). No expiry: a registration lasts
 * until the wallet removes it or the provider calls its token unregistered.
 */
@ApplicationScoped
public class RedisDeviceRegistrations implements DeviceRegistrations {
    /** Deletes the provider's fields of hash KEYS[1] while field ARGV[1] (its token) is ARGV[2]. */
    private static final String REMOVE_IF_TOKEN = """
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
                return redis.call('HDEL', KEYS[1], ARGV[1], ARGV[3])
            end
            return 0
            """;

    private final MediatorRedis redis;

    /** Constructor injection. */
    public RedisDeviceRegistrations(MediatorRedis redis) {
        this.redis = redis;
    }

    @Override
    public void put(String conn, DeviceRegistration registration) {
        PushProvider provider = registration.provider();
        if (registration.platform() == null) {
            redis.sync().hdel(key(conn), platformField(provider));
            redis.sync().hset(key(conn), tokenField(provider), registration.token());
        } else {
            redis.sync()
                    .hset(
                            key(conn),
                            Map.of(
                                    tokenField(provider), registration.token(),
                                    platformField(provider), registration.platform()));
        }
    }

    @Override
    public Optional<DeviceRegistration> find(String conn, PushProvider provider) {
        return from(provider, redis.sync().hgetall(key(conn)));
    }

    @Override
    public List<DeviceRegistration> all(String conn) {
        Map<String, String> fields = redis.sync().hgetall(key(conn));
        List<DeviceRegistration> all = new ArrayList<>();
        for (PushProvider provider : List.of(PushProvider.FCM, PushProvider.APNS)) {
            from(provider, fields).ifPresent(all::add);
        }
        return all;
    }

    @Override
    public boolean any(String conn) {
        return redis.sync().exists(key(conn)) > 0;
    }

    @Override
    public void remove(String conn, PushProvider provider) {
        redis.sync().hdel(key(conn), tokenField(provider), platformField(provider));
    }

    @Override
    public boolean removeIfToken(String conn, PushProvider provider, String token) {
        Long removed = redis.sync()
                .eval(
                        REMOVE_IF_TOKEN,
                        ScriptOutputType.INTEGER,
                        new String[] {key(conn)},
                        tokenField(provider),
                        token,
                        platformField(provider));
        return removed != null && removed > 0;
    }

    private static Optional<DeviceRegistration> from(PushProvider provider, Map<String, String> fields) {
        String token = fields.get(tokenField(provider));
        return token == null || token.isBlank()
                ? Optional.empty()
                : Optional.of(new DeviceRegistration(provider, token, fields.get(platformField(provider))));
    }

    private static String tokenField(PushProvider provider) {
        return provider.label() + ".token";
    }

    private static String platformField(PushProvider provider) {
        return provider.label() + ".platform";
    }

    private String key(String conn) {
        return redis.keys().pushDevices(conn);
    }
}
