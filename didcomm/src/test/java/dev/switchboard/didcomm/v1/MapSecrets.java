package dev.switchboard.didcomm.v1;

import dev.switchboard.didcomm.Secret;
import dev.switchboard.didcomm.SecretResolver;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory {@link SecretResolver} for tests. */
final class MapSecrets implements SecretResolver {
    private final Map<String, Secret> byKid = new ConcurrentHashMap<>();

    MapSecrets add(Secret secret) {
        byKid.put(secret.kid(), secret);
        return this;
    }

    @Override
    public Optional<Secret> findKey(String kid) {
        return Optional.ofNullable(byKid.get(kid));
    }
}
