#!/usr/bin/env node
/*
 * StreamsClusterIT's recovery across nodes, with the official socket.io-client 4.8.1: a client
 * connects to node A (namespace /cluster of ClusterHandlers or cluster-node.js), joins a room and
 * sets data; two drivers, one on A and one on B, shout numbered news to the room (one every 4 ms
 * in turn) while the client's connection is closed after 40 of them (the server sees "transport
 * close"). 500 ms later the client comes back on node B, as the JS client would on its own (500 ms
 * is the shortest of its default reconnection delays, 1 s ± 50 %; with 100 ms, a loaded Payara node
 * had once not yet persisted the session when node B looked for it): a new socket whose _pid and
 * _lastOffset are the ones the first kept, so it sends auth {pid, offset} and sets socket.recovered
 * when the CONNECT answers with the same pid.
 *
 * Usage: node streams-recovery.js <origin A> <path A> <origin B> <path B> [count] [lenient]
 * With "lenient" (node B is the reference server) news that never arrive are reported, not fatal.
 * Prints one JSON line: {before: {id, pid, offset}, after: {id, recovered}, received: ["A:0", ...],
 * sent: [...], receivedBeforeCut, replayed (news B sent before its CONNECT: read from the stream),
 * again: {id, recovered} (a third socket that then tries the same pid and offset on node A: the
 * session was taken, so it is a new one),
 * stateAfter: {id, recovered, rooms, data}}.
 */
"use strict";

const { io } = require("socket.io-client");

const [originA, pathA, originB, pathB, countArg, mode] = process.argv.slice(2);
const LENIENT = mode === "lenient";
const NSP = "/cluster";
const COUNT = Number(countArg || 200);
const CUT_AFTER = 40;

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(what, check, ms, detail = () => "") {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) {
      throw new Error("timed out waiting for " + what + detail());
    }
    await sleep(10);
  }
}

function connect(origin, path, options) {
  const socket = io(origin + NSP, {
    path,
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    ...options,
  });
  socket.on("connect_error", (e) => process.stderr.write("connect_error: " + e.message + "\n"));
  return socket;
}

async function main() {
  const room = "recover-" + Date.now().toString(36);
  const received = [];
  const onNews = (from, i) => received.push(from + ":" + i);

  const a = connect(originA, pathA);
  a.on("news", onNews);
  await until("the client on A", () => a.connected, 5000);
  await a.timeout(5000).emitWithAck("join", room);
  await a.timeout(5000).emitWithAck("set", "tag", "t-123");

  const drivers = { A: connect(originA, pathA), B: connect(originB, pathB) };
  await until("the drivers", () => drivers.A.connected && drivers.B.connected, 5000);

  const sent = [];
  let receivedBeforeCut = -1;
  let before = null;
  let b = null;
  let replayed = 0;
  let bConnected = false;
  for (let i = 0; i < COUNT; i++) {
    const from = i % 2 === 0 ? "A" : "B";
    await drivers[from].timeout(5000).emitWithAck("shout", room, from, i);
    sent.push(from + ":" + i);
    if (i === CUT_AFTER) {
      await until("the news before the cut", () => received.length >= CUT_AFTER, 5000);
      receivedBeforeCut = received.length;
      before = { id: a.id, pid: a._pid, offset: a._lastOffset };
      a.io.engine.close(); // "transport close" on A: the session is persisted in Redis
      setTimeout(() => {
        b = connect(originB, pathB, { autoConnect: false });
        b.on("news", (...args) => {
          if (!bConnected) {
            replayed++; // the client emits the missed packets just before "connect"
          }
          onNews(...args);
        });
        b.on("connect", () => { bConnected = true; });
        // what the JS client keeps across its own reconnections
        b._pid = before.pid;
        b._lastOffset = before.offset;
        b.connect();
      }, 500);
    }
    await sleep(4);
  }
  await until("the client on B", () => b && b.connected, 10000);
  const lenientEnd = Date.now() + 8000;
  await until("every news", () => received.length >= COUNT || (LENIENT && Date.now() > lenientEnd), 10000, () => {
    const got = new Set(received);
    const missing = sent.filter((n) => !got.has(n));
    return `: ${received.length} of ${COUNT} received, missing ${JSON.stringify(missing.slice(0, 20))}`
      + ` (${missing.length} in all), cut after ${CUT_AFTER} with ${receivedBeforeCut} received, replayed`
      + ` ${replayed}, recovered ${b && b.recovered}`;
  });
  await sleep(500); // duplicates would come now
  const stateAfter = await b.timeout(5000).emitWithAck("state");
  const c = connect(originA, pathA, { autoConnect: false });
  c._pid = before.pid;
  c._lastOffset = before.offset;
  c.connect();
  await until("the third socket", () => c.connected, 5000);
  const again = { id: c.id, recovered: c.recovered };
  c.close();
  const result = {
    before,
    after: { id: b.id, recovered: b.recovered },
    received,
    sent,
    receivedBeforeCut,
    replayed,
    again,
    stateAfter,
  };
  for (const s of [b, drivers.A, drivers.B]) {
    s.close();
  }
  return result;
}

main().then(
  (r) => {
    process.stdout.write(JSON.stringify(r) + "\n");
    process.exit(0);
  },
  (e) => {
    process.stderr.write(String(e && e.stack ? e.stack : e) + "\n");
    process.exit(1);
  },
);
