#!/usr/bin/env bash
# Scale: many idle WebSocket clients held on one Socketeer server (Tomcat 10.1 or WildFly 39, 2 GB
# heap) with heartbeats flowing, and the echo latency of 50 other clients measured while they are
# connected.
#
#   src/bench/scale.sh                       # 19,000 clients held for 150 s, on Tomcat
#   CLIENTS=10000 HOLD_S=120 src/bench/scale.sh
#   CONTAINER=wildfly CLIENTS=10000 src/bench/scale.sh
#   ENDPOINT=raw CLIENTS=5000 src/bench/scale.sh   # the container alone: plain WebSocket connections
#                                                  # on /raw-idle, echo on /raw-echo, no Socket.IO
#
# Server pinned to core 0, generators to core 1 (../shared/bench/bench.js: connect-rate holds the
# clients for HOLD_S seconds and answers the server's pings; echo-latency runs once they are all
# connected and a heartbeat round, pingInterval + pingTimeout = 45 s, has passed). The heap per
# client is the used heap after a full GC (jcmd GC.run) with the clients held, minus the same before
# they came. Prints one line of results and writes the generators' JSON to $OUT. Never in CI: it
# takes about 4 minutes and wants a quiet machine. A process may open at most `ulimit -n` files
# (20,000 on the machine this was measured on, not raisable there), which bounds CLIENTS in the
# server and in one generator. With ENDPOINT=raw the clients are plain WebSocket connections
# (src/bench/hold-raw.js) to a JSR-356 endpoint in the same WAR with the message buffers Socketeer
# uses: the heap per client is then the container's own, the floor under Socketeer's.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="${BENCH_HOME:-$ROOT/../shared/bench}"
export BENCH_DEPS="${BENCH_DEPS:-/tmp/bench-deps}"
OUT="${OUT:-/tmp/socketeer-bench/scale-$(date +%Y%m%dT%H%M%S)}"
CLIENTS="${CLIENTS:-19000}"
HOLD_S="${HOLD_S:-150}"
HEAP="${HEAP:-2g}"
PORT=3000
URL="http://127.0.0.1:$PORT"
. "$ROOT/src/bench/common.sh"
CONTAINER="${CONTAINER:-tomcat}"
ENDPOINT="${ENDPOINT:-socket.io}"
case "$ENDPOINT" in socket.io|raw) ;; *) echo "ENDPOINT: socket.io or raw, not $ENDPOINT" >&2; exit 2 ;; esac
case "$CONTAINER" in
  tomcat)
    BASE="$OUT/tomcat-base"
    tomcat_base "$BASE" "$PORT"
    echo "== Tomcat, -Xms$HEAP -Xmx$HEAP, core 0" >&2
    CATALINA_HOME="$TOMCAT_HOME" CATALINA_BASE="$BASE" JAVA_OPTS="-Xms$HEAP -Xmx$HEAP" \
      setsid taskset -c 0 bash "$TOMCAT_HOME/bin/catalina.sh" run > "$OUT/server.log" 2>&1 &
    MARK="catalina.base=$BASE" ;;
  wildfly)
    BASE="$OUT/wildfly-base"
    wildfly_base "$BASE" "$PORT" "-Xms$HEAP -Xmx$HEAP"
    echo "== WildFly, -Xms$HEAP -Xmx$HEAP, core 0" >&2
    eval "setsid taskset -c 0 $WILDFLY_CMD" > "$OUT/server.log" 2>&1 &
    MARK="jboss.server.base.dir=$BASE" ;;
  *) echo "CONTAINER: tomcat or wildfly, not $CONTAINER" >&2; exit 2 ;;
esac
trap 'pkill -f "$MARK" || true' EXIT
for _ in $(seq 180); do
  curl -sf "$URL/socket.io/?EIO=4&transport=polling" > /dev/null && break
  sleep 1
done
PID="$(pgrep -f "java.*$MARK" | head -1)"
gen() { (cd "$BENCH" && taskset -c 1 node bench.js "$@" --server-pid "$PID"); }
hold_raw() {
  taskset -c 1 node "$ROOT/src/bench/hold-raw.js" --url "ws://127.0.0.1:$PORT/raw-idle" --server-pid "$PID" "$@"
}
if [ "$ENDPOINT" = raw ]; then ECHO=(--proto ws --url "ws://127.0.0.1:$PORT/raw-echo"); else ECHO=(--url "$URL"); fi
heap_kb() {
  jcmd "$PID" GC.run > /dev/null
  jcmd "$PID" GC.heap_info | sed -n 's/.*\(generation\|heap\) *total [0-9]*K, used \([0-9]*\)K.*/\2/p' | awk '{s+=$1} END {print s}'
}
established() { ss -tnH state established "( sport = :$PORT )" | wc -l; }

echo "== warm-up" >&2
gen echo-latency --n 500 --url "$URL" > "$OUT/warmup.json" 2>> "$OUT/gen.log"
if [ "$ENDPOINT" = raw ]; then
  hold_raw --conns 200 --settle-ms 1000 > "$OUT/warmup-raw.json" 2>> "$OUT/gen.log"
fi
HEAP_BEFORE="$(heap_kb)"

echo "== $CLIENTS $ENDPOINT clients, held for $HOLD_S s" >&2
START=$(date +%s)
if [ "$ENDPOINT" = raw ]; then
  hold_raw --conns "$CLIENTS" --settle-ms "$((HOLD_S * 1000))" > "$OUT/hold.json" 2>> "$OUT/gen.log" &
else
  gen connect-rate --conns "$CLIENTS" --concurrency 100 --warm-conns 0 --settle-ms "$((HOLD_S * 1000))" \
    --url "$URL" > "$OUT/hold.json" 2>> "$OUT/gen.log" &
fi
HOLD=$!
for _ in $(seq 300); do
  [ "$(established)" -ge "$CLIENTS" ] && break
  sleep 1
done
CONNECTED_AFTER_S=$(( $(date +%s) - START ))
sleep 50 # a heartbeat round: clients that did not get or answer pings would be gone now
HELD="$(established)"
HEAP_HELD="$(heap_kb)"
echo "== echo-latency with the clients connected" >&2
gen echo-latency "${ECHO[@]}" > "$OUT/echo.json" 2>> "$OUT/gen.log"
wait "$HOLD"

node -e '
const [out, clients, held, before, after, connectedAfter, container, endpoint] = process.argv.slice(1);
const read = f => JSON.parse(require("fs").readFileSync(out + "/" + f, "utf8").trim().split("\n").pop());
const h = read("hold.json"), e = read("echo.json");
console.log(JSON.stringify({
  container, endpoint, clients: +clients, connected: h.connected, failures: h.failures,
  alive_after_hold: h.alive_after_settle,
  connected_after_s: +connectedAfter, established_after_heartbeat_round: +held,
  heap_kb_before: +before, heap_kb_held: +after, heap_bytes_per_client: Math.round((after - before) * 1024 / clients),
  server_rss_kb_held: h.server_rss_kb_after,
  echo_acks_per_s: e.acks_per_s, echo_p50_us: e.p50_us, echo_p99_us: e.p99_us, echo_max_us: e.max_us,
  echo_server_cpu_us_per_op: e.server_cpu_us_per_op,
}));' "$OUT" "$CLIENTS" "$HELD" "$HEAP_BEFORE" "$HEAP_HELD" "$CONNECTED_AFTER_S" "$CONTAINER" "$ENDPOINT" \
  | tee "$OUT/scale.json"
echo "results in $OUT" >&2
