# Shared by the socketdock benchmark scripts: picks a JDK >= 21, builds the relay and bench jars, cleans up.
# CP runs the relay (its jar and target/lib); BENCH_CP runs the echo backend and the clients (module socketdock/bench).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${BENCH_OUT:-$root/socketdock/bench/out}"
mkdir -p "$out"

pick_java() {
  local d v best="" best_v=0
  major() { "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}' | sed -E 's/^1\.//; s/[.-].*//'; }
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && (( $(major "$JAVA_HOME") >= 21 )); then
    echo "$JAVA_HOME"; return
  fi
  for d in /usr/lib/jvm/*/; do
    d=${d%/}; [[ -x "$d/bin/java" && ! -L "$d" ]] || continue
    v=$(major "$d"); [[ -n "$v" ]] || continue
    if (( v >= 21 && v > best_v )); then best="$d"; best_v=$v; fi
  done
  [[ -n "$best" ]] || { echo "bench: no JDK >= 21 found (set JAVA_HOME)" >&2; exit 1; }
  echo "$best"
}
JDK="$(pick_java)"
JAVA="$JDK/bin/java"
JCMD="$JDK/bin/jcmd"

if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
  echo "bench: building the relay and bench jars (tests skipped)..." >&2
  (cd "$root" && ./mvnw -B -q -pl socketdock/relay,socketdock/bench -am -DskipTests package >&2)
fi
target="$root/socketdock/relay/target"
jar="$(ls "$target"/socketdock-relay-*.jar | grep -v -- '-sources' | head -1)"
CP="$jar:$target/lib/*"
bench_target="$root/socketdock/bench/target"
bench_jar="$(ls "$bench_target"/socketdock-bench-*.jar | grep -v -- '-sources' | head -1)"
BENCH_CP="$bench_jar:$bench_target/lib/*"
export SOCKETDOCK_SECRET="${SOCKETDOCK_SECRET:-bench-secret-bench-secret-bench-secret}"
export SOCKETDOCK_LOG_LEVEL="${SOCKETDOCK_LOG_LEVEL:-warn}" # relay, echo backend and clients (logback.xml of the relay jar)

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

wait_port() { # host port
  for _ in $(seq 1 200); do (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && return 0; sleep 0.1; done
  echo "bench: $1:$2 did not open" >&2; exit 1
}

rss_mb() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }

heap_after_gc_mb() { # pid: full GC, then used heap in MB
  "$JCMD" "$1" GC.run >/dev/null
  sleep 1
  "$JCMD" "$1" GC.heap_info | awk '/garbage-first heap|total/ && /used/ {
      for (i=1;i<=NF;i++) if ($i=="used") { v=$(i+1); gsub(/[K,]/,"",v); printf "%.1f", v/1024; exit } }'
}

machine() {
  echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $("$JAVA" -version 2>&1 | head -1), $(uname -sr)"
}
