#!/usr/bin/env bash
# Socketeer next to the reference Node.js server and the containers' own WebSocket ceilings, measured
# in one run with ../shared/bench (its CONTRACT.md events: src/bench/java), printed as one table.
#
#   src/bench/run.sh                          # every target, 3 measured reps each (+1 warm-up)
#   src/bench/run.sh --targets node,tomcat    # some targets
#   src/bench/run.sh --reps 1 --quick         # a smoke run: short scenarios
#   src/bench/run.sh --suite-args "--quiet-wait-s 5"   # more options for ../shared/bench/run-suite.js
#   RAW_SCENARIOS=connect-rate src/bench/run.sh --targets tomcat,tomcat-raw --suite-args "--scenarios connect-rate"
#                                             # the raw targets run their four scenarios unless told
#
# Targets (each started by the harness pinned to core 0, the generator pinned to core 1):
#   node          npm socket.io 4.8.1 (../shared/bench/servers/node-server.js)
#   ws            plain WebSocket echo with npm ws (echo and binary echo only): the physical limit
#   payara        Socketeer on Payara Micro 6, server-config/payara/preboot-local.txt only
#   payara-tuned  the same plus server-config/payara/preboot-production.txt
#   payara-raw    a raw JSR-356 echo endpoint (no Socket.IO) in the same WAR on Payara (tuned), a
#                 servlet answering the polling client with the fewest HTTP exchanges (polling-echo),
#                 and an endpoint answering only the open packet and CONNECT (connect-rate)
#   payara-raw-untuned  the echo endpoint without server-config/payara/preboot-production.txt
#   tomcat        Socketeer on Tomcat 10.1 (standalone, server-config/tomcat/server.xml)
#   tomcat-raw    the raw JSR-356 echo endpoint, the polling servlet and the connect endpoint on Tomcat
#   wildfly       Socketeer on WildFly 39 (standalone.xml with server-config/wildfly/socketeer.cli)
#   wildfly-raw   the same three on WildFly
# Results (every run, medians) go to $OUT (default /tmp/socketeer-bench/<time>); the table to stdout
# and $OUT/table.md. Needs: Java 17, Maven, Node.js 18+, taskset. Never run it in CI: it takes
# about an hour (all targets) and wants a quiet machine.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="${BENCH_HOME:-$ROOT/../shared/bench}"
export BENCH_DEPS="${BENCH_DEPS:-/tmp/bench-deps}"
OUT="${OUT:-/tmp/socketeer-bench/$(date +%Y%m%dT%H%M%S)}"
TARGETS="node,ws,payara,payara-tuned,payara-raw,tomcat,tomcat-raw,wildfly,wildfly-raw"
REPS=3
QUICK=""
PORT=3000
EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --targets) TARGETS="$2"; shift 2 ;;
    --reps) REPS="$2"; shift 2 ;;
    --quick) QUICK=1; shift ;;
    --out) OUT="$2"; shift 2 ;;
    --suite-args) read -r -a EXTRA <<< "$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
. "$ROOT/src/bench/common.sh"
JAVA_OPTS_BENCH="-Xms256m -Xmx1g"

# Payara: the untuned and tuned preboot files
cp "$ROOT/server-config/payara/preboot-local.txt" "$OUT/preboot-untuned.txt"
cat "$ROOT/server-config/payara/preboot-local.txt" "$ROOT/server-config/payara/preboot-production.txt" > "$OUT/preboot-tuned.txt"
payara_cmd() {
  echo "java $JAVA_OPTS_BENCH -jar $T/payara-micro.jar --deploy $T/socketeer.war --contextroot / --port $PORT \
--nohazelcast --disablephonehome --prebootcommandfile $1 --systemproperties $ROOT/src/bench/socketeer.properties"
}

# Tomcat: a CATALINA_BASE with server-config/tomcat/server.xml and the bench WAR
TB="$OUT/tomcat-base"
tomcat_base "$TB" "$PORT"
tomcat_cmd="env CATALINA_HOME=$TOMCAT_HOME CATALINA_BASE=$TB JAVA_OPTS='$JAVA_OPTS_BENCH -Dsocketeer.maxHttpBufferSize=1e7' bash $TOMCAT_HOME/bin/catalina.sh run"

# WildFly: its own server base dir with server-config/wildfly/socketeer.cli (common.sh)
if [[ ",$TARGETS," == *,wildfly* ]]; then
  wildfly_base "$OUT/wildfly-base" "$PORT" "$JAVA_OPTS_BENCH"
fi

SUITE=(node "$BENCH/run-suite.js" --reps "$REPS" --port "$PORT" "${EXTRA[@]}")
SIO_QUICK=()
WS_QUICK=()
if [ -n "$QUICK" ]; then
  SIO_QUICK=(--args-echo-latency "--n 300" --args-broadcast-fanout "--receivers 200 --messages 50"
    --args-connect-rate "--conns 300" --args-polling-echo "--n 200" --args-binary-echo "--n 200")
  WS_QUICK=(--args-echo-latency "--n 300" --args-binary-echo "--n 200")
fi
# the port opens before the application is deployed, and a JVM on one core takes long to start:
# wait, then warm the JIT with four discarded reps of each scenario (with two, the first scenario's
# kept reps still ran partly in code the JIT had not compiled yet: Socketeer's echo on Tomcat moved
# from about 20 to 15 µs/ack between its 2nd and 4th rep; the Node.js servers get the same four)
PAYARA_START=(--server-start-timeout-s 180 --server-settle-ms 40000 --warmup-reps 4)
# WildFly gets ten: its polling echo was still getting faster through the ninth rep (2026-11-29:
# 397, 261, 229, 199, 173, 155, 148, 135, 111, then 104-110 µs/ack; the JIT compiler had 41 % of the
# CPU in reps 5-7)
WILDFLY_START=(--server-start-timeout-s 180 --server-settle-ms 30000 --warmup-reps 10)
TOMCAT_START=(--server-start-timeout-s 120 --server-settle-ms 5000 --warmup-reps 4)
# the raw targets: the JSR-356 echo endpoint over plain WebSocket, the polling floor servlet
# (src/bench/java RawPollingServlet) with the generator's long-polling client, and the connect floor
# endpoint (RawConnectEndpoint: open packet and CONNECT answer only) with its Socket.IO client; the
# polling servlet's held GETs block a thread each, which untuned Payara's small HTTP thread pool
# cannot spare: no polling there
RAW_N=("" "" "" "")
[ -z "$QUICK" ] || RAW_N=(" --n 300" " --n 200" " --n 200" " --conns 300")
RAW=(--scenarios "${RAW_SCENARIOS:-echo-latency,binary-echo,polling-echo,connect-rate}" --url "ws://127.0.0.1:$PORT/raw-echo"
  --args-echo-latency "--proto ws${RAW_N[0]}" --args-binary-echo "--proto ws${RAW_N[1]}"
  --args-polling-echo "--path /raw-polling/${RAW_N[2]}" --args-connect-rate "--path /raw-connect/${RAW_N[3]}")

IFS=',' read -r -a LIST <<< "$TARGETS"
for target in "${LIST[@]}"; do
  echo "== $target" >&2
  case "$target" in
    node) "${SUITE[@]}" --server node --label node --out "$OUT/node" --warmup-reps 4 "${SIO_QUICK[@]}" ;;
    ws) "${SUITE[@]}" --server ws --port 3001 --label ws --out "$OUT/ws" --warmup-reps 4 "${WS_QUICK[@]}" ;;
    payara) "${SUITE[@]}" --server-cmd "$(payara_cmd "$OUT/preboot-untuned.txt")" --label payara --out "$OUT/payara" \
      "${PAYARA_START[@]}" "${SIO_QUICK[@]}" ;;
    payara-tuned) "${SUITE[@]}" --server-cmd "$(payara_cmd "$OUT/preboot-tuned.txt")" --label payara-tuned \
      --out "$OUT/payara-tuned" "${PAYARA_START[@]}" "${SIO_QUICK[@]}" ;;
    payara-raw) "${SUITE[@]}" --server-cmd "$(payara_cmd "$OUT/preboot-tuned.txt")" --label payara-raw \
      --out "$OUT/payara-raw" "${PAYARA_START[@]}" "${RAW[@]}" ;;
    payara-raw-untuned) "${SUITE[@]}" --server-cmd "$(payara_cmd "$OUT/preboot-untuned.txt")" \
      --label payara-raw-untuned --out "$OUT/payara-raw-untuned" "${PAYARA_START[@]}" "${RAW[@]}" \
      --scenarios echo-latency,binary-echo ;;
    tomcat) "${SUITE[@]}" --server-cmd "$tomcat_cmd" --label tomcat --out "$OUT/tomcat" "${TOMCAT_START[@]}" "${SIO_QUICK[@]}" ;;
    tomcat-raw) "${SUITE[@]}" --server-cmd "$tomcat_cmd" --label tomcat-raw --out "$OUT/tomcat-raw" \
      "${TOMCAT_START[@]}" "${RAW[@]}" ;;
    wildfly) "${SUITE[@]}" --server-cmd "$WILDFLY_CMD" --label wildfly --out "$OUT/wildfly" "${WILDFLY_START[@]}" \
      "${SIO_QUICK[@]}" ;;
    wildfly-raw) "${SUITE[@]}" --server-cmd "$WILDFLY_CMD" --label wildfly-raw --out "$OUT/wildfly-raw" \
      "${WILDFLY_START[@]}" "${RAW[@]}" ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
  esac > "$OUT/$target.summary.jsonl"
done
node "$ROOT/src/bench/table.js" "$OUT" "${LIST[@]}" | tee "$OUT/table.md"
echo "results in $OUT" >&2
