package dev.switchboard.mediator.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A mediator with small quotas on its own key prefix (so the counted mediations and stored bytes are this
 * profile's alone): for {@code QuotaTest} and {@code BoundedMemoryTest}. Rates per address (trusting {@code
 * X-Forwarded-For} from loopback, so each test names its own client address) and per sender are on.
 */
public class QuotaProfile implements QuarkusTestProfile {
    /** {@code switchboard.quota.max-mediations}. */
    public static final int MAX_MEDIATIONS = 40;
    /** {@code switchboard.quota.unused-mediation-ttl} in seconds. */
    public static final int UNUSED_MEDIATION_SECONDS = 10;
    /** {@code switchboard.quota.max-keys-per-mediation}. */
    public static final int MAX_KEYS = 3;
    /** {@code switchboard.quota.max-messages-per-sender}. */
    public static final int MAX_PER_SENDER = 3;
    /** {@code switchboard.quota.max-stored-bytes}. */
    public static final int MAX_STORED_BYTES = 30_000;
    /** {@code switchboard.quota.per-address.burst} (rate 0.2/s). */
    public static final int ADDRESS_BURST = 30;
    /** {@code switchboard.quota.per-did.burst} (rate 0.2/s). */
    public static final int DID_BURST = 12;
    /** {@code switchboard.quota.max-tracked-sockets}. */
    public static final int MAX_TRACKED_SOCKETS = 1_000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("switchboard.quota.max-mediations", Integer.toString(MAX_MEDIATIONS)),
                Map.entry("switchboard.quota.unused-mediation-ttl", UNUSED_MEDIATION_SECONDS + "s"),
                Map.entry("switchboard.quota.max-keys-per-mediation", Integer.toString(MAX_KEYS)),
                Map.entry("switchboard.quota.max-messages-per-sender", Integer.toString(MAX_PER_SENDER)),
                Map.entry("switchboard.quota.max-stored-bytes", Integer.toString(MAX_STORED_BYTES)),
                Map.entry("switchboard.quota.storage-budget-refresh", "50ms"),
                Map.entry("switchboard.quota.per-address.per-second", "0.2"),
                Map.entry("switchboard.quota.per-address.burst", Integer.toString(ADDRESS_BURST)),
                Map.entry("switchboard.quota.per-did.per-second", "0.2"),
                Map.entry("switchboard.quota.per-did.burst", Integer.toString(DID_BURST)),
                Map.entry("switchboard.quota.max-tracked-sockets", Integer.toString(MAX_TRACKED_SOCKETS)),
                Map.entry("switchboard.quota.expiry-sweep-period", "1h"),
                Map.entry("quarkus.http.proxy.proxy-address-forwarding", "true"),
                Map.entry("quarkus.http.proxy.allow-x-forwarded", "true"),
                Map.entry("quarkus.http.proxy.trusted-proxies", "127.0.0.1"),
                Map.entry("switchboard.redis.key-prefix", "sbquota"));
    }
}
