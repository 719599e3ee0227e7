package dev.switchboard.socketdock.relay.pipeline;

import dev.switchboard.socketdock.relay.RelayContext;
import dev.switchboard.socketdock.relay.connection.AddressLimits;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * First handler of the public listener (issue 13, hole 4): admits each TCP connection as it is accepted, before
 * any byte is read, and bounds how long it may take to become a WebSocket.
 *
 * <ul>
 *   <li>The connection cap counts every accepted connection, upgraded or not (so half-open sockets count), and
 *       the per-address limits ({@link AddressLimits}) count it against its client IP address. A refused
 *       connection is marked with {@link #REFUSED} (the reason); {@link UpgradeGate} answers its request 503
 *       with {@code Retry-After}, and {@code socketdock_upgrades_rejected_total{reason}} counts it ({@code
 *       capacity}, {@code address_sockets}, {@code address_rate}).
 *   <li>Handshake timeout: a connection whose upgrade has not completed {@code --handshake-timeout} after it was
 *       accepted is closed ({@code reason="handshake_timeout"}); {@link #settled} stops the timer (the upgrade
 *       completed, or in compatibility mode a callback request arrived).
 *   <li>When the connection closes, its place under the cap and under its address is given back.
 * </ul>
 */
final class AdmissionHandler extends ChannelInboundHandlerAdapter {
    /** Set on a connection the cap or an address limit refused: the metric reason. */
    static final AttributeKey<String> REFUSED = AttributeKey.valueOf("socketdock.refused");

    static final String NAME = "admission";

    private final RelayContext context;
    private @Nullable ScheduledFuture<?> deadline;
    private @Nullable InetAddress address;
    private boolean reserved;

    AdmissionHandler(RelayContext context) {
        this.context = context;
    }

    /** The connection no longer needs the handshake timer: it upgraded, or it carries callbacks. */
    static void settled(Channel channel) {
        if (channel.pipeline().get(NAME) instanceof AdmissionHandler admission) {
            admission.cancelDeadline();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        admit(ctx.channel());
        deadline = ctx.executor()
                .schedule(
                        () -> {
                            context.metrics().upgradeRejected("handshake_timeout");
                            ctx.close();
                        },
                        context.config().handshakeTimeout().toNanos(),
                        TimeUnit.NANOSECONDS);
        super.channelActive(ctx);
    }

    private void admit(Channel channel) {
        AddressLimits limits = context.addressLimits();
        InetAddress from = channel.remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        if (from != null && limits.enabled()) {
            AddressLimits.Admission admission = limits.tryOpen(from);
            if (admission != AddressLimits.Admission.ADMITTED) {
                channel.attr(REFUSED).set(admission.name().toLowerCase(java.util.Locale.ROOT));
                return;
            }
            address = from;
        }
        if (!context.registry().tryReserve()) {
            channel.attr(REFUSED).set("capacity");
            return;
        }
        reserved = true;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelDeadline();
        if (reserved) {
            reserved = false;
            context.registry().release();
        }
        if (address != null) {
            context.addressLimits().close(address);
            address = null;
        }
        super.channelInactive(ctx);
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
