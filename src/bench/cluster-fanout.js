// Cross-node broadcast through Redis, measured from outside (src/bench/cluster.sh runs it):
// R receivers split evenly over the nodes join one room, a sender on the first node asks it to
// 'blast' M ticks (../shared/bench/CONTRACT.md), every receiver must get all M in order. Prints one
// JSON line: deliveries, deliveries per second, latency percentiles (generator clock), and the CPU
// time each server process (and Redis) spent per delivery, from /proc/<pid>/stat.
//
//   node cluster-fanout.js --urls http://127.0.0.1:3000,http://127.0.0.1:3001 --pids 11,12 \
//        --redis-pid 10 [--receivers 1000] [--messages 200] [--size 54] [--warmup 10]
//        [--sender-url URL]   (default: the first of --urls)
"use strict";
const fs = require("fs");
const { io } = require("socket.io-client");

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf("--" + name);
  return i >= 0 ? args[i + 1] : def;
};
const urls = opt("urls", "http://127.0.0.1:3000,http://127.0.0.1:3001").split(",");
const senderUrl = opt("sender-url", urls[0]);
const pids = opt("pids", "").split(",").filter(Boolean).map(Number);
const redisPid = Number(opt("redis-pid", "0"));
const R = Number(opt("receivers", "1000"));
const M = Number(opt("messages", "200"));
const size = Number(opt("size", "54"));
const warmup = Number(opt("warmup", "10"));
const room = "cluster-" + process.pid;
const TICKS = 100; // clock ticks per second of /proc/<pid>/stat

function cpuMicros(pid) {
  if (!pid) return 0;
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(f[11]) + Number(f[12])) * 1e6) / TICKS; // utime + stime
}
const nowMicros = () => Number(process.hrtime.bigint() / 1000n);

function connect(url) {
  return new Promise((resolve, reject) => {
    const s = io(url, { transports: ["websocket"], forceNew: true, reconnection: false, timeout: 10000 });
    s.once("connect", () => resolve(s));
    s.once("connect_error", reject);
  });
}

async function main() {
  const receivers = [];
  for (let i = 0; i < R; i += 50) {
    const batch = [];
    for (let j = i; j < Math.min(R, i + 50); j++) batch.push(connect(urls[j % urls.length]));
    receivers.push(...(await Promise.all(batch)));
  }
  await Promise.all(receivers.map((s) => s.emitWithAck("join", { room })));
  const sender = await connect(senderUrl);

  let expectedId = 0;
  let currentCount = 0;
  let received = 0;
  let outOfOrder = 0;
  let latencies = [];
  let done = null;
  const next = receivers.map(() => 0);
  receivers.forEach((s, i) => {
    s.on("tick", (tick) => {
      if (tick.id !== expectedId) return;
      if (tick.seq !== next[i]) outOfOrder++;
      next[i] = tick.seq + 1;
      latencies.push(nowMicros() - tick.t);
      if (++received === R * currentCount && done) done();
    });
  });
  async function blast(id, count) {
    expectedId = id;
    currentCount = count;
    received = 0;
    latencies = [];
    next.fill(0);
    const all = new Promise((resolve) => (done = resolve));
    await sender.emitWithAck("blast", { room, count, size, t: nowMicros(), id });
    const timeout = new Promise((resolve) => setTimeout(resolve, 60000));
    await Promise.race([all, timeout]);
    done = null;
  }
  await blast(1, warmup);
  await new Promise((r) => setTimeout(r, 500));
  const before = pids.map(cpuMicros);
  const redisBefore = cpuMicros(redisPid);
  const start = nowMicros();
  await blast(2, M);
  const seconds = (nowMicros() - start) / 1e6;
  const after = pids.map(cpuMicros);
  const redisAfter = cpuMicros(redisPid);
  latencies.sort((a, b) => a - b);
  const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] / 1000 : null);
  const deliveries = received;
  const perNode = after.map((a, i) => (a - before[i]) / Math.max(1, deliveries));
  console.log(JSON.stringify({
    nodes: urls.length,
    receivers: R,
    messages: M,
    deliveries,
    missing: R * M - deliveries,
    out_of_order: outOfOrder,
    seconds: Number(seconds.toFixed(3)),
    deliveries_per_s: Math.round(deliveries / seconds),
    p50_ms: pct(0.5),
    p99_ms: pct(0.99),
    max_ms: latencies.length ? latencies[latencies.length - 1] / 1000 : null,
    server_cpu_us_per_delivery: Number(perNode.reduce((a, b) => a + b, 0).toFixed(2)),
    server_cpu_us_per_delivery_by_node: perNode.map((v) => Number(v.toFixed(2))),
    redis_cpu_us_per_delivery: Number(((redisAfter - redisBefore) / Math.max(1, deliveries)).toFixed(3)),
  }));
  for (const s of [...receivers, sender]) s.close();
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
