#!/usr/bin/env bash
# Benchmark (not a test): one relay JVM holding >= 19,000 WebSockets.
# Starts the echo backend and one relay, then CLIENTS client JVMs (default 4) of PER_CLIENT sockets
# (default 4,750) from 127.0.0.2, 127.0.0.3, ... (one source address each, so no client runs out of
# ephemeral ports; each process stays under the 20,000 open-files cap). Every client pings each of
# its sockets once a minute; the relay pings every 20 s (default). Prints heap used after a full GC
# (jcmd GC.run + GC.heap_info) and RSS of the relay with 0 sockets, after each client, and per
# 10,000 sockets.
#   socketdock/bench/run-connections.sh            # CLIENTS=4 PER_CLIENT=4750 HOLD=300
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
clients="${CLIENTS:-4}"
per_client="${PER_CLIENT:-4750}"
hold="${HOLD:-300}"
port=18765
internal=18766
echo_port=18080

"$JAVA" -Xmx256m -cp "$BENCH_CP" dev.switchboard.socketdock.echo.EchoBackend --port "$echo_port" >"$out/echo.log" 2>&1 &
pids+=($!)
wait_port 127.0.0.1 "$echo_port"
"$JAVA" --enable-native-access=ALL-UNNAMED -XX:+UseG1GC -cp "$CP" \
  dev.switchboard.socketdock.relay.Main --bindip 0.0.0.0 --bindport "$port" --internal-ip 127.0.0.1 \
  --internal-port "$internal" --max-connections 19500 --max-sockets-per-address 0 --max-socket-rate-per-address 0 \
  --message-uri "http://127.0.0.1:$echo_port/socketdock/message" \
  --connect-uri "http://127.0.0.1:$echo_port/socketdock/connect" \
  --disconnect-uri "http://127.0.0.1:$echo_port/socketdock/disconnect" >"$out/relay.log" 2>&1 &
relay=$!
pids+=($relay)
wait_port 127.0.0.1 "$port"
sleep 2
printf 'sockets=0 heap_after_gc_mb=%s rss_mb=%s\n' "$(heap_after_gc_mb $relay)" "$(rss_mb $relay)"

for i in $(seq 1 "$clients"); do
  src="127.0.0.$((i + 1))"
  "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx384m -cp "$BENCH_CP" \
    dev.switchboard.socketdock.bench.ConnectionsClient --target "ws://127.0.0.1:$port/ws" --source "$src" \
    --count "$per_client" --hold-seconds "$hold" --ping-seconds 60 >"$out/client-$i.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do grep -q READY "$out/client-$i.log" && break; sleep 0.5; done
  grep READY "$out/client-$i.log"
  open=$(curl -s "http://127.0.0.1:$internal/metrics" | awk '/^socketdock_connections_open / {print int($2)}')
  printf 'sockets=%s heap_after_gc_mb=%s rss_mb=%s\n' "$open" "$(heap_after_gc_mb $relay)" "$(rss_mb $relay)"
done

echo "holding for 70 s (every client pings each socket once a minute)..."
sleep 70
open=$(curl -s "http://127.0.0.1:$internal/metrics" | awk '/^socketdock_connections_open / {print int($2)}')
heap=$(heap_after_gc_mb $relay)
printf 'FINAL sockets=%s heap_after_gc_mb=%s rss_mb=%s heap_per_10k_mb=%s\n' "$open" "$heap" "$(rss_mb $relay)" \
  "$(awk -v h="$heap" -v n="$open" 'BEGIN { if (n > 0) printf "%.1f", h * 10000 / n; else print "n/a" }')"
curl -s "http://127.0.0.1:$internal/metrics" | grep -E '^socketdock_(connections_closed_total|upgrades_rejected_total)' || true
for i in $(seq 1 "$clients"); do tail -1 "$out/client-$i.log"; done
echo "machine: $(machine)"
