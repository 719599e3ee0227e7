package dev.switchboard.socketdock.relay.tracing;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.net.URI;
import java.util.Map;

/**
 * The OpenTelemetry SDK the relay installs when {@code --otel-exporter-otlp-endpoint} is set: built by the SDK's
 * autoconfiguration module, so the standard {@code OTEL_*} variables and {@code otel.*} system properties apply
 * (service name, resource attributes, sampler, batch processor, headers, ...). Fixed here: spans go over OTLP/HTTP
 * with protobuf bodies to {@code <endpoint>/v1/traces} (the flag wins over {@code OTEL_EXPORTER_OTLP_ENDPOINT});
 * metrics and logs are not exported (the relay's metrics are its Prometheus endpoint, its logs go to stdout).
 * Defaults that a variable may override: service name {@code socketdock-relay}. The caller closes the SDK at
 * shutdown (flushing the last spans); no JVM shutdown hook is registered.
 *
 * @see <a href="https://opentelemetry.io/docs/specs/otel/protocol/exporter/">OTLP exporter configuration</a>
 */
public final class TracingSdk {
    private TracingSdk() {}

    /**
     * Builds the SDK (not registered as {@code GlobalOpenTelemetry}: the relay passes it along itself).
     *
     * @param endpoint OTLP/HTTP base URI, e.g. {@code http://otel-collector:4318}
     * @throws io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException on a bad {@code OTEL_*} value
     */
    public static OpenTelemetrySdk start(URI endpoint) {
        String base = endpoint.toString().replaceAll("/+$", "");
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> Map.of("otel.service.name", "socketdock-relay"))
                .addPropertiesCustomizer(config -> Map.of(
                        "otel.traces.exporter", "otlp",
                        "otel.metrics.exporter", "none",
                        "otel.logs.exporter", "none",
                        "otel.exporter.otlp.protocol", "http/protobuf",
                        "otel.exporter.otlp.endpoint", base))
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
    }
}
