package dev.switchboard.mediator.quota;

import dev.switchboard.mediator.config.MailboxConfig;
import dev.switchboard.mediator.config.QuotaConfig;
import dev.switchboard.mediator.store.QuotaRecords;
import dev.switchboard.queue.mailbox.MailboxAdmin;
import dev.switchboard.queue.mailbox.Mailboxes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Expiry without a client: every {@link QuotaConfig#expirySweepPeriod()} one instance (whichever takes the
 * Redis lease {@code <p>:lease:expiry-sweep} for that period) visits up to {@link QuotaConfig#expirySweepBatch()}
 * mailboxes whose oldest pending message is older than the default time to live ({@code
 * switchboard.mailbox.ttl}), oldest first, and reads their status, which drops the expired messages with a
 * dead letter (the queue's own expiry, the same as when the wallet picks up). So abandoned mailboxes shrink
 * although nobody touches them. Counted in {@code switchboard_expiry_sweep_mailboxes_total}. Mailboxes whose
 * messages carry a shorter {@code expires_time} are swept once they reach the default age (or when touched);
 * the index is kept on a standalone Redis only, so on a cluster the sweep finds nothing.
 */
@ApplicationScoped
@Startup
public class ExpirySweep {
    private static final Logger LOG = Logger.getLogger(ExpirySweep.class);
    static final String JOB = "expiry-sweep";

    private final MailboxAdmin admin;
    private final Mailboxes mailboxes;
    private final QuotaRecords records;
    private final QuotaConfig config;
    private final Duration ttl;
    private final Counter swept;
    private final String instance = UUID.randomUUID().toString();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "expiry-sweep");
        t.setDaemon(true);
        return t;
    });

    /** Constructor injection; schedules the sweep. */
    public ExpirySweep(
            MailboxAdmin admin,
            Mailboxes mailboxes,
            QuotaRecords records,
            QuotaConfig config,
            MailboxConfig mailboxConfig,
            MeterRegistry meters) {
        this.admin = admin;
        this.mailboxes = mailboxes;
        this.records = records;
        this.config = config;
        this.ttl = mailboxConfig.ttl();
        this.swept = Counter.builder("switchboard.expiry.sweep.mailboxes")
                .description("mailboxes visited by the client-less expiry sweep")
                .register(meters);
        long period = Math.max(1, config.expirySweepPeriod().toMillis());
        timer.scheduleWithFixedDelay(this::runIfLeaseTaken, period, period, TimeUnit.MILLISECONDS);
    }

    private void runIfLeaseTaken() {
        try {
            if (records.claimLease(JOB, instance, config.expirySweepPeriod())) {
                sweep(Instant.now());
            }
        } catch (RuntimeException e) {
            LOG.warnf("expiry sweep failed, next period retries: %s", e.toString());
        }
    }

    /**
     * Visits the mailboxes whose oldest pending message was received before {@code now - ttl} (one run, as the
     * timer does once it holds the lease).
     *
     * @return how many were visited
     */
    public int sweep(Instant now) {
        List<String> due = admin.pendingBefore(now.minus(ttl), config.expirySweepBatch())
                .toCompletableFuture()
                .join();
        for (String recipient : due) {
            mailboxes.status(recipient).toCompletableFuture().join();
            swept.increment();
        }
        if (!due.isEmpty()) {
            LOG.debugf("expiry sweep visited %d mailboxes", due.size());
        }
        return due.size();
    }

    void onStop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }
}
