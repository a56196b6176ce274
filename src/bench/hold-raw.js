'use strict';
// Holds N plain WebSocket connections (no Socket.IO) open on a URL for a while, then prints one JSON
// line shaped like ../shared/bench/bench.js connect-rate's (connected, failures, alive_after_settle,
// server_rss_kb_after). Each connection sends one short text message and waits for it to come back,
// as a Socket.IO client's CONNECT does (Tomcat sizes a session's message buffers at its first
// message). src/bench/scale.sh uses it with ENDPOINT=raw.
//   node src/bench/hold-raw.js --url ws://127.0.0.1:3000/raw-idle --conns 5000 --settle-ms 60000 [--server-pid P]
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');
const DEPS = process.env.BENCH_DEPS || '/tmp/bench-deps';
const WebSocket = createRequire(path.join(DEPS, 'package.json'))('ws');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const url = args.url;
const conns = Number(args.conns || 1000);
const concurrency = Number(args.concurrency || 100);
const settleMs = Number(args['settle-ms'] || 30000);
const rssKb = pid => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
  } catch (e) {
    return null;
  }
};

const sockets = [];
let connected = 0;
let failures = 0;
let started = 0;
const open = () => new Promise(resolve => {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  ws.once('open', () => ws.send('hello'));
  ws.once('message', () => { connected++; sockets.push(ws); resolve(); });
  ws.once('error', () => { failures++; resolve(); });
});
const worker = async () => {
  while (started < conns) {
    started++;
    await open();
  }
};

(async () => {
  const rssBefore = args['server-pid'] ? rssKb(args['server-pid']) : null;
  const t0 = Date.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const connectS = (Date.now() - t0) / 1000;
  await new Promise(r => setTimeout(r, settleMs));
  const alive = sockets.filter(ws => ws.readyState === WebSocket.OPEN).length;
  const rssAfter = args['server-pid'] ? rssKb(args['server-pid']) : null;
  console.log(JSON.stringify({
    scenario: 'hold-raw', url, conns, connected, failures, connect_s: connectS, alive_after_settle: alive,
    server_rss_kb_before: rssBefore, server_rss_kb_after: rssAfter,
  }));
  sockets.forEach(ws => ws.terminate());
})();
