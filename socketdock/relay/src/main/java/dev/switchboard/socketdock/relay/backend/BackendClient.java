package dev.switchboard.socketdock.relay.backend;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A pooled, asynchronous HTTP/1.1 client for backend POSTs, on the relay's own event loops (see the
 * package description). One {@link FixedChannelPool} of keep-alive connections per backend
 * host:port. Thread-safe.
 *
 * <p>Each attempt fails its promise with {@link TimeoutException} after the request timeout (the
 * connection is then closed, since its state is unknown), with {@link ClosedChannelException} when
 * the backend closes mid-request, with the connect error, or with {@link PoolExhaustedException} when no
 * pooled connection is free: the wait for one is bounded in time ({@code poolWait}) and in waiters
 * ({@code maxPending} per host, beyond which an acquire fails at once).
 */
public final class BackendClient implements AutoCloseable {
    private static final AttributeKey<InFlight> IN_FLIGHT = AttributeKey.valueOf("socketdock.backend.inFlight");
    private static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    private final Bootstrap bootstrap;
    private final Duration requestTimeout;
    private final int poolSize;
    private final Duration poolWait;
    private final int maxPending;
    private final Map<InetSocketAddress, FixedChannelPool> pools = new ConcurrentHashMap<>();

    /**
     * @param group the relay's event loop group
     * @param channelType the socket channel class of that group's transport
     * @param connectTimeout TCP connect time limit
     * @param requestTimeout time limit from acquiring a connection to the full response
     * @param poolSize keep-alive connections per backend host, {@code > 0}
     */
    public BackendClient(
            EventLoopGroup group,
            Class<? extends SocketChannel> channelType,
            Duration connectTimeout,
            Duration requestTimeout,
            int poolSize) {
        this(group, channelType, connectTimeout, requestTimeout, poolSize, requestTimeout, Integer.MAX_VALUE);
    }

    /**
     * @param group the relay's event loop group
     * @param channelType the socket channel class of that group's transport
     * @param connectTimeout TCP connect time limit
     * @param requestTimeout time limit from acquiring a connection to the full response
     * @param poolSize keep-alive connections per backend host, {@code > 0}
     * @param poolWait longest wait for a pooled connection, {@code > 0}
     * @param maxPending acquires waiting per backend host, {@code > 0}; more fail at once
     */
    public BackendClient(
            EventLoopGroup group,
            Class<? extends SocketChannel> channelType,
            Duration connectTimeout,
            Duration requestTimeout,
            int poolSize,
            Duration poolWait,
            int maxPending) {
        if (poolSize <= 0) {
            throw new IllegalArgumentException("poolSize: " + poolSize + " (expected: > 0)");
        }
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis());
        this.requestTimeout = requestTimeout;
        this.poolSize = poolSize;
        if (poolWait.isNegative() || poolWait.isZero()) {
            throw new IllegalArgumentException("poolWait: " + poolWait + " (expected: > 0)");
        }
        if (maxPending <= 0) {
            throw new IllegalArgumentException("maxPending: " + maxPending + " (expected: > 0)");
        }
        this.poolWait = poolWait;
        this.maxPending = maxPending;
    }

    /**
     * POSTs {@code body} to {@code uri}; completes {@code promise} with the response status.
     *
     * @param headers extra request headers (name -&gt; value), e.g. Authorization
     * @param promise completed exactly once, on its own executor
     */
    public void post(URI uri, byte[] body, Map<String, String> headers, Promise<BackendResponse> promise) {
        FixedChannelPool pool = pools.computeIfAbsent(address(uri), this::newPool);
        pool.acquire().addListener((Future<Channel> acquired) -> {
            if (!acquired.isSuccess()) {
                Throwable cause = acquired.cause();
                // FixedChannelPool: IllegalStateException past maxPending, TimeoutException past poolWait
                promise.tryFailure(
                        cause instanceof IllegalStateException || cause instanceof TimeoutException
                                ? new PoolExhaustedException(cause)
                                : cause);
                return;
            }
            Channel ch = acquired.getNow();
            ch.eventLoop().execute(() -> send(pool, ch, uri, body, headers, promise));
        });
    }

    private void send(
            FixedChannelPool pool,
            Channel ch,
            URI uri,
            byte[] body,
            Map<String, String> headers,
            Promise<BackendResponse> promise) {
        FullHttpRequest request = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1, HttpMethod.POST, target(uri), Unpooled.wrappedBuffer(body));
        request.headers()
                .set(HttpHeaderNames.HOST, uri.getRawAuthority())
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        headers.forEach((k, v) -> request.headers().set(k, v));
        InFlight inFlight = new InFlight(pool, promise);
        ch.attr(IN_FLIGHT).set(inFlight);
        inFlight.timeout = ch.eventLoop()
                .schedule(
                        () -> inFlight.fail(
                                ch, new TimeoutException("backend timeout " + requestTimeout.toMillis() + " ms")),
                        requestTimeout.toMillis(),
                        TimeUnit.MILLISECONDS);
        ch.writeAndFlush(request).addListener(w -> {
            if (!w.isSuccess()) {
                inFlight.fail(ch, w.cause());
            }
        });
    }

    private FixedChannelPool newPool(InetSocketAddress address) {
        return new FixedChannelPool(
                bootstrap.clone().remoteAddress(address),
                new AbstractChannelPoolHandler() {
                    @Override
                    public void channelCreated(Channel ch) {
                        ch.pipeline()
                                .addLast("http", new HttpClientCodec())
                                .addLast("aggregator", new HttpObjectAggregator(MAX_RESPONSE_BYTES))
                                .addLast("response", new ResponseHandler());
                    }
                },
                ChannelHealthChecker.ACTIVE,
                FixedChannelPool.AcquireTimeoutAction.FAIL,
                poolWait.toMillis(),
                poolSize,
                maxPending);
    }

    private static InetSocketAddress address(URI uri) {
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        return InetSocketAddress.createUnresolved(uri.getHost(), port);
    }

    private static String target(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /**
     * Closes every pooled connection and waits (up to 5 s) until they are closed. Call it before the
     * event loop group shuts down: the pools close on Netty's global executor, which would otherwise
     * wait forever for channels whose event loop is gone (and block the group's termination
     * notices).
     */
    @Override
    public void close() {
        List<Future<Void>> closing = new ArrayList<>();
        pools.values().forEach(pool -> closing.add(pool.closeAsync()));
        pools.clear();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Future<Void> f : closing) {
            f.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    /** The one request in flight on a pooled connection; touched only on that connection's event loop. */
    private static final class InFlight {
        final FixedChannelPool pool;
        final Promise<BackendResponse> promise;

        @Nullable
        ScheduledFuture<?> timeout;

        boolean done;

        InFlight(FixedChannelPool pool, Promise<BackendResponse> promise) {
            this.pool = pool;
            this.promise = promise;
        }

        void succeed(Channel ch, BackendResponse response, boolean keepAlive) {
            if (finish(ch)) {
                if (!keepAlive) {
                    ch.close();
                }
                pool.release(ch);
                promise.trySuccess(response);
            }
        }

        void fail(Channel ch, Throwable cause) {
            if (finish(ch)) {
                ch.close();
                pool.release(ch);
                promise.tryFailure(cause);
            }
        }

        private boolean finish(Channel ch) {
            if (done) {
                return false;
            }
            done = true;
            ch.attr(IN_FLIGHT).set(null);
            if (timeout != null) {
                timeout.cancel(false);
            }
            return true;
        }
    }

    private static final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            InFlight inFlight = ctx.channel().attr(IN_FLIGHT).get();
            if (inFlight != null) {
                inFlight.succeed(
                        ctx.channel(), new BackendResponse(response.status().code()), HttpUtil.isKeepAlive(response));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            InFlight inFlight = ctx.channel().attr(IN_FLIGHT).get();
            if (inFlight != null) {
                inFlight.fail(ctx.channel(), new ClosedChannelException());
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            InFlight inFlight = ctx.channel().attr(IN_FLIGHT).get();
            if (inFlight != null) {
                inFlight.fail(ctx.channel(), cause instanceof IOException ? cause : new IOException(cause));
            } else {
                ctx.close();
            }
        }
    }
}
