package dev.switchboard.loadtest.simulation;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

import dev.switchboard.loadtest.LoadSettings;
import dev.switchboard.loadtest.cluster.Cluster;
import dev.switchboard.loadtest.cluster.ClusterSpec;
import dev.switchboard.loadtest.ledger.Checker;
import dev.switchboard.loadtest.ledger.Ledger;
import dev.switchboard.loadtest.sender.ForwardFactory;
import dev.switchboard.loadtest.sender.InnerMessage;
import dev.switchboard.loadtest.sender.Prepacker;
import dev.switchboard.loadtest.wallet.Invitation;
import dev.switchboard.loadtest.wallet.Keyring;
import dev.switchboard.loadtest.wallet.VirtualWallet;
import dev.switchboard.loadtest.wallet.WalletRegistry;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The one simulation behind every scenario (parameters in {@link LoadSettings}): virtual wallets onboard over
 * WebSockets (DID exchange, mediate-request, keylist-update, pickup 2.0 live mode), poll and acknowledge their
 * deliveries, ping every {@code pingSeconds}, and a share of them goes offline once and comes back through the
 * next relay; senders POST forwards at {@code rate}/s to random onboarded wallets; at the end a checker
 * request named {@code ledger: no lost message} fails when the {@link Checker}'s verdict is invalid (an
 * acknowledged forward never received, or a message never sent received), and the run's assertion fails with
 * it. Starts the system under test in this JVM unless {@code loadtest.ws}
 * names one.
 *
 * <p>For comparison runs ({@code loadtest/run peer}, {@code loadtest/bench/push-cost.sh}), also read directly:
 * {@code loadtest.forwardStatus} (the status a mediator accepts a forward with, 202; Credo's mediator answers
 * 200), {@code loadtest.reconnectAfterComplete} (after DID exchange {@code complete}, sent without return route,
 * the wallet takes a new socket, as a Credo wallet must after Credo's mediator closed it), {@code
 * loadtest.pushDevice} (wallets register a device with push-notifications-fcm 1.0 {@code set-device-info}
 * after keylist-update), {@code loadtest.offlineThroughout} (the wallets that go offline, {@code
 * loadtest.offline}, do so right after onboarding and come back after the last forward), {@code
 * loadtest.pushWebhook} (start {@link PushWebhook} and point the mediators at it) and {@code loadtest.cpuPids}
 * ({@link WindowCpu}).
 */
public class WalletSimulation extends Simulation {
    private final LoadSettings settings = LoadSettings.fromSystemProperties();
    private final Ledger ledger = Ledger.global();
    private final WalletRegistry registry = WalletRegistry.global();
    private final @Nullable Cluster cluster;
    private final List<String> wsUrls;
    private final List<String> httpUrls;
    private final Invitation invitation;
    private final ForwardFactory forwards;
    private final AtomicInteger walletIndex = new AtomicInteger();
    private final RunClock clock;
    private final FaultInjector faults;
    private final @Nullable Prepacker prepacker;
    private final Sampler sampler;
    private final WindowCpu windowCpu;
    private final @Nullable PushWebhook pushWebhook;
    private final int forwardStatus = Integer.getInteger("loadtest.forwardStatus", 202);
    private final boolean reconnectAfterComplete = Boolean.getBoolean("loadtest.reconnectAfterComplete");
    private final boolean pushDevice = Boolean.getBoolean("loadtest.pushDevice");
    private final boolean offlineThroughout = Boolean.getBoolean("loadtest.offlineThroughout");

    public WalletSimulation() {
        pushWebhook = Boolean.getBoolean("loadtest.pushWebhook") ? PushWebhook.start() : null;
        if (settings.startsCluster()) {
            cluster = Cluster.start(ClusterSpec.fromSystemProperties());
            wsUrls = cluster.wsUrls();
            httpUrls = cluster.httpUrls();
        } else {
            cluster = null;
            wsUrls = settings.wsUrls();
            httpUrls = settings.httpUrls();
        }
        invitation = Invitation.fetch(URI.create(httpUrls.get(httpUrls.size() - 1)));
        forwards = new ForwardFactory(settings.runId(), settings.contentChars());
        clock = new RunClock(settings);
        int prepack = Integer.getInteger("loadtest.prepack", 0);
        prepacker = prepack > 0 ? new Prepacker(forwards, registry, prepack, 1) : null;
        faults = new FaultInjector(settings, cluster, clock, ledger, registry);
        sampler = new Sampler(cluster);
        windowCpu = new WindowCpu(cluster, clock);
        System.out.printf(
                "loadtest: %d wallets over %s, %.0f forwards/s for %s, ws=%s http=%s%n",
                settings.wallets(), settings.ramp(), settings.rate(), settings.duration(), wsUrls, httpUrls);

        HttpProtocolBuilder wsProtocol =
                http.wsUnmatchedInboundMessageBufferSize(1000).wsReconnect().wsMaxReconnects(20);
        if (!settings.localAddresses().isEmpty()) {
            wsProtocol = wsProtocol.localAddresses(settings.localAddresses());
        }
        HttpProtocolBuilder senderProtocol = http.shareConnections().maxConnectionsPerHost(64);

        List<PopulationBuilder> populations = new ArrayList<>();
        populations.add(wallets()
                .injectOpen(rampUsers(settings.wallets()).during(settings.ramp()))
                .protocols(wsProtocol));
        if (settings.rate() > 0) {
            populations.add(senders()
                    .injectOpen(
                            nothingFor(clock.sendingStartsAfter()),
                            constantUsersPerSec(settings.rate()).during(settings.duration()))
                    .protocols(senderProtocol));
        }
        populations.add(checker()
                .injectOpen(nothingFor(clock.sendingStartsAfter().plus(settings.duration())), atOnceUsers(1))
                .protocols(senderProtocol));
        setUp(populations)
                .assertions(details("ledger: no lost message")
                        .failedRequests()
                        .count()
                        .is(0L));
    }

    @Override
    public void before() {
        clock.start();
        faults.schedule();
        windowCpu.schedule();
    }

    @Override
    public void after() {
        sampler.close();
        windowCpu.close();
        RunReport.print(
                settings,
                ledger,
                registry,
                cluster,
                faults,
                windowCpu.figures(),
                pushWebhook == null ? -1 : pushWebhook.requests());
        if (pushWebhook != null) {
            pushWebhook.close();
        }
        if (prepacker != null) {
            prepacker.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private ScenarioBuilder wallets() {
        return scenario("wallets")
                .exec(session -> {
                    int i = walletIndex.getAndIncrement();
                    VirtualWallet wallet = new VirtualWallet(invitation, "vw-" + i, Keyring.global(), ledger);
                    boolean goesOffline = i < Math.round(settings.offlineFraction() * settings.wallets());
                    return session.set("wallet", wallet)
                            .set("wsUrl", wsUrls.get(i % wsUrls.size()))
                            .set("wsUrl2", wsUrls.get((i + 1) % wsUrls.size()))
                            .set(
                                    "offlineAt",
                                    !goesOffline ? Long.MAX_VALUE : offlineThroughout ? 0L : clock.randomOfflineStart())
                            .set(
                                    "nextPing",
                                    System.currentTimeMillis() + settings.ping().toMillis())
                            .set("onboarded", false)
                            .set("faultSeen", 0L);
                })
                .exec(ws("connect").connect("#{wsUrl}").onConnected(relive()))
                .exec(request("didexchange request", w -> w.didExchangeRequest(), "response"))
                .exitHereIfFailed()
                .exec(ws("didexchange complete")
                        .sendText(session -> wallet(session).didExchangeComplete()))
                .doIf(session -> reconnectAfterComplete)
                .then(pause(Duration.ofMillis(500))
                        .exec(ws("close (mediator closes after complete)").close())
                        .exec(ws("reconnect after complete").connect("#{wsUrl}")))
                .exec(request("mediate-request", VirtualWallet::mediateRequest, "mediate-grant"))
                .exitHereIfFailed()
                .exec(request("keylist-update", VirtualWallet::keylistUpdate, "keylist-update-response"))
                .exitHereIfFailed()
                .doIf(session -> pushDevice)
                .then(exec(request(
                                "set-device-info",
                                w -> w.setDeviceInfo("loadtest-token-" + w.recipientVerkey(), "android"),
                                "ack"))
                        .exitHereIfFailed())
                .exec(ws("live-delivery-change")
                        .sendText(session -> wallet(session).liveDeliveryChange(true)))
                .exec(session -> {
                    VirtualWallet w = wallet(session);
                    WalletRegistry.Target target = new WalletRegistry.Target(w.recipientVerkey(), w.routingKey());
                    registry.add(target);
                    return session.set("onboarded", true).set("target", target);
                })
                .asLongAs(session -> clock.walletsStay())
                .on(exec(WalletChains.poll(settings))
                        .doIf(session -> System.currentTimeMillis() >= session.getLong("offlineAt"))
                        .then(WalletChains.offlineAndBack(
                                settings,
                                now -> offlineThroughout
                                        ? clock.sendingEndsAt() + 1000
                                        : now + settings.offlineTime().toMillis()))
                        .doIf(session -> faults.lastFaultMillis() > session.getLong("faultSeen"))
                        .then(exec(session -> session.set("faultSeen", faults.lastFaultMillis()))
                                .exec(ws("trust ping (after a fault)")
                                        .sendText(session -> wallet(session).trustPing())))
                        .doIf(session -> System.currentTimeMillis() >= session.getLong("nextPing"))
                        .then(exec(session -> session.set(
                                        "nextPing",
                                        System.currentTimeMillis()
                                                + settings.ping().toMillis()))
                                .exec(ws("trust ping")
                                        .sendText(session -> wallet(session).trustPing()))))
                .exec(WalletChains.process())
                .exec(session -> {
                    WalletRegistry.Target target = session.get("target");
                    target.online().set(false);
                    registry.remove(target);
                    return session;
                })
                .exec(ws("close").close());
    }

    /** On a reconnect (after a relay died) an onboarded wallet turns live mode on again on the new socket. */
    private static ChainBuilder relive() {
        return doIf(session -> session.getBoolean("onboarded"))
                .then(exec(ws("live-delivery-change (reconnect)")
                        .sendText(session -> wallet(session).liveDeliveryChange(true))));
    }

    /**
     * Sends a frame and waits for the reply named {@code reply}; a repeated reply of an earlier step (the relay
     * re-posted a frame) is skipped and the wallet keeps waiting, up to 30 s, among the frames that follow; a
     * {@code delivery} or forwarded message arriving meanwhile is recorded, and its {@code messages-received}
     * sent once the reply came.
     */
    private ChainBuilder request(String name, java.util.function.Function<VirtualWallet, String> frame, String reply) {
        return exec(ws(name).sendText(session -> frame.apply(wallet(session)))
                        .await(Duration.ofSeconds(30))
                        .on(ws.checkTextMessage(name + " reply")
                                .check(bodyString().saveAs("reply"))))
                .exec(session -> {
                    if (session.isFailed()) {
                        return session;
                    }
                    try {
                        boolean ok =
                                wallet(session).tryExpect(session.getString("reply"), reply, InnerMessage.nowMicros());
                        return ok
                                ? session
                                : session.set("pending", reply).set("deadline", System.currentTimeMillis() + 30_000);
                    } catch (RuntimeException e) {
                        Errors.report(name, e);
                        return session.markAsFailed();
                    }
                })
                .asLongAs(session -> session.contains("pending"))
                .on(pause(Duration.ofMillis(50)).exec(ws.processUnmatchedMessages((messages, session) -> {
                    VirtualWallet w = wallet(session);
                    boolean replied = false;
                    for (var m : messages) { // every frame: those after the reply are not seen again
                        if (m instanceof io.gatling.http.action.ws.WsInboundMessage.Text t) {
                            if (replied) {
                                w.onFrameLater(t.message(), m.timestamp() * 1000);
                            } else {
                                replied = w.tryExpect(t.message(), reply, m.timestamp() * 1000);
                            }
                        }
                    }
                    if (replied) {
                        return session.remove("pending");
                    }
                    if (System.currentTimeMillis() > session.getLong("deadline")) {
                        Errors.report(name, new IllegalStateException("no " + reply + " within 30 s"));
                        return session.remove("pending").markAsFailed();
                    }
                    return session;
                })))
                // deliveries that arrived while waiting were recorded: acknowledge them now
                .exec(session -> session.set("acks", wallet(session).takeAcks()))
                .foreach("#{acks}", "ack")
                .on(exec(ws("messages-received").sendText("#{ack}")));
    }

    private ScenarioBuilder senders() {
        String[] urls = httpUrls.toArray(String[]::new);
        AtomicInteger next = new AtomicInteger();
        return scenario("senders")
                .exec(session -> {
                    clock.senderStarted();
                    Optional<Prepacker.Ready> ready = prepacker == null ? Optional.empty() : prepacker.poll();
                    if (ready.isEmpty()) {
                        ready = registry.random()
                                .map(t ->
                                        new Prepacker.Ready(t, forwards.forward(t.recipientVerkey(), t.routingKey())));
                    }
                    if (ready.isEmpty() || ready.get().target().left().get()) {
                        return session;
                    }
                    clock.forwardStarted();
                    WalletRegistry.Target target = ready.get().target();
                    ForwardFactory.Packed p = ready.get().packed();
                    return session.set("body", p.body())
                            .set("id", p.id().id())
                            .set("sentUs", InnerMessage.nowMicros())
                            .set("online", target.online().get())
                            .set("to", target.recipientVerkey())
                            .set("url", urls[Math.floorMod(next.getAndIncrement(), urls.length)]);
                })
                .doIf(session -> session.contains("body"))
                .then(exec(http("forward")
                                .post("#{url}")
                                .header("Content-Type", "application/didcomm-envelope-enc")
                                .body(ByteArrayBody(session -> session.get("body")))
                                .check(status().is(forwardStatus).saveAs("status")))
                        .exec(session -> {
                            if (session.contains("status")) {
                                ledger.sent(
                                        session.getString("id"),
                                        session.getLong("sentUs"),
                                        session.getBoolean("online"),
                                        session.getString("to"));
                            } else {
                                ledger.refused(session.getString("id"));
                            }
                            return session;
                        }));
    }

    private ScenarioBuilder checker() {
        String url = httpUrls.get(httpUrls.size() - 1);
        return scenario("checker")
                .asLongAs(session -> clock.walletsStay())
                .on(pause(Duration.ofSeconds(1)))
                .exec(http("ledger: no lost message")
                        .get(URI.create(url).resolve("/invitation").toString())
                        .check(status().is(200))
                        .check(bodyString()
                                .transform(body -> Checker.check(ledger.history(), faults.windows())
                                        .valid())
                                .is(true)));
    }

    static VirtualWallet wallet(Session session) {
        return session.get("wallet");
    }
}
