package dev.switchboard.loadtest.simulation;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.ws;

import dev.switchboard.loadtest.LoadSettings;
import dev.switchboard.loadtest.wallet.VirtualWallet;
import dev.switchboard.loadtest.wallet.WalletRegistry;
import io.gatling.http.action.ws.WsInboundMessage;
import io.gatling.javaapi.core.ChainBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/** The wallet's chains after onboarding: poll and acknowledge, go offline and come back. */
final class WalletChains {
    private WalletChains() {}

    /** Waits one poll interval, then processes what arrived. */
    static ChainBuilder poll(LoadSettings settings) {
        return pause(settings.poll()).exec(process());
    }

    /**
     * Handles every frame received since the last call (deliveries are unpacked and recorded, timed by the
     * frame's arrival) and sends one {@code messages-received} per delivery.
     */
    static ChainBuilder process() {
        return exec(ws.processUnmatchedMessages((messages, session) -> {
                    VirtualWallet wallet = WalletSimulation.wallet(session);
                    List<String> acks = new ArrayList<>();
                    for (WsInboundMessage m : messages) {
                        String frame;
                        if (m instanceof WsInboundMessage.Text t) {
                            frame = t.message();
                        } else if (m instanceof WsInboundMessage.Binary b) {
                            frame = new String(b.message(), StandardCharsets.UTF_8);
                        } else {
                            continue;
                        }
                        wallet.onFrame(frame, m.timestamp() * 1000).ifPresent(acks::add);
                    }
                    return session.set("acks", acks);
                }))
                .foreach("#{acks}", "ack")
                .on(exec(ws("messages-received").sendText("#{ack}")));
    }

    /**
     * Closes the socket (after acknowledging what arrived), stays away until {@code backAt} (epoch ms, from the
     * time it leaves) while forwards to it queue up, and reconnects through the next relay URL, turning live
     * mode on again.
     */
    static ChainBuilder offlineAndBack(LoadSettings settings, LongUnaryOperator backAt) {
        return exec(process())
                .exec(session -> {
                    session.<WalletRegistry.Target>get("target").online().set(false);
                    return session;
                })
                .exec(ws("go offline").close())
                .exec(session -> session.set("offlineAt", Long.MAX_VALUE)
                        .set("backAt", backAt.applyAsLong(System.currentTimeMillis())))
                .pause(session ->
                        Duration.ofMillis(Math.max(0, session.getLong("backAt") - System.currentTimeMillis())))
                .exec(ws("reconnect").connect("#{wsUrl2}"))
                .exec(ws("live-delivery-change (back online)")
                        .sendText(session -> WalletSimulation.wallet(session).liveDeliveryChange(true)))
                .exec(session -> {
                    session.<WalletRegistry.Target>get("target").online().set(true);
                    return session;
                });
    }
}
