#!/usr/bin/env bash
# Mailbox full-cycle benchmark beside redis-benchmark, against the same redis-server in the same run.
#
#   queue/bench/run.sh [messages=200000] [recipients=10000] [window=512] [warmup=min(100000,messages)]
#
# Prints the machine, the load average before and after, redis-benchmark's LPUSH figures, the
# benchmark's per-phase throughput with the CPU time redis-server (INFO cpu) and the benchmark's JVM
# spent per message, INFO commandstats, and the ratio of the full cycle to LPUSH. On a shared machine
# the throughput follows the CPU share the run gets; the CPU times per message do much less so.
#
# Needs Debian's redis-server and redis-benchmark (7.0.15 here): `apt-get install -y redis-server`.
# Without them it falls back to the embedded Redis 6.2 binary from the test classpath and skips
# redis-benchmark (no ratio then). Builds the queue module's test classes first (offline if possible).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
messages=${1:-200000}
recipients=${2:-10000}
window=${3:-512}
warm=${4:-$(( messages < 100000 ? messages : 100000 ))}
cd "$root"

./mvnw -B -q -o -pl queue -am test-compile -DskipTests 2>/dev/null || ./mvnw -B -q -pl queue -am test-compile -DskipTests
./mvnw -B -q -o -pl queue dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="queue/target/test-classes:queue/target/classes:$(cat queue/target/bench.classpath)"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! "$java_bin" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  java_bin=$(ls -d /usr/lib/jvm/*/bin/java | sort -V | tail -1)
fi

echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)'), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $("$java_bin" -version 2>&1 | head -1)"
echo "load average at start: $(cut -d" " -f1-3 /proc/loadavg) (other processes share the cores)"
if command -v redis-server >/dev/null && command -v redis-benchmark >/dev/null; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize no --logfile /dev/null &
  server=$!
  trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
  for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  echo "server: $(redis-server --version | awk '{print $1, $2, $3}')"
  echo "--- redis-benchmark -t lpush -d 1024 -q -n 200000 (50 clients, no pipelining)"
  lpush=$(redis-benchmark -h 127.0.0.1 -p "$port" -t lpush -d 1024 -q -n 200000 | tr '\r' '\n' | grep 'LPUSH:' | tail -1)
  echo "$lpush"
  echo "--- redis-benchmark -t lpush -d 1024 -q -n 200000 -P 16 (pipelining 16)"
  lpush16=$(redis-benchmark -h 127.0.0.1 -p "$port" -t lpush -d 1024 -q -n 200000 -P 16 | tr '\r' '\n' | grep 'LPUSH:' | tail -1)
  echo "$lpush16"
  redis-cli -p "$port" flushall >/dev/null
  target="redis://127.0.0.1:$port"
else
  echo "redis-server/redis-benchmark not found (apt-get install -y redis-server): using the embedded Redis 6.2, no ratio"
  lpush="" lpush16="" target=embedded
fi

echo "--- MailboxBenchmark $messages messages, $recipients recipients, window $window, warm-up $warm messages (not counted)"
echo "load average before the benchmark: $(cut -d" " -f1-3 /proc/loadavg)"
server_cpu0=$([[ -n "${server:-}" ]] && awk '{print $14 + $15}' "/proc/$server/stat" || echo 0)
out=$("$java_bin" -cp "$cp" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dbench.warmup="$warm" \
  dev.switchboard.queue.bench.MailboxBenchmark "$target" "$messages" "$recipients" "$window")
echo "$out" | grep -v '^FULL_CYCLE'
if [[ -n "${server:-}" ]]; then
  ticks=$(( $(awk '{print $14 + $15}' "/proc/$server/stat") - server_cpu0 ))
  hz=$(getconf CLK_TCK)
  awk -v t="$ticks" -v hz="$hz" -v n="$((messages + warm))" 'BEGIN {
    printf "redis-server CPU during the Java run (warm-up included): %.1f s = %.1f us per message (%d messages)\n", t / hz, t / hz * 1e6 / n, n }'
fi
full=$(echo "$out" | sed -n 's/^FULL_CYCLE_MSGS_PER_S=//p')
echo "load average at end: $(cut -d" " -f1-3 /proc/loadavg)"
if [[ -n "$lpush" ]]; then
  rps=$(echo "$lpush" | sed -E 's/LPUSH: ([0-9.]+) requests.*/\1/')
  rps16=$(echo "$lpush16" | sed -E 's/LPUSH: ([0-9.]+) requests.*/\1/')
  awk -v f="$full" -v l="$rps" -v p="$rps16" 'BEGIN {
    printf "ratio full cycle / redis-benchmark LPUSH: %.2f (no pipelining), %.2f (-P 16)\n", f / l, f / p }'
fi
