package dev.switchboard.mediator.store;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: Redis answers PING. Without Redis nothing can be acknowledged, so the instance is not ready. */
@Readiness
@ApplicationScoped
public class RedisHealthCheck implements HealthCheck {
    private final MediatorRedis redis;

    /** @param redis the shared connection */
    public RedisHealthCheck(MediatorRedis redis) {
        this.redis = redis;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("redis").status(redis.ping()).build();
    }
}
