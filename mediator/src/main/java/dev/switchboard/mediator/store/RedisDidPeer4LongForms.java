package dev.switchboard.mediator.store;

import dev.switchboard.didcomm.did.DidPeer4;
import jakarta.enterprise.context.ApplicationScoped;
import org.jspecify.annotations.Nullable;

/**
 * did:peer:4 long forms shared by all mediator instances, so that a wallet that sent its long form to one
 * instance may use the short form with any other (<a
 * href="https://identity.foundation/peer-did-method-spec/#method-4-short-form-and-long-form">Peer DID Method,
 * method 4</a>: "the short form can be used once the long form has been exchanged").
 *
 * <p>One Redis string per short form ({@link Keys#didPeer4}) = long form, written once (SET NX, no expiry: the value
 * under a short form never changes, it is the hash of the long form's document). An in-memory cache of 10,000
 * entries sits in front; Redis is asked only on a cache miss. Values read back are verified by {@link
 * DidPeer4} before use. Blocking: call from worker threads.
 */
@ApplicationScoped
public class RedisDidPeer4LongForms implements DidPeer4.LongForms {
    private final RedisConnection redis;
    private final DidPeer4.LongForms cache = DidPeer4.LongForms.inMemory(10_000);

    /** Constructor injection. */
    public RedisDidPeer4LongForms(RedisConnection redis) {
        this.redis = redis;
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

    @Override
    public void save(String shortForm, String longForm) {
        if (cache.find(shortForm) == null) {
            redis.sync().setnx(key(shortForm), longForm);
            cache.save(shortForm, longForm);
        }
    }

    private String key(String shortForm) {
        return redis.keys().didPeer4(shortForm);
    }
}
