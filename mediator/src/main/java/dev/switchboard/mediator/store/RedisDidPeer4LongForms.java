package dev.switchboard.mediator.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.didcomm.did.DidPeer4;
import dev.switchboard.mediator.config.MediatorConfig;
import io.lettuce.core.SetArgs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * did:peer:4 long forms shared by all mediator instances, so that a wallet that sent its long form to one
 * instance may use the short form with any other (<a
 * href="https://identity.foundation/peer-did-method-spec/#method-4-short-form-and-long-form">Peer DID Method,
 * method 4</a>: "the short form can be used once the long form has been exchanged").
 *
 * <p>Nothing is written to Redis for a message that has not been decrypted and authenticated: the resolver's
 * {@link #save} (called while a message is being unpacked, before any decryption succeeded) fills only a
 * bounded in-memory cache (10,000 entries); {@link #authenticated} (called once a message from that DID
 * authenticated) stores the long form under its short form ({@link Keys#didPeer4}) with a time to live ({@code
 * switchboard.mediator.did-peer4-long-form-ttl}, 30 days), and a short form in use refreshes it, at most once a
 * day per instance. Redis is read only on a cache miss; values read back are verified by {@link DidPeer4}
 * before use. Blocking: call from worker threads.
 */
@ApplicationScoped
public class RedisDidPeer4LongForms implements DidPeer4.LongForms {
    private static final Duration REFRESH_EVERY = Duration.ofDays(1);

    private final MediatorRedis redis;
    private final DidPeer4.LongForms cache = DidPeer4.LongForms.inMemory(10_000);
    private final Duration ttl;
    /** DIDs stored or refreshed lately by this instance: no Redis write for them until it expires. */
    private final Cache<String, Boolean> refreshed;

    /** Constructor injection. */
    public RedisDidPeer4LongForms(MediatorRedis redis, MediatorConfig config) {
        this.redis = redis;
        this.ttl = config.didPeer4LongFormTtl();
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException(
                    "switchboard.mediator.did-peer4-long-form-ttl: " + ttl + " (expected: > 0)");
        }
        this.refreshed = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(ttl.compareTo(REFRESH_EVERY) < 0 ? ttl.dividedBy(2) : REFRESH_EVERY)
                .build();
    }

    @Override
    public @Nullable String find(String shortForm) {
        String cached = cache.find(shortForm);
        if (cached != null) {
            return cached;
        }
        String stored = redis.sync().get(key(shortForm));
        if (stored != null) {
            cache.save(shortForm, stored);
        }
        return stored;
    }

    /** Remembers a long form in this instance's memory only (the message it came with is not yet authenticated). */
    @Override
    public void save(String shortForm, String longForm) {
        if (cache.find(shortForm) == null) {
            cache.save(shortForm, longForm);
        }
    }

    /**
     * A message from {@code did} decrypted and authenticated: when it is a did:peer:4 long form, store it for
     * all instances (with the TTL); when it is a short form already stored, renew its TTL. Other DIDs: nothing.
     * Throttled per DID per instance.
     *
     * @param did the authenticated sender's DID (a DID URL's fragment is ignored), or null
     */
    public void authenticated(@Nullable String did) {
        if (did == null || !did.startsWith(DidPeer4.PREFIX)) {
            return;
        }
        int hash = did.indexOf('#');
        String bare = hash < 0 ? did : did.substring(0, hash);
        if (refreshed.getIfPresent(bare) != null) {
            return;
        }
        if (DidPeer4.isLongForm(bare)) {
            String shortForm = DidPeer4.shortForm(bare);
            redis.sync().set(key(shortForm), bare, SetArgs.Builder.ex(ttl));
            cache.save(shortForm, bare);
        } else {
            redis.sync().expire(key(bare), ttl);
        }
        refreshed.put(bare, Boolean.TRUE);
    }

    private String key(String shortForm) {
        return redis.keys().didPeer4(shortForm);
    }
}
