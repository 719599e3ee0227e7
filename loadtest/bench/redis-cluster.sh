#!/usr/bin/env bash
# Forwards/s and p99 on a standalone Redis vs a Redis Cluster (3 primaries + 3 replicas of Debian's
# redis-server on loopback, AOF everysec) vs the same cluster with switchboard.redis.durability=wait-replicas:1:
# the same `loadtest/run throughput` step (one rate) each, one run each; then, for the cluster run, the
# commands each primary served on the delivery-deadline and push-schedule buckets (MONITOR over 10 s in the
# middle of the forwards), to show the shared due-time sets have no hot shard.
#
#   RATE=200 DURATION=40 WALLETS=1000 loadtest/bench/redis-cluster.sh
#
# Cluster ports: BENCH_CLUSTER_PORT (7200) .. +5. Needs redis-server and redis-cli (Debian's redis-server).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RATE="${RATE:-200}"; DURATION="${DURATION:-40}"; WALLETS="${WALLETS:-1000}"; RAMP="${RAMP:-10}"
base="${BENCH_CLUSTER_PORT:-7200}"
for bin in redis-server redis-cli; do
  command -v "$bin" > /dev/null || { echo "redis-cluster.sh: $bin missing: apt-get install -y redis-server" >&2; exit 1; }
done
dir="$(mktemp -d)"
pids=()
trap 'for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done' EXIT

nodes=() seeds=""
for ((p = base; p < base + 6; p++)); do
  mkdir -p "$dir/$p"
  redis-server --port "$p" --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file nodes.conf \
    --cluster-node-timeout 5000 --appendonly yes --appendfsync everysec --save "" --dir "$dir/$p" \
    --logfile "$dir/$p/redis.log" &
  pids+=($!)
  nodes+=("127.0.0.1:$p"); seeds+="${seeds:+,}127.0.0.1:$p"
done
for ((p = base; p < base + 6; p++)); do
  until redis-cli -p "$p" ping > /dev/null 2>&1; do sleep 0.1; done
done
redis-cli --cluster create "${nodes[@]}" --cluster-replicas 1 --cluster-yes > "$dir/create.log" 2>&1
until redis-cli -p "$base" cluster info | grep -q '^cluster_state:ok'; do sleep 0.2; done
primaries=($(redis-cli -p "$base" cluster nodes | awk '/master/ {split($2, a, "[:@]"); print a[2]}' | sort -n))

step() { # label [env...]: one throughput step; prints its summary line
  local label="$1"; shift
  for p in "${primaries[@]}"; do redis-cli -p "$p" flushall > /dev/null; done
  env "$@" LOADTEST_WALLETS="$WALLETS" LOADTEST_RATES="$RATE" LOADTEST_DURATION="$DURATION" LOADTEST_RAMP="$RAMP" \
    "$here/../run" throughput > "$dir/$label.log" 2>&1 || true
  echo "$label: $(grep -m1 'rate .*offered' "$dir/$label.log" || echo "no result (log: $dir/$label.log)")"
}

echo "redis-cluster.sh: $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), rate $RATE/s, $DURATION s"
step standalone
export LOADTEST_SKIP_BUILD=1
( sleep $((RAMP + 30)) # the build is skipped now; the system starts in about 20 s
  for p in "${primaries[@]}"; do timeout 10 redis-cli -p "$p" monitor > "$dir/monitor-$p.txt" 2>/dev/null & done
  wait ) &
monitor=$!
step cluster LOADTEST_REDIS="redis-cluster://$seeds"
wait "$monitor" || true
step cluster+wait LOADTEST_REDIS="redis-cluster://$seeds" SWITCHBOARD_REDIS_DURABILITY=wait-replicas:1
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commands per primary over 10 s of the cluster run (MONITOR): all / on deadline buckets / on push-schedule buckets"
for p in "${primaries[@]}"; do
  f="$dir/monitor-$p.txt"
  echo "  :$p  $(grep -c . "$f" || true) / $(grep -c ':deadlines:{dl' "$f" || true) / $(grep -c ':push:due:{pd' "$f" || true)"
done
echo "logs: $dir"
