#!/usr/bin/env bash
# The long soak test of issue 7: SoakIT (src/test/node/soak.js against SoakHandlers on Tomcat 10.1
# embedded in the test JVM) for minutes instead of 35 s, with more clients, and 70 s of idleness
# before the baseline and before the last figures, so that Tomcat's idle request threads have ended
# (maxIdleTime 60 s) and the total thread count is comparable.
#
#   src/bench/soak.sh                         # 4 minutes, 1,000 clients
#   src/bench/soak.sh --minutes 5 --clients 2000
#
# Rooms scale with the clients (one per 12, so about 25 members each) and a client acts every
# 1-3 s, so that the one Node.js process driving them all keeps up on a 2-core machine. Fails like
# SoakIT (events lost, anything left behind); prints the summary and writes it to target/soak/.
# Takes minutes + about 4 minutes (build, warm-up, the two idle waits).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
MINUTES=4
CLIENTS=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) MINUTES="$2"; shift 2 ;;
    --clients) CLIENTS="$2"; shift 2 ;;
    *) echo "usage: $0 [--minutes N] [--clients N]" >&2; exit 2 ;;
  esac
done
ROOMS=$(( CLIENTS / 12 > 20 ? CLIENTS / 12 : 20 ))
LOG="$ROOT/target/soak-mvn.log"
mkdir -p "$ROOT/target"
echo "== SoakIT: $MINUTES min, $CLIENTS clients, $ROOMS rooms (log: $LOG)" >&2
status=0
(cd "$ROOT" && mvn -B verify -Ptomcat -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SoakIT \
  -Dsoak.seconds="$(( MINUTES * 60 ))" -Dsoak.clients="$CLIENTS" -Dsoak.rooms="$ROOMS" -Dsoak.think=1000-3000 \
  -Dsoak.warmup=20 -Dsoak.idle=70 > "$LOG" 2>&1) || status=$?
grep -E "Tests run:|FAIL|expected" "$LOG" | head -5 >&2 || true
SUMMARY="$(ls -t "$ROOT"/target/soak/soak-*.json 2>/dev/null | head -1)"
[ -n "$SUMMARY" ] && node -e '
const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const mb = (b) => +(b / 1048576).toFixed(1);
const pools = (t) => Object.entries(t.threadsByKind).filter(([k]) => /^http-.*-exec-#$/.test(k)).reduce((a, [, n]) => a + n, 0);
console.log(JSON.stringify({
  churnSeconds: s.churnSeconds, clients: s.options.clients, clientsServed: s.clientsServed, byTransport: s.byTransport,
  upgrades: s.upgrades, published: s.published, eventsDelivered: s.eventsDelivered, eventsChecked: s.eventsChecked,
  eventsLost: s.eventsLost, duplicates: s.duplicates, acks: s.acksReceived + "/" + s.acksSent, faults: s.faults,
  unexpectedDisconnects: s.unexpectedDisconnects,
  heapMbBefore: mb(s.baseline.heapUsedAfterGc), heapMbAfter: mb(s.after.heapUsedAfterGc),
  threadsBefore: s.baseline.threads, threadsAfter: s.after.threads,
  requestThreadsWhenSettled: pools(s.settled), requestThreadsAfter: pools(s.after),
  after: { connections: s.after.connections, sockets: s.after.sockets, rooms: s.after.rooms, timers: s.after.timers },
  serverDisconnectReasons: s.after.disconnectReasons, summary: process.argv[1],
}, null, 1));' "$SUMMARY"
exit "$status"
