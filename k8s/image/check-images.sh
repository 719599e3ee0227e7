#!/usr/bin/env bash
# Runs the REAL images built by build-image.sh from their unpacked layers, with the variable names
# the manifests set, and checks they come up:
#   relay:    entrypoint + the manifest's flags; /health/live, /health/ready, /metrics
#             (socketdock_connections_open) on the internal port; SIGTERM drains and exits 0.
#   mediator: entrypoint against a throwaway local redis-server; /q/health/ready, GET /invitation
#             (carries SWITCHBOARD_MEDIATOR_PUBLIC_*), /q/metrics has http_server_requests_seconds_count
#             (the mediator HPA's series); SIGTERM exits.
# Loopback only: the hosts are 127.0.0.2 instead of the manifests' 0.0.0.0, which also proves that
# --bindip and QUARKUS_HTTP_HOST are read (the defaults are 127.0.0.1). Runs in a chroot as uid 10001
# (needs root and /usr/sbin/chroot; redis-server and curl on the PATH).
#
# Usage: k8s/image/check-images.sh [relay] [mediator]   (default both; images in target/image/)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out="$repo/target/image"
work="$out/check"
[[ $(id -u) == 0 && -x /usr/sbin/chroot ]] || { echo "check-images: needs root and /usr/sbin/chroot" >&2; exit 2; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# unpack IMAGE_TAR DIR -> DIR/rootfs (layers in manifest order); prints the entrypoint, one word a line
unpack() {
  rm -rf "$2"; mkdir -p "$2/rootfs"
  tar --warning=no-unknown-keyword -xf "$1" -C "$2"
  python3 - "$2" <<'EOF'
import json, subprocess, sys
d = sys.argv[1]
m = json.load(open(f"{d}/manifest.json"))[0]
for layer in m["Layers"]:
    subprocess.run(["tar", "--warning=no-unknown-keyword", "-xf", f"{d}/{layer}", "-C", f"{d}/rootfs"], check=True)
cfg = json.load(open(f"{d}/{m['Config']}"))["config"]
assert cfg["User"] == "10001:10001", cfg["User"]
print("\n".join(cfg["Entrypoint"]))
EOF
}

# wait_http URL SECONDS LOG: until 200
wait_http() {
  for ((i = 0; i < $2 * 2; i++)); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  echo "check-images: $1 did not answer 200 within $2 s; log:" >&2; tail -40 "$3" >&2; return 1
}

run_image() { # DIR LOG ENV... -- ARGS...   (background; sets $pid)
  local dir=$1 log=$2; shift 2
  local envs=() ; while [[ $1 != -- ]]; do envs+=("$1"); shift; done; shift
  mapfile -t ep < <(unpack "$out/$(basename "$dir").tar" "$dir")
  env -i PATH=/opt/java/bin:/usr/bin:/bin LD_ORIGIN_PATH=/opt/java/bin "${envs[@]}" \
    /usr/sbin/chroot --userspec=10001:10001 "$dir/rootfs" "${ep[@]}" "$@" >"$log" 2>&1 &
  pid=$!; pids+=("$pid")
}

secret=check-images-secret-0123456789abcdefghijklmnop

check_relay() {
  local pub int; pub=$(free_port); int=$(free_port)
  local t0=$SECONDS
  run_image "$work/socketdock" "$work/relay.log" \
    SOCKETDOCK_MESSAGE_URI=http://127.0.0.1:9/socketdock/message \
    SOCKETDOCK_DISCONNECT_URI=http://127.0.0.1:9/socketdock/disconnect \
    SOCKETDOCK_MAX_CONNECTIONS=20000 SOCKETDOCK_INSTANCE_ID=check-relay SOCKETDOCK_INTERNAL_PORT="$int" \
    SOCKETDOCK_DRAIN_WINDOW=2s SOCKETDOCK_SECRET="$secret" \
    "JDK_JAVA_OPTIONS=-XX:MaxRAMPercentage=50 -XX:MaxDirectMemorySize=96m -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp --enable-native-access=ALL-UNNAMED" \
    -- --bindip=127.0.0.2 --bindport="$pub" --endpoint="http://127.0.0.2:$int"
  wait_http "http://127.0.0.2:$int/health/live" 60 "$work/relay.log"
  echo "relay: /health/live 200 after $((SECONDS - t0)) s"
  wait_http "http://127.0.0.2:$int/health/ready" 10 "$work/relay.log"
  curl -fsS "http://127.0.0.2:$int/metrics" | grep -q '^socketdock_connections_open 0' \
    || { echo "relay: no socketdock_connections_open in /metrics" >&2; exit 1; }
  echo "relay: /health/ready 200, /metrics has socketdock_connections_open"
  kill -TERM "$pid"; local rc=0; wait "$pid" || rc=$?
  [[ $rc == 0 || $rc == 143 ]] || { echo "relay: exit $rc after SIGTERM" >&2; tail -20 "$work/relay.log" >&2; exit 1; }
  echo "relay: SIGTERM -> exit $rc"
}

check_mediator() {
  local redis http; redis=$(free_port); http=$(free_port)
  redis-server --port "$redis" --bind 127.0.0.1 --save '' --appendonly no >"$work/redis.log" 2>&1 &
  local rpid=$!; pids+=("$rpid")
  local t0=$SECONDS
  run_image "$work/mediator" "$work/mediator.log" \
    QUARKUS_HTTP_HOST=127.0.0.2 QUARKUS_HTTP_PORT="$http" QUARKUS_SHUTDOWN_TIMEOUT=20s \
    SWITCHBOARD_REDIS_URI="redis://127.0.0.1:$redis/0" SWITCHBOARD_RELAY_JWT_SECRET="$secret" \
    SWITCHBOARD_MEDIATOR_KEY_ENCRYPTION_KEY=ZGV2LW9ubHkta2VrLWRvLW5vdC11c2UtaW4tcHJvZCE= \
    SWITCHBOARD_MEDIATOR_PUBLIC_HTTP_URL=https://check.example/ \
    SWITCHBOARD_MEDIATOR_PUBLIC_WS_URLS=wss://check.example/ws \
    "JDK_JAVA_OPTIONS=-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" --
  wait_http "http://127.0.0.2:$http/q/health/ready" 120 "$work/mediator.log"
  echo "mediator: /q/health/ready 200 after $((SECONDS - t0)) s"
  curl -fsS -H 'Accept: application/json' "http://127.0.0.2:$http/invitation" | grep -q 'wss://check.example/ws' \
    || { echo "mediator: the invitation does not carry SWITCHBOARD_MEDIATOR_PUBLIC_WS_URLS" >&2; exit 1; }
  curl -fsS "http://127.0.0.2:$http/q/metrics" | grep -q '^http_server_requests_seconds_count{.*uri="/invitation"' \
    || { echo "mediator: no http_server_requests_seconds_count in /q/metrics" >&2; exit 1; }
  echo "mediator: /invitation carries the public URLs, /q/metrics has http_server_requests_seconds_count"
  kill -TERM "$pid"; local rc=0; wait "$pid" || rc=$?
  [[ $rc == 0 || $rc == 143 ]] || { echo "mediator: exit $rc after SIGTERM" >&2; tail -20 "$work/mediator.log" >&2; exit 1; }
  echo "mediator: SIGTERM -> exit $rc"
  kill "$rpid"; wait "$rpid" 2>/dev/null || true
}

mkdir -p "$work"
for s in "${@:-relay mediator}"; do
  for one in $s; do
    case "$one" in
      relay) check_relay ;;
      mediator) check_mediator ;;
      *) echo "usage: check-images.sh [relay] [mediator]" >&2; exit 2 ;;
    esac
  done
done
echo "check-images: OK"
