#!/usr/bin/env bash
# Idle CPU of the relay, the mediator and Redis: what they burn with no traffic (timers, sweeps, heartbeats).
# Starts ./run (1 relay, 1 mediator, embedded Redis) with RUN_PORT_OFFSET (default 1000, so it runs beside
# another ./run), waits WARMUP s once it is ready, then samples utime+stime of each process from
# /proc/PID/stat over WINDOW s and prints CPU seconds and % of one core per process and in total; stops ./run.
# A process's CPU time is its own, so the figure holds on a busy machine too (the load average is printed).
#
#   WARMUP=30 WINDOW=60 RUN_PORT_OFFSET=1000 loadtest/bench/idle-cpu.sh
#   PIDS="mediator=123 relay=456 redis=789" WINDOW=60 loadtest/bench/idle-cpu.sh   (processes already running)
# THREADS=1 also prints each process's busiest threads (names from /proc/PID/task/TID/comm, 15 characters):
# where an idle cost comes from.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
WARMUP="${WARMUP:-30}"; WINDOW="${WINDOW:-60}"
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
declare -A pid=()

if [[ -n "${PIDS:-}" ]]; then
  for kv in $PIDS; do pid[${kv%%=*}]="${kv#*=}"; done
else
  log="$(mktemp -d)/run.log"
  RUN_PORT_OFFSET="${RUN_PORT_OFFSET:-1000}" "$repo/run" > "$log" 2>&1 &
  runner=$!
  trap 'kill -TERM $runner 2>/dev/null || true; wait $runner 2>/dev/null || true' EXIT
  until grep -qs 'Switchboard is running' "$log"; do
    kill -0 "$runner" 2>/dev/null || { echo "idle-cpu: ./run exited; its log ($log) ends with:"; tail -n 25 "$log"; exit 1; }
    sleep 0.5
  done
  pid[mediator]="$(pgrep -P "$runner" -f quarkus-run.jar | head -1)"
  pid[relay]="$(pgrep -P "$runner" -f socketdock.relay.Main | head -1)"
  pid[redis]="$(pgrep -P "${pid[mediator]}" -f redis-server | head -1)"
  sleep "$WARMUP"
fi
for p in mediator relay redis; do
  [[ -n "${pid[$p]:-}" && -r "/proc/${pid[$p]}/stat" ]] || { echo "idle-cpu: no $p process (${pid[$p]:-none})"; exit 1; }
done

# per-thread ticks of a process: "tid ticks name" lines
threads() { local t; for t in /proc/"$1"/task/*; do
  echo "${t##*/} $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null || echo 0) $(tr ' ' '_' < "$t/comm" 2>/dev/null)"; done; }
declare -A t0=() t1=() th0=()
load0="$(cut -d' ' -f1-3 /proc/loadavg)"; at="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
for p in mediator relay redis; do
  t0[$p]=$(ticks "${pid[$p]}")
  [[ "${THREADS:-0}" == 1 ]] && th0[$p]="$(threads "${pid[$p]}")"
done
sleep "$WINDOW"
for p in mediator relay redis; do t1[$p]=$(ticks "${pid[$p]}"); done
load1="$(cut -d' ' -f1-3 /proc/loadavg)"

echo "idle cpu: $at, window ${WINDOW}s after ${WARMUP}s warm-up, commit $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD || echo '+changes'), load average $load0 -> $load1"
total=0
for p in mediator relay redis; do
  d=$(( t1[$p] - t0[$p] )); total=$(( total + d ))
  awk -v n="$p" -v d="$d" -v hz="$hz" -v w="$WINDOW" \
    'BEGIN {printf "  %-8s %6.2f s CPU  %5.2f%% of one core\n", n, d/hz, d/hz*100/w}'
done
awk -v d="$total" -v hz="$hz" -v w="$WINDOW" 'BEGIN {printf "  total    %6.2f s CPU  %5.2f%% of one core\n", d/hz, d/hz*100/w}'
if [[ "${THREADS:-0}" == 1 ]]; then
  for p in mediator relay redis; do
    echo "  busiest threads of $p (CPU seconds in the window):"
    join <(echo "${th0[$p]}" | sort) <(threads "${pid[$p]}" | sort) \
      | awk -v hz="$hz" '{d = $4 - $2; if (d > 0) printf "    %6.2f  %s\n", d/hz, $3}' | sort -rn | head -8
  done
fi
