#!/usr/bin/env node
// Prints the table of src/bench/run.sh from <out>/<target>/summary.jsonl (../shared/bench/run-suite.js).
// usage: node table.js <out> target...
'use strict';
const fs = require('fs');
const path = require('path');

const [out, ...targets] = process.argv.slice(2);
const NAMES = {
  node: 'Node.js socket.io 4.8.1',
  ws: 'raw WebSocket echo, Node.js ws',
  payara: 'Socketeer, Payara Micro 6 (untuned)',
  'payara-tuned': 'Socketeer, Payara Micro 6 (server-config/payara)',
  'payara-raw': 'raw JSR-356 endpoints and polling servlet, Payara Micro 6 (server-config/payara)',
  'payara-raw-untuned': 'raw JSR-356 echo, Payara Micro 6 (untuned)',
  tomcat: 'Socketeer, Tomcat 10.1',
  'tomcat-raw': 'raw JSR-356 endpoints and polling servlet, Tomcat 10.1',
  wildfly: 'Socketeer, WildFly 39 (server-config/wildfly)',
  'wildfly-raw': 'raw JSR-356 endpoints and polling servlet, WildFly 39 (server-config/wildfly)',
};
// scenario -> [column title, throughput field, throughput unit]
const COLS = [
  ['echo-latency', 'echo: µs CPU/ack', 'acks_per_s', 'acks/s'],
  ['broadcast-fanout', 'fan-out: µs CPU/delivery', 'msgs_per_s', 'deliveries/s'],
  ['connect-rate', 'connect: µs CPU/conn, RSS/conn', 'conns_per_s', 'conns/s'],
  ['polling-echo', 'polling: µs CPU/ack', 'acks_per_s', 'acks/s'],
  ['binary-echo', '64 KiB binary: µs CPU/ack', 'acks_per_s', 'acks/s'],
];

function summaries(target) {
  const file = path.join(out, target, 'summary.jsonl');
  const byScenario = {};
  if (!fs.existsSync(file)) return byScenario;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const s = JSON.parse(line);
      if (s.summary) byScenario[s.summary] = s;
    } catch (_) { /* not a summary line */ }
  }
  return byScenario;
}

const med = (s, f) => (s && s.metrics && s.metrics[f] ? s.metrics[f].median : null);
const fmt = (v, digits = 0) => (v === null || v === undefined ? '?' : Number(v).toLocaleString('en-US', { maximumFractionDigits: digits }));

function cell(s, col) {
  if (!s) return '—';
  const [, , rateField, unit] = col;
  const us = med(s, 'server_cpu_us_per_op');
  const rate = med(s, rateField);
  const p99 = med(s, 'p99_us');
  const srv = med(s, 'server_cpu_util');
  const gen = med(s, 'gen_cpu_util');
  const errors = (med(s, 'errors') || 0) + (med(s, 'missing') || 0) + (med(s, 'failures') || 0);
  let text = `**${fmt(us, 1)}**`;
  if (col[0] === 'connect-rate') text += `, ${fmt(med(s, 'server_rss_kb_per_conn'), 1)} KB`;
  text += ` (${fmt(rate)} ${unit}`;
  if (p99 !== null && col[0] !== 'connect-rate') text += `, p99 ${fmt(p99 / 1000, 1)} ms`;
  if (col[0] === 'connect-rate') text += `, p99 ${fmt(med(s, 'connect_p99_us') / 1000, 1)} ms`;
  text += `; server ${fmt(srv, 2)} / gen ${fmt(gen, 2)} cores`;
  if (gen !== null && gen >= 0.9 && (srv === null || srv < 0.9)) text += ', generator-bound';
  if (errors) text += `; ${errors} errors`;
  return text + ')';
}

console.log('| server | ' + COLS.map((c) => c[1]).join(' | ') + ' |');
console.log('| --- | ' + COLS.map(() => '---').join(' | ') + ' |');
for (const t of targets) {
  const s = summaries(t);
  console.log(`| ${NAMES[t] || t} | ` + COLS.map((c) => cell(s[c[0]], c)).join(' | ') + ' |');
}
console.log('\nMedians of the kept reps; bold: server CPU µs per operation (the comparable figure); in'
  + ' brackets throughput, p99 latency and the cores used by server and generator (each pinned to one core).');
