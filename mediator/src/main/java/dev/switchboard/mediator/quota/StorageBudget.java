package dev.switchboard.mediator.quota;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.mediator.config.QuotaConfig;
import dev.switchboard.queue.mailbox.MailboxAdmin;
import dev.switchboard.queue.mailbox.MailboxTotals;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The global byte budget of all mailboxes together ({@link QuotaConfig#maxStoredBytes()}): a message that
 * would take the stored bytes past it is not stored (the caller answers 507 {@code e.p.me.res.storage}, as
 * for a full mailbox). The stored bytes are the queue's mailbox totals ({@link MailboxAdmin#totals()}), read
 * at most once per {@link QuotaConfig#storageBudgetRefresh()} per instance (a Caffeine refresh: callers never
 * wait for Redis but on the first read), so the budget may be passed by what all instances store within one
 * refresh. A Redis Cluster keeps no totals: the budget is then not enforced (Redis's {@code maxmemory} still
 * is). Refusals count in {@code switchboard_quota_refused_total{quota="storage"}}.
 */
@ApplicationScoped
public class StorageBudget {
    private static final Logger LOG = Logger.getLogger(StorageBudget.class);

    private final long maxBytes;
    private final AsyncLoadingCache<Boolean, MailboxTotals> totals;
    private final Counter refused;

    /** Constructor injection. */
    public StorageBudget(MailboxAdmin admin, QuotaConfig config, MeterRegistry meters) {
        this.maxBytes = config.maxStoredBytes();
        this.totals = Caffeine.newBuilder()
                .maximumSize(1)
                .refreshAfterWrite(config.storageBudgetRefresh())
                .buildAsync((key, executor) -> admin.totals().toCompletableFuture());
        this.refused = Quotas.refusedCounter(meters, "storage");
    }

    /**
     * True when {@code bytes} more fit in the budget (always when it is off, not kept, or the totals cannot be
     * read: the per-mailbox caps and Redis's {@code maxmemory} still hold).
     */
    public boolean admits(long bytes) {
        if (maxBytes <= 0) {
            return true;
        }
        MailboxTotals now;
        try {
            now = totals.get(Boolean.TRUE).join();
        } catch (RuntimeException e) {
            LOG.debugf("mailbox totals not read: %s", e.toString());
            return true;
        }
        if (now.kept() && now.storedBytes() + bytes > maxBytes) {
            refused.increment();
            return false;
        }
        return true;
    }
}
