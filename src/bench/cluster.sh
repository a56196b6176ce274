#!/usr/bin/env bash
# Cross-node broadcast through Redis: two Socketeer nodes (Tomcat 10.1, socketeer.adapter=redis) next
# to two Node.js nodes (socket.io 4.8 + @socket.io/redis-adapter 8.3, src/bench/node-cluster-server.js),
# each pair on one redis-server. Servers and Redis pinned to core 0, the generator
# (src/bench/cluster-fanout.js) to core 1: R receivers split over the two nodes, the sender on the
# first, M ticks per blast. Prints one table (medians of REPS runs after WARMUPS discarded runs: the
# JVMs need a few to compile the broadcast path).
#
#   src/bench/cluster.sh [--reps 3] [--warmups 3] [--receivers 1000] [--messages 200] [--sharded]
#
# --sharded: both pairs on Redis 7 sharded Pub/Sub (createShardedAdapter / socketeer.redis.sharded).
#
# Needs Java 17, Maven, Node.js, redis-server (Debian package), taskset. Not for CI.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="${BENCH_HOME:-$ROOT/../shared/bench}"
export BENCH_DEPS="${BENCH_DEPS:-/tmp/bench-deps}"
OUT="${OUT:-/tmp/socketeer-bench/cluster-$(date +%Y%m%dT%H%M%S)}"
REPS=3
WARMUPS=3
RECEIVERS=1000
MESSAGES=200
SHARDED=""
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) REPS="$2"; shift 2 ;;
    --warmups) WARMUPS="$2"; shift 2 ;;
    --receivers) RECEIVERS="$2"; shift 2 ;;
    --messages) MESSAGES="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --sharded) SHARDED=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
. "$ROOT/src/bench/common.sh"

# the npm packages of the Node.js nodes and the generator: the test clients' (src/test/node)
CLIENTS="$ROOT/target/test-clients"
if [ ! -d "$CLIENTS/node_modules/@socket.io/redis-adapter" ]; then
  mkdir -p "$CLIENTS" && cp "$ROOT/src/test/node/package.json" "$ROOT/src/test/node/package-lock.json" "$CLIENTS/"
  (cd "$CLIENTS" && npm ci --no-audit --no-fund --loglevel=error)
fi
export NODE_PATH="$CLIENTS/node_modules"

REDIS_PORT=6390
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

wait_port() { # wait_port PORT: until something answers HTTP there (120 s at most)
  for _ in $(seq 1 240); do
    curl -s -o /dev/null "http://127.0.0.1:$1/socket.io/?EIO=4&transport=polling" && return 0
    sleep 0.5
  done
  echo "nothing answers on $1" >&2; exit 1
}

start_redis() {
  taskset -c 0 redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no > "$OUT/redis-$1.log" 2>&1 &
  REDIS_PID=$!
  PIDS+=("$REDIS_PID")
  sleep 0.5
}

run_target() { # run_target NAME URL1 URL2 PID1 PID2
  local name="$1" urls="$2,$3" pids="$4,$5" i
  for i in $(seq 1 "$WARMUPS"); do
    echo "== $name: warm-up $i" >&2
    taskset -c 1 node "$ROOT/src/bench/cluster-fanout.js" --urls "$urls" --pids "$pids" --redis-pid "$REDIS_PID" \
      --receivers "$RECEIVERS" --messages "$MESSAGES" >> "$OUT/$name-warmup.jsonl"
  done
  for i in $(seq 1 "$REPS"); do
    echo "== $name: run $i" >&2
    taskset -c 1 node "$ROOT/src/bench/cluster-fanout.js" --urls "$urls" --pids "$pids" --redis-pid "$REDIS_PID" \
      --receivers "$RECEIVERS" --messages "$MESSAGES" | tee -a "$OUT/$name.jsonl" >&2
  done
}

stop_all() {
  cleanup
  PIDS=()
}

# --- Node.js: two socket.io nodes with the Redis adapter
start_redis node
taskset -c 0 node "$ROOT/src/bench/node-cluster-server.js" 3000 "redis://127.0.0.1:$REDIS_PORT" ${SHARDED:+sharded} 2> "$OUT/node-1.log" &
N1=$!; PIDS+=("$N1")
taskset -c 0 node "$ROOT/src/bench/node-cluster-server.js" 3001 "redis://127.0.0.1:$REDIS_PORT" ${SHARDED:+sharded} 2> "$OUT/node-2.log" &
N2=$!; PIDS+=("$N2")
wait_port 3000; wait_port 3001
run_target node http://127.0.0.1:3000 http://127.0.0.1:3001 "$N1" "$N2"
stop_all

# --- Socketeer: two Tomcat bases with the bench WAR and the Redis adapter's jars in lib/
start_redis socketeer
JOPTS="-Xms256m -Xmx1g -Dsocketeer.adapter=redis -Dsocketeer.redis.uri=redis://127.0.0.1:$REDIS_PORT -Dsocketeer.redis.sharded=${SHARDED:+true}"
TPIDS=()
for port in 3000 3001; do
  tomcat_base "$OUT/tomcat-$port" "$port"
  mkdir -p "$OUT/tomcat-$port/lib" && cp "$T"/redis-libs/*.jar "$OUT/tomcat-$port/lib/"   # common.loader
  env CATALINA_HOME="$TOMCAT_HOME" CATALINA_BASE="$OUT/tomcat-$port" JAVA_OPTS="$JOPTS" \
    taskset -c 0 bash "$TOMCAT_HOME/bin/catalina.sh" run > "$OUT/tomcat-$port.log" 2>&1 &
  PIDS+=($!)
done
wait_port 3000; wait_port 3001
J1=$(ss -ltnp "sport = :3000" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
J2=$(ss -ltnp "sport = :3001" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
run_target socketeer http://127.0.0.1:3000 http://127.0.0.1:3001 "$J1" "$J2"
stop_all

node - "$OUT" "${SHARDED:+ (sharded)}" <<'JS' | tee "$OUT/table.md"
const fs = require("fs");
const out = process.argv[2];
const variant = process.argv[3] || "";
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
console.log("| server (2 nodes + Redis) | deliveries/s | p50 ms | p99 ms | server CPU µs/delivery (both nodes) | of which sender's node / other node | Redis CPU µs/delivery | missing |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const [name, label] of [["node", "Node.js socket.io 4.8 + @socket.io/redis-adapter 8.3" + variant],
  ["socketeer", "Socketeer on Tomcat 10.1, socketeer.adapter=redis" + variant]]) {
  const runs = fs.readFileSync(`${out}/${name}.jsonl`, "utf8").trim().split("\n").map(JSON.parse);
  const m = (k) => med(runs.map((r) => r[k]));
  const byNode = [0, 1].map((i) => med(runs.map((r) => r.server_cpu_us_per_delivery_by_node[i])));
  console.log(`| ${label} | ${m("deliveries_per_s")} | ${m("p50_ms")} | ${m("p99_ms")} | ${m("server_cpu_us_per_delivery")} | ${byNode[0]} / ${byNode[1]} | ${m("redis_cpu_us_per_delivery")} | ${Math.max(...runs.map((r) => r.missing))} |`);
}
JS
