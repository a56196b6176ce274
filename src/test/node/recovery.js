#!/usr/bin/env node
/*
 * ConnectionStateRecoveryIT's client: the official socket.io-client (4.8.1) with its own reconnection
 * and recovery (it keeps the CONNECT's pid and the offset of the last event, and sends both when it
 * connects again), against the namespace /recovery of ConnectionStateRecoveryHandlers.
 *
 * Usage: node recovery.js <origin> <path> <scenario> <transport> [cut]
 *   recover: join "extra", set data, start 300 ticks (one every 5 ms), cut the connection after 60
 *            (cut = "close": socket.io.engine.close(), the server sees "transport close";
 *             "freeze": the event loop blocks 2 s, the server closes with "ping timeout";
 *             "drop": the client talks through a TCP proxy here, which destroys both TCP connections
 *             under the WebSocket, as a network failure would: no close frame either way),
 *            reconnect after 100 ms, wait for all 300 ticks, then 300 ms more for duplicates
 *   expire:  the same with 10 ticks, reconnecting only after 2.5 s (past a 1 s window); then asks
 *            the adapter until it keeps nothing and has no cleanup scheduled
 *   unknown: connects with auth {pid, offset} that the server never gave
 * Prints one JSON line: {connects: [{id, recovered}], received, receivedBeforeCut, missedWhileAway,
 * disconnectReasons, state: {id, rooms, data, recoveredAtConnect}, stored, storedAfterMs}.
 */
"use strict";

const net = require("net");
const { io } = require("socket.io-client");

const [origin, path, scenario, transport, cut] = process.argv.slice(2);
const NSP = "/recovery";

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function freeze(ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // blocks the event loop: no pong, no reading
  }
}

async function until(what, check, ms) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) {
      throw new Error("timed out waiting for " + what);
    }
    await sleep(10);
  }
}

/** A TCP proxy to the server, listening on a free port: cut() destroys every connection through it. */
function tcpProxy() {
  const target = new URL(origin);
  const open = new Set();
  const server = net.createServer((down) => {
    const up = net.connect(Number(target.port), target.hostname);
    const end = () => {
      down.destroy();
      up.destroy();
      open.delete(down);
    };
    open.add(down);
    down.pipe(up);
    up.pipe(down);
    for (const s of [down, up]) {
      s.on("error", end);
      s.on("close", end);
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve({
        origin: "http://127.0.0.1:" + server.address().port,
        cut: () => [...open].forEach((s) => s.destroy()),
        close: () => server.close(),
      });
    });
  });
}

let proxy = null;

function client(options) {
  const socket = io((proxy ? proxy.origin : origin) + NSP, {
    path,
    transports: [transport],
    forceNew: true,
    randomizationFactor: 0,
    ...options,
  });
  const run = {
    socket,
    connects: [],
    received: [],
    receivedBeforeCut: 0,
    missedWhileAway: 0,
    disconnectReasons: [],
    away: false,
  };
  socket.on("tick", (i) => {
    run.received.push(i);
    if (run.away) {
      run.missedWhileAway++; // replayed before CONNECT: the client emits them just before "connect"
    }
  });
  socket.on("connect", () => {
    run.connects.push({ id: socket.id, recovered: socket.recovered === true });
    run.away = false;
  });
  socket.on("disconnect", (reason) => {
    run.disconnectReasons.push(reason);
    run.away = true;
  });
  socket.on("connect_error", (e) => process.stderr.write("connect_error: " + e.message + "\n"));
  return run;
}

function cutConnection(run) {
  run.receivedBeforeCut = run.received.length;
  if (cut === "freeze") {
    freeze(2000);
  } else if (cut === "drop") {
    proxy.cut();
  } else {
    run.socket.io.engine.close();
  }
}

async function recover(count, afterTicks, reconnectMs) {
  const run = client({ reconnectionDelay: reconnectMs, reconnectionDelayMax: reconnectMs });
  await until("connect", () => run.connects.length === 1, 5000);
  await run.socket.timeout(5000).emitWithAck("join", "extra");
  await run.socket.timeout(5000).emitWithAck("set", "tag", "t-123");
  await run.socket.timeout(5000).emitWithAck("start", count, 5);
  await until(afterTicks + " ticks", () => run.received.length >= afterTicks, 5000);
  cutConnection(run);
  await until("the reconnection", () => run.connects.length >= 2, 15000);
  return run;
}

function result(run, extra) {
  return {
    connects: run.connects.slice(),
    received: run.received.slice(),
    receivedBeforeCut: run.receivedBeforeCut,
    missedWhileAway: run.missedWhileAway,
    disconnectReasons: run.disconnectReasons.slice(), // before the final close
    ...extra,
  };
}

async function main() {
  if (cut === "drop") {
    proxy = await tcpProxy();
  }
  if (scenario === "recover") {
    const run = await recover(300, 60, 100);
    await until("300 ticks", () => run.received.length >= 300, 15000);
    await sleep(300);
    const state = await run.socket.timeout(5000).emitWithAck("state");
    const r = result(run, { state });
    run.socket.close();
    return r;
  }
  if (scenario === "expire") {
    const run = await recover(10, 10, 2500);
    const state = await run.socket.timeout(5000).emitWithAck("state");
    const start = Date.now();
    let stored;
    for (;;) {
      stored = await run.socket.timeout(5000).emitWithAck("stored");
      if ((stored.sessions === 0 && stored.packets === 0 && !stored.cleanupScheduled) || Date.now() - start > 8000) {
        break;
      }
      await sleep(100);
    }
    const storedAfterMs = Date.now() - start;
    const r = result(run, { state, stored, storedAfterMs });
    run.socket.close();
    return r;
  }
  if (scenario === "unknown") {
    const run = client({ reconnection: false, auth: { pid: "never-given", offset: "0" } });
    await until("connect", () => run.connects.length === 1, 5000);
    const state = await run.socket.timeout(5000).emitWithAck("state");
    const r = result(run, { state });
    run.socket.close();
    return r;
  }
  throw new Error("unknown scenario " + scenario);
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
