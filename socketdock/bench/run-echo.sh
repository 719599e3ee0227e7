#!/usr/bin/env bash
# Benchmark (not a test): echo throughput through one relay. Each message goes
# client frame -> relay -> backend POST (JWT) -> echo backend -> send callback (JWT) -> relay -> client frame.
# Prints messages/s and latency percentiles over the measured interval.
#   socketdock/bench/run-echo.sh        # CONNECTIONS=100 WINDOW=4 SECONDS=30 WARMUP=10 BYTES=100
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
port=28765
internal=28766
echo_port=28080

"$JAVA" -Xmx512m ${ECHO_JAVA_OPTS:-} -cp "$BENCH_CP" dev.switchboard.socketdock.echo.EchoBackend \
  --port "$echo_port" >"$out/echo-backend.log" 2>&1 &
pids+=($!)
wait_port 127.0.0.1 "$echo_port"
"$JAVA" --enable-native-access=ALL-UNNAMED -Xmx512m ${RELAY_JAVA_OPTS:-} -cp "$CP" \
  dev.switchboard.socketdock.relay.Main --bindport "$port" --internal-port "$internal" \
  --max-sockets-per-address 0 --max-socket-rate-per-address 0 \
  --message-uri "http://127.0.0.1:$echo_port/socketdock/message" \
  --disconnect-uri "http://127.0.0.1:$echo_port/socketdock/disconnect" >"$out/echo-relay.log" 2>&1 &
relay=$!
pids+=($relay)
wait_port 127.0.0.1 "$port"
"$JAVA" --enable-native-access=ALL-UNNAMED -Xmx512m -cp "$BENCH_CP" \
  dev.switchboard.socketdock.bench.EchoLoadClient --target "ws://127.0.0.1:$port/ws" \
  --connections "${CONNECTIONS:-100}" --window "${WINDOW:-4}" --seconds "${SECONDS_MEASURED:-30}" \
  --warmup-seconds "${WARMUP:-10}" --message-bytes "${BYTES:-100}" | tee "$out/echo-result.txt"
curl -s "http://127.0.0.1:$internal/metrics" | grep -E '^socketdock_(backend_errors_total|connections_closed_total|callback_requests_total)' || true
echo "relay rss_mb=$(rss_mb $relay)"
echo "machine: $(machine); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
