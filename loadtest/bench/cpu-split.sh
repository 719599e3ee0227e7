#!/usr/bin/env bash
# CPU per forward per process during one fixed-rate throughput step, with JFR recordings of the mediator and
# the relay. Runs `loadtest/run throughput` with one rate, then samples /proc/<pid>/stat of the mediator,
# relay, redis-server and Gatling JVM over the middle of the forward window and prints CPU seconds and
# microseconds per offered forward for each.
#
#   RATE=150 DURATION=60 WALLETS=1000 RAMP=30 SETTLE=15 [JFR=1] [TRACING=0] loadtest/bench/cpu-split.sh [-Dloadtest.x=y ...]
#
# TRACING=1 turns tracing on in the mediator and the relay (every span sampled, exported over OTLP/HTTP to a
# loopback sink this script starts, which answers 200 and discards; its CPU is not counted).
#
# The window measured starts about 10 s into the forwards (cluster start-up is assumed to take 10 s) and lasts DURATION-20 s. Results: the run directory of
# loadtest/run (printed), plus cpu-split.txt and cpu-split-mediator.jfr / cpu-split-relay.jfr in it (JFR=1;
# read them with `jfr view hot-methods` or `jfr print --events jdk.ExecutionSample` of JDK 25). JFR=0 for
# the CPU figures themselves (the recording costs CPU too). BASE_PORT (default 28000, ClusterSpec's) moves the
# cluster's ports so that two runs on one machine do not collide; the delivery counters it prints are read
# from BASE_PORT+200 (relay) and BASE_PORT+300 (mediator).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RATE="${RATE:-150}"; DURATION="${DURATION:-60}"; WALLETS="${WALLETS:-1000}"; RAMP="${RAMP:-30}"; SETTLE="${SETTLE:-15}"
JFR="${JFR:-1}"; TRACING="${TRACING:-0}"; BASE_PORT="${BASE_PORT:-28000}"
hz=$(getconf CLK_TCK)
log="$(mktemp -d)/run.log"
tracing_args=()
sink=""
if [[ "$TRACING" == 1 ]]; then
  port_file="$(dirname "$log")/otlp-port"
  python3 -c '
import http.server, sys
class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200); self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *a): pass
s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Sink)
open(sys.argv[1], "w").write(str(s.server_address[1])); s.serve_forever()' "$port_file" &
  sink=$!
  for _ in $(seq 1 50); do [[ -s "$port_file" ]] && break; sleep 0.1; done
  tracing_args=(-Dloadtest.otlpEndpoint="http://127.0.0.1:$(cat "$port_file")")
fi
LOADTEST_WALLETS="$WALLETS" LOADTEST_RATES="$RATE" LOADTEST_DURATION="$DURATION" LOADTEST_RAMP="$RAMP" \
  "$here/../run" throughput -Dloadtest.settleSeconds="$SETTLE" -Dloadtest.basePort="$BASE_PORT" "${tracing_args[@]}" "$@" \
  > "$log" 2>&1 &
runner=$!
trap 'kill -TERM $runner $sink 2>/dev/null || true' EXIT

ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# the run ended before it started what we measure: say why (the end of its log) and stop
run_ended() { echo "cpu-split: loadtest/run exited before $1; its log ($log) ends with:"; tail -n 25 "$log"; exit 1; }

# wait for the run's own Gatling JVM (its child: other people's runs on this machine are not ours); the
# build comes first and may take minutes, but a failed build ends the runner and this wait at once
gat=""; while [[ -z "$gat" ]]; do
  gat="$(pgrep -P "$runner" -f io.gatling.app.Gatling | head -1 || true)"
  [[ -n "$gat" ]] && break
  kill -0 "$runner" 2>/dev/null || run_ended "a Gatling JVM started"
  sleep 0.5
done
abort() { # stops what the run started, by pid
  local kids; kids="$(pgrep -P "$gat" || true)"
  kill -TERM "$gat" $kids 2>/dev/null || true; kill -TERM $runner $sink 2>/dev/null || true
}
trap abort EXIT
med=""; relay=""
for _ in $(seq 1 600); do
  med="$(pgrep -P "$gat" -f quarkus-run.jar | head -1 || true)"
  relay="$(pgrep -P "$gat" -f socketdock.relay.Main | head -1 || true)"
  [[ -n "$med" && -n "$relay" ]] && break
  kill -0 "$gat" 2>/dev/null || run_ended "the mediator and the relay started"
  sleep 0.5
done
redis="$(pgrep -P "$gat" -f redis-server | head -1 || true)"
[[ -n "$med" && -n "$relay" ]] || { echo "mediator/relay not found under $gat"; exit 1; }
# forwards start after onboarding (ramp) and settling; cluster start-up takes a few seconds more
start_wait=$(( RAMP + SETTLE + 10 + 10 ))
window=$(( DURATION - 20 ))
sleep "$start_wait"
declare -A t0
for p in med relay redis gat; do t0[$p]=$(ticks "${!p}"); done
if [[ "$JFR" == 1 ]]; then
  jcmd="$(dirname "$(readlink -f /proc/$med/exe)")/jcmd" # the mediator's own JDK
  "$jcmd" "$med" JFR.start name=prof settings=profile duration=${window}s filename=/tmp/cpu-split-mediator.jfr > /dev/null
  "$jcmd" "$relay" JFR.start name=prof settings=profile duration=${window}s filename=/tmp/cpu-split-relay.jfr > /dev/null
fi
load0="$(cut -d' ' -f1-3 /proc/loadavg)"
sleep "$window"
declare -A t1
for p in med relay redis gat; do t1[$p]=$(ticks "${!p}"); done
load1="$(cut -d' ' -f1-3 /proc/loadavg)"
# delivery failures as the mediator and the relay count them (ports: loadtest ClusterSpec defaults)
metrics="$( { curl -s --max-time 5 "http://127.0.0.1:$(( BASE_PORT + 300 ))/q/metrics" | grep -E '^switchboard_delivery(_failed)?_total'
  curl -s --max-time 5 "http://127.0.0.1:$(( BASE_PORT + 200 ))/metrics" | grep -E 'callback_requests_total'; } 2>/dev/null || true)"
sleep 2
wait $runner || true
[[ -n "$sink" ]] && kill -TERM "$sink" 2>/dev/null || true
trap - EXIT
out="$(ls -dt "$here"/../target/runs/throughput-* | head -1)"
{
  echo "cpu split: rate $RATE/s offered, $WALLETS wallets, window ${window}s, tracing $([[ "$TRACING" == 1 ]] && echo on || echo off), load average $load0 -> $load1"
  total=0
  for p in med relay redis gat; do
    d=$(( ${t1[$p]} - ${t0[$p]} )); total=$(( total + d ))
    awk -v n="$p" -v d="$d" -v hz="$hz" -v r="$RATE" -v w="$window" \
      'BEGIN {printf "  %-6s %7.2f s CPU  %6.0f us per forward  %5.1f%% of one core\n", n, d/hz, d/hz*1e6/(r*w), d/hz*100/w}'
  done
  awk -v d="$total" -v hz="$hz" -v r="$RATE" -v w="$window" \
    'BEGIN {printf "  total  %7.2f s CPU  %6.0f us per forward\n", d/hz, d/hz*1e6/(r*w)}'
  echo "$metrics" | sed 's/^/  /'
  sed -n '/==== throughput/,$p' "$log" | grep -E 'rate|lost|p99|e2e|received' | head -12
} | tee "$out/cpu-split.txt"
[[ "$JFR" == 1 ]] && mv /tmp/cpu-split-mediator.jfr /tmp/cpu-split-relay.jfr "$out/" 2>/dev/null || true
echo "run directory: $out"
