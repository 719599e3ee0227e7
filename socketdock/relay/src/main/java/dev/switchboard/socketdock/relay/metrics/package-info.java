/**
 * The relay's Prometheus metrics, on Micrometer's Prometheus registry. In: counts and timings from the
 * handlers and the backend dispatcher ({@link dev.switchboard.socketdock.relay.metrics.RelayMetrics},
 * meters registered once and kept). Out: the text exposition format 0.0.4 served at {@code GET /metrics}
 * on the internal listener; {@code RelayMetrics.NAMES} lists every family exported.
 *
 * @see <a href="https://prometheus.io/docs/instrumenting/exposition_formats/">Prometheus exposition formats</a>
 * @see <a href="https://docs.micrometer.io/micrometer/reference/implementations/prometheus.html">Micrometer Prometheus</a>
 */
@NullMarked
package dev.switchboard.socketdock.relay.metrics;

import org.jspecify.annotations.NullMarked;
