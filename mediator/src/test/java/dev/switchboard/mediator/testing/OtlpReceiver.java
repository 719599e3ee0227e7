package dev.switchboard.mediator.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A loopback OTLP/HTTP trace receiver (<a href="https://opentelemetry.io/docs/specs/otlp/#otlphttp">OTLP/HTTP</a>):
 * accepts {@code POST /v1/traces} with an {@code application/x-protobuf} {@code ExportTraceServiceRequest},
 * answers 200 with an empty {@code ExportTraceServiceResponse}, and keeps the spans. The body is read with
 * protobuf-java's {@link UnknownFieldSet} by the field numbers of {@code opentelemetry/proto/trace/v1/trace.proto}
 * and {@code collector/trace/v1/trace_service.proto} (resource_spans = 1; scope_spans = 2; spans = 2; trace_id =
 * 1, span_id = 2, parent_span_id = 4, name = 5, kind = 6, attributes = 9; resource.attributes = 1), since the
 * generated opentelemetry-proto classes need a newer protobuf runtime than the one Quarkus brings.
 */
public final class OtlpReceiver implements AutoCloseable {
    /** One received span; ids in lower-case hex, {@code parentSpanId} empty for a root. */
    public record ReceivedSpan(
            String service,
            String traceId,
            String spanId,
            String parentSpanId,
            String name,
            int kind,
            List<Attr> attributes) {
        /** The string value of attribute {@code key}, or null. */
        public @Nullable String attribute(String key) {
            return attributes.stream()
                    .filter(a -> a.key().equals(key))
                    .map(Attr::value)
                    .findFirst()
                    .orElse(null);
        }
    }

    /** A span or resource attribute with a string (or stringified) value. */
    public record Attr(String key, String value) {}

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    /** Starts on an ephemeral loopback port. */
    public OtlpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                spans.addAll(decode(in.readAllBytes()));
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** The base URI exporters are pointed at ({@code http://127.0.0.1:<port>}). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every span received so far. */
    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    static List<ReceivedSpan> decode(byte[] body) {
        try {
            List<ReceivedSpan> out = new java.util.ArrayList<>();
            for (ByteString resourceSpans : fields(UnknownFieldSet.parseFrom(body), 1)) {
                UnknownFieldSet rs = UnknownFieldSet.parseFrom(resourceSpans);
                String service = "";
                for (ByteString resource : fields(rs, 1)) {
                    for (Attr a : attributes(UnknownFieldSet.parseFrom(resource), 1)) {
                        if (a.key().equals("service.name")) {
                            service = a.value();
                        }
                    }
                }
                for (ByteString scopeSpans : fields(rs, 2)) {
                    for (ByteString span : fields(UnknownFieldSet.parseFrom(scopeSpans), 2)) {
                        UnknownFieldSet s = UnknownFieldSet.parseFrom(span);
                        out.add(new ReceivedSpan(
                                service,
                                hex(s, 1),
                                hex(s, 2),
                                hex(s, 4),
                                string(s, 5),
                                s.hasField(6)
                                        ? (int) (long)
                                                s.getField(6).getVarintList().get(0)
                                        : 0,
                                attributes(s, 9)));
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ByteString> fields(UnknownFieldSet set, int number) {
        return set.hasField(number) ? set.getField(number).getLengthDelimitedList() : List.of();
    }

    private static String hex(UnknownFieldSet set, int number) {
        List<ByteString> v = fields(set, number);
        return v.isEmpty() ? "" : HexFormat.of().formatHex(v.get(0).toByteArray());
    }

    private static String string(UnknownFieldSet set, int number) {
        List<ByteString> v = fields(set, number);
        return v.isEmpty() ? "" : v.get(0).toStringUtf8();
    }

    /** KeyValue {key = 1; AnyValue value = 2 {string_value = 1; bool = 2; int = 3; double = 4}}. */
    private static List<Attr> attributes(UnknownFieldSet set, int number) throws IOException {
        List<Attr> out = new java.util.ArrayList<>();
        for (ByteString kv : fields(set, number)) {
            UnknownFieldSet pair = UnknownFieldSet.parseFrom(kv);
            String key = string(pair, 1);
            String value = "";
            for (ByteString any : fields(pair, 2)) {
                UnknownFieldSet v = UnknownFieldSet.parseFrom(any);
                if (v.hasField(1)) {
                    value = string(v, 1);
                } else if (v.hasField(3)) {
                    value = Long.toString(v.getField(3).getVarintList().get(0));
                }
            }
            out.add(new Attr(key, value));
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
