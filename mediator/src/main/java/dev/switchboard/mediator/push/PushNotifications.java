package dev.switchboard.mediator.push;

import dev.switchboard.mediator.config.PushConfig;
import dev.switchboard.mediator.delivery.OfflineWallets;
import dev.switchboard.queue.mailbox.Mailboxes;
import dev.switchboard.queue.route.RouteTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Decides when an offline wallet is notified, and sends it. A message stored for a wallet without a route
 * ({@link #messagesWaiting}) schedules the wallet's notification {@code switchboard.push.delay} ahead, unless
 * one is scheduled already (Redis, so forwards on every instance join it). Every instance sweeps due
 * notifications; each is claimed by one instance, which sends it on a virtual thread only when, at that moment,
 * the wallet registered a device, has no route (no live socket), had no socket close within {@code
 * switchboard.push.grace} (else it is moved to the grace's end), still has pending messages (none picked up
 * meanwhile) and was not notified within {@code switchboard.push.interval} (else it is moved to the interval's
 * end). Then each registered device's provider is sent one data-only notification with the count waiting, and
 * the webhook one request naming all of them. 429 and 5xx are retried with exponential backoff, waiting at least
 * the provider's {@code Retry-After} (capped); a token the provider calls unregistered is removed.
 *
 * <p>Every outcome is counted in {@code switchboard_push_total{provider,outcome}}: {@code sent}, {@code
 * retried}, {@code failed} (attempts exhausted), {@code rejected}, {@code unregistered}, {@code
 * skipped_online}, {@code skipped_picked_up}, {@code not_configured}. At most {@code
 * switchboard.push.max-concurrent} notifications are in progress per instance; none of this runs on the
 * forward's thread.
 */
@ApplicationScoped
@Startup // the sweep runs on every instance
public class PushNotifications implements OfflineWallets {
    private static final Logger LOG = Logger.getLogger(PushNotifications.class);

    private final PushConfig config;
    private final DeviceRegistrations registrations;
    private final PushSchedule schedule;
    private final RouteTable routes;
    private final Mailboxes mailboxes;
    private final FcmNotifier fcm;
    private final ApnsNotifier apns;
    private final WebhookNotifier webhook;
    private final MeterRegistry meters;
    private final Semaphore inProgress;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "push-sweeper");
        t.setDaemon(true);
        return t;
    });

    /** Constructor injection; starts the sweep when a provider is configured. */
    public PushNotifications(
            PushConfig config,
            DeviceRegistrations registrations,
            PushSchedule schedule,
            RouteTable routes,
            Mailboxes mailboxes,
            FcmNotifier fcm,
            ApnsNotifier apns,
            WebhookNotifier webhook,
            MeterRegistry meters) {
        this.config = config;
        this.registrations = registrations;
        this.schedule = schedule;
        this.routes = routes;
        this.mailboxes = mailboxes;
        this.fcm = fcm;
        this.apns = apns;
        this.webhook = webhook;
        this.meters = meters;
        this.inProgress = new Semaphore(Math.max(1, config.maxConcurrent()));
        if (enabled()) {
            long period = Math.max(1, config.sweepPeriod().toMillis());
            sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** True when any provider is configured. */
    public boolean enabled() {
        return fcm.enabled() || apns.enabled() || webhook.enabled();
    }

    /** Schedules the wallet's notification, when it registered a device; two Redis calls at most. */
    @Override
    public void messagesWaiting(String conn) {
        if (enabled() && registrations.any(conn)) {
            schedule.scheduleIfAbsent(conn, Instant.now().plus(config.delay()));
        }
    }

    /** Records the wallet's activity, so that it is not notified within the grace period. */
    @Override
    public void socketClosed(String conn) {
        if (enabled()) {
            schedule.recordActivity(conn, config.grace());
        }
    }

    /** Claims due notifications (as many as may start) and sends each on a virtual thread. */
    void sweep() {
        try {
            int free = Math.min(config.sweepBatch(), inProgress.availablePermits());
            if (free <= 0) {
                return;
            }
            Instant now = Instant.now();
            Instant claim = Instant.ofEpochMilli(now.plus(config.claimLease()).toEpochMilli());
            for (String conn : schedule.claimDue(now, claim, free)) {
                inProgress.acquireUninterruptibly();
                executor.execute(() -> {
                    try {
                        notify(conn, claim);
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "push notification to %s failed", conn);
                    } finally {
                        inProgress.release();
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.warnf("push sweep failed (retried next period): %s", e.toString());
        }
    }

    /** Sends the wallet's claimed notification if it is still wanted; see the class comment. */
    void notify(String conn, Instant claim) {
        List<DeviceRegistration> devices = registrations.all(conn);
        if (devices.isEmpty()) {
            schedule.clearIf(conn, claim);
            return;
        }
        if (!routes.routes(conn).toCompletableFuture().join().isEmpty()) {
            count(devices, "skipped_online");
            schedule.clearIf(conn, claim);
            return;
        }
        Duration grace = schedule.graceLeft(conn);
        if (!grace.isZero()) {
            schedule.reschedule(conn, Instant.now().plus(grace)); // it may be reconnecting
            return;
        }
        long pending = mailboxes.status(conn).toCompletableFuture().join().pendingCount();
        if (pending == 0) {
            count(devices, "skipped_picked_up");
            schedule.clearIf(conn, claim);
            return;
        }
        if (!schedule.startInterval(conn, config.interval())) {
            Duration left = schedule.intervalLeft(conn);
            schedule.reschedule(conn, Instant.now().plus(left.isZero() ? Duration.ofMillis(1) : left));
            return;
        }
        Notification notification = new Notification(conn, pending);
        for (DeviceRegistration device : devices) {
            Notifier notifier = device.provider() == PushProvider.FCM ? fcm : apns;
            if (!notifier.enabled()) {
                count(device.provider(), "not_configured");
                continue;
            }
            if (attempt(device.provider(), () -> notifier.send(notification, device)) instanceof SendResult.Unregistered
                    && registrations.removeIfToken(conn, device.provider(), device.token())) {
                LOG.infof("removed the %s device of %s: its token is unregistered", device.provider(), conn);
            }
        }
        if (webhook.enabled()) {
            attempt(PushProvider.WEBHOOK, () -> webhook.send(notification, devices));
        }
        schedule.clearIf(conn, claim);
    }

    /** Sends with retries after 429/5xx: waits max(backoff, Retry-After) capped, backoff doubling. */
    private SendResult attempt(PushProvider provider, Supplier<SendResult> send) {
        Duration backoff = config.backoff();
        for (int attempt = 1; ; attempt++) {
            SendResult result;
            try {
                result = send.get();
            } catch (RuntimeException e) {
                result = new SendResult.Retry(null, e.toString());
            }
            switch (result) {
                case SendResult.Sent s -> count(provider, "sent");
                case SendResult.Unregistered u -> count(provider, "unregistered");
                case SendResult.Rejected r -> {
                    count(provider, "rejected");
                    LOG.warnf("%s refused a notification: %s", provider.label(), r.reason());
                }
                case SendResult.Retry r -> {
                    if (attempt >= config.maxAttempts()) {
                        count(provider, "failed");
                        LOG.warnf(
                                "%s notification failed after %d attempts: %s", provider.label(), attempt, r.reason());
                        return result;
                    }
                    count(provider, "retried");
                    Duration wait =
                            r.retryAfter() != null && r.retryAfter().compareTo(backoff) > 0 ? r.retryAfter() : backoff;
                    if (!sleep(min(wait, config.maxRetryAfter()))) {
                        return result;
                    }
                    backoff = min(backoff.multipliedBy(2), config.maxRetryAfter());
                    continue;
                }
            }
            return result;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void count(List<DeviceRegistration> devices, String outcome) {
        devices.forEach(d -> count(d.provider(), outcome));
    }

    private void count(PushProvider provider, String outcome) {
        meters.counter("switchboard.push", "provider", provider.label(), "outcome", outcome)
                .increment();
    }

    void onStop(@Observes ShutdownEvent event) {
        close();
    }

    /** Stops the sweep and interrupts notifications in progress (their claims lapse; another instance retries). */
    void close() {
        sweeper.shutdownNow();
        executor.shutdownNow();
    }
}
