#!/usr/bin/env node
/*
 * The soak driver (SoakIT, src/bench/soak.sh): keeps a population of official socket.io-client
 * (4.8.1) clients churning against SoakHandlers for a while, checks that nothing a connected client
 * should get is lost, and reports what the server holds once every client is gone.
 *
 * Usage: node soak.js <origin> <path> [--seconds 40] [--clients 300] [--rooms 20] [--warmup 8]
 *        [--think 300-900] [--life 2000-8000] [--pingInterval 1000] [--pingTimeout 2000] [--idle 0]
 *
 * Each of the <clients> slots runs one client life after another until the time is up: a client
 * connects (default: polling then upgrade to WebSocket; or WebSocket only; or polling only), joins
 * 1-3 of the rooms, then every <think> ms publishes to a room (acked with the room's number), echoes,
 * moves to another room or joins one more, and after <life> ms ends its life in one of these ways:
 *   clean:   leaves its rooms, then socket.disconnect()
 *   close:   socket.io.engine.close(): the connection closes without a Socket.IO DISCONNECT
 *   drop:    (on WebSocket) destroys the TCP connection under it, no close frame: a network failure
 *   freeze:  (on WebSocket) stops reading its TCP connection and its own heartbeat check: the server
 *            hears no pong and closes with "ping timeout"; the driver destroys the socket afterwards
 *   silent:  a raw Engine.IO long-polling client (Node's http) that handshakes, joins a room, then
 *            never polls again: the server closes it with "ping timeout"; a GET afterwards must get
 *            400 (the session is gone)
 *
 * Loss: SoakHandlers numbers each room's broadcasts and answers joins and leaves with the room's
 * number, so a member must get exactly the numbers after its join's up to its leave's, in order.
 * Every gap is counted lost (also before a fault), a number seen twice or out of order is a
 * duplicate, a message for a room the client is not in is unexpected, an ack that does not come while
 * the client is connected is lost. A clean client that the server disconnects is unexpected too.
 *
 * Before the soak a warm-up round is run (<warmup> s, as many clients: the container's pools and
 * caches grow to what the load needs), and the server's figures are taken once it has settled
 * (baseline, heap after GC); after the soak, the driver waits until
 * the server holds only its observer (one WebSocket client kept for the whole run), then <idle> s
 * more (so that pools end their idle threads: Tomcat's after 60 s), and takes them again; the
 * baseline too is taken <idle> s after the warm-up.
 * Prints one JSON line (the summary); progress goes to stderr.
 */
"use strict";

const http = require("http");
const { io } = require("socket.io-client");

// --- options

const [origin, path, ...rest] = process.argv.slice(2);
const opt = {
  seconds: 40, clients: 300, rooms: 20, warmup: 8, think: "300-900", life: "2000-8000",
  pingInterval: 1000, pingTimeout: 2000, idle: 0,
};
for (let i = 0; i < rest.length; i += 2) {
  const key = rest[i].replace(/^--/, "");
  if (!(key in opt)) {
    throw new Error("unknown option " + rest[i]);
  }
  opt[key] = typeof opt[key] === "number" ? Number(rest[i + 1]) : rest[i + 1];
}
const range = (s) => s.split("-").map(Number);
const [THINK_MIN, THINK_MAX] = range(opt.think);
const [LIFE_MIN, LIFE_MAX] = range(opt.life);
const HEARTBEAT_MS = opt.pingInterval + opt.pingTimeout;
const ACK_MS = 20000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const rand = (min, max) => min + Math.floor(Math.random() * (max - min + 1));
const pick = (list) => list[Math.floor(Math.random() * list.length)];
const roomName = (i) => "room-" + i;
const log = (...a) => process.stderr.write(new Date().toISOString() + " " + a.join(" ") + "\n");

/** Picks a key of weights {key: weight}. */
function weighted(weights) {
  let r = Math.random() * Object.values(weights).reduce((a, b) => a + b, 0);
  for (const [k, w] of Object.entries(weights)) {
    if ((r -= w) < 0) {
      return k;
    }
  }
  return Object.keys(weights)[0];
}

// --- the figures

function newFigures() {
  return {
    clientsServed: 0, byTransport: { upgrade: 0, websocket: 0, polling: 0, silentPolling: 0 }, upgrades: 0,
    connectErrors: 0, published: 0, echoes: 0, joins: 0, leaves: 0,
    eventsDelivered: 0, eventsChecked: 0, eventsLost: 0, duplicates: 0, unexpected: 0,
    acksSent: 0, acksReceived: 0, acksLost: 0,
    faults: { close: 0, drop: 0, freeze: 0, silent: 0 }, silentGoneConfirmed: 0, frozenFallbacks: 0,
    unexpectedDisconnects: {}, errors: [],
  };
}
let f = newFigures();

function error(msg) {
  if (f.errors.length < 30) {
    f.errors.push(msg);
  }
  log("ERROR", msg);
}

/** The driver's own event loop: the longest it was late for a 100 ms timer (a stalled driver misses pings). */
let lagMs = 0;
let tick = Date.now();
setInterval(() => {
  const now = Date.now();
  lagMs = Math.max(lagMs, now - tick - 100);
  tick = now;
}, 100).unref();

// --- one client life with the official client

class Member {
  /** A membership of one room: numbers after `from` are expected, next is the one due. */
  constructor(from) {
    this.from = from;
    this.next = from + 1;
  }
}

async function officialLife(deadline) {
  const kind = weighted({ upgrade: 45, websocket: 30, polling: 25 });
  const transports = kind === "upgrade" ? ["polling", "websocket"] : [kind];
  const fate = kind === "polling"
    ? weighted({ clean: 80, close: 20 })
    : weighted({ clean: 64, close: 12, drop: 12, freeze: 12 });
  const socket = io(origin + "/", {
    path, forceNew: true, reconnection: false, transports, timeout: 20000,
  });
  const rooms = new Map(); // room -> Member
  let ending = false;
  let connected = false;

  socket.on("soak-msg", (room, n) => {
    f.eventsDelivered++;
    const m = rooms.get(room);
    if (!m) {
      f.unexpected++;
      error(`${socket.id}: ${room} #${n} while not a member`);
    } else if (n < m.next) {
      f.duplicates++;
      error(`${socket.id}: ${room} #${n} again or out of order (expected ${m.next})`);
    } else {
      if (n > m.next) {
        f.eventsLost += n - m.next;
        error(`${socket.id}: ${room} #${m.next}..#${n - 1} missing`);
      }
      m.next = n + 1;
    }
  });
  socket.on("disconnect", (reason) => {
    connected = false;
    if (!ending) {
      f.unexpectedDisconnects[reason] = (f.unexpectedDisconnects[reason] || 0) + 1;
      error(`${socket.id} (${kind}) disconnected: ${reason}`);
    }
  });

  const ok = await new Promise((resolve) => {
    socket.once("connect", () => resolve(true));
    socket.once("connect_error", (e) => {
      f.connectErrors++;
      error(`connect_error (${kind}): ${e.message}`);
      resolve(false);
    });
    // the connection may close before the namespace's CONNECT answer: no connect_error then
    socket.once("disconnect", () => resolve(false));
  });
  if (!ok) {
    socket.close();
    return;
  }
  connected = true;
  f.clientsServed++;
  f.byTransport[kind]++;
  socket.io.engine.on("upgrade", () => f.upgrades++);

  /**
   * Emits with an ack; resolves with the answer, or null when none came (counted lost if the client
   * is still connected). onAnswer runs in the ack's callback itself, before any packet that arrived
   * after the ack is handled (several packets of one polling response are handled in one go, before
   * a promise's continuation would run).
   */
  function ask(event, args, onAnswer = () => {}) {
    f.acksSent++;
    return new Promise((resolve) => {
      socket.timeout(ACK_MS).emit(event, ...args, (err, answer) => {
        if (err) {
          if (connected) {
            f.acksLost++;
            error(`${socket.id}: no ack for ${event} within ${ACK_MS} ms`);
          }
          resolve(null);
        } else {
          f.acksReceived++;
          onAnswer(answer);
          resolve(answer);
        }
      });
    });
  }

  function join(room) {
    return ask("soak-join", [room], (at) => {
      f.joins++;
      rooms.set(room, new Member(at));
    });
  }

  function leave(room) {
    return ask("soak-leave", [room], (to) => {
      f.leaves++;
      const m = rooms.get(room);
      rooms.delete(room);
      f.eventsChecked += to - m.from;
      if (m.next <= to) {
        f.eventsLost += to + 1 - m.next;
        error(`${socket.id}: ${room} #${m.next}..#${to} missing at leave`);
      }
    });
  }

  const end = Math.min(deadline, Date.now() + rand(LIFE_MIN, LIFE_MAX));
  for (let i = rand(1, 3); i > 0; i--) {
    await join(roomName(rand(0, opt.rooms - 1)));
  }
  while (connected && Date.now() < end) {
    await sleep(rand(THINK_MIN, THINK_MAX));
    if (!connected) {
      break;
    }
    const action = weighted({ publish: 60, echo: 15, move: 15, more: 10 });
    const mine = [...rooms.keys()];
    if (action === "publish") {
      const room = mine.length && Math.random() < 0.7 ? pick(mine) : roomName(rand(0, opt.rooms - 1));
      if ((await ask("soak-pub", [room])) !== null) {
        f.published++;
      }
    } else if (action === "echo") {
      const token = Math.random().toString(36).slice(2);
      const back = await ask("soak-echo", [token]);
      if (back !== null) {
        f.echoes++;
        if (back !== token) {
          error(`${socket.id}: echo ${token} came back as ${back}`);
        }
      }
    } else if (action === "move" && mine.length) {
      await leave(pick(mine));
      await join(roomName(rand(0, opt.rooms - 1)));
    } else if (mine.length < 4) {
      await join(roomName(rand(0, opt.rooms - 1)));
    }
  }
  if (!connected) {
    return;
  }

  let how = fate;
  if ((how === "drop" || how === "freeze") && socket.io.engine.transport.name !== "websocket") {
    f.frozenFallbacks++; // the upgrade did not happen (yet): end it with a close instead
    how = "close";
  }
  ending = true;
  if (how === "clean") {
    for (const room of [...rooms.keys()]) {
      await leave(room);
    }
    socket.disconnect();
    return;
  }
  // a fault: what was in flight may be lost; what came before was checked as it arrived
  f.faults[how]++;
  const engine = socket.io.engine;
  if (how === "close") {
    engine.close();
  } else if (how === "drop") {
    engine.transport.ws._socket.destroy();
  } else {
    // freeze: no reading (the server's pings stay unread), and no heartbeat check of our own
    engine._resetPingTimeout = () => {};
    engine.clearTimeoutFn(engine._pingTimeoutTimer);
    engine._pingTimeoutTime = Infinity;
    engine.transport.ws._socket.pause();
    await sleep(HEARTBEAT_MS + 2000);
    engine.transport.ws._socket.destroy();
  }
  socket.disconnect();
}

// --- a raw long-polling client that goes silent

function request(method, query, body) {
  return new Promise((resolve, reject) => {
    const url = new URL(origin + path + "/?" + query);
    const req = http.request(url, {
      method, agent: false, headers: body === undefined ? {} : { "Content-Type": "text/plain;charset=UTF-8" },
    }, (res) => {
      let data = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (data += c));
      res.on("end", () => resolve({ status: res.statusCode, body: data }));
    });
    req.on("error", reject);
    req.setTimeout(30000, () => req.destroy(new Error(method + " timed out")));
    req.end(body);
  });
}

/** GETs until a packet starting with prefix arrives (pings are answered meanwhile). */
async function pollFor(q, prefix) {
  for (let i = 0; i < 20; i++) {
    const res = await request("GET", q);
    if (res.status !== 200) {
      throw new Error("GET " + res.status + " " + res.body);
    }
    for (const packet of res.body.split("\x1e")) {
      if (packet === "2") {
        await request("POST", q, "3");
      } else if (packet.startsWith(prefix)) {
        return packet;
      }
    }
  }
  throw new Error("no " + prefix + " in 20 polls");
}

async function silentLife() {
  try {
    const open = await request("GET", "EIO=4&transport=polling");
    const sid = JSON.parse(open.body.slice(1)).sid;
    const q = "EIO=4&transport=polling&sid=" + encodeURIComponent(sid);
    await request("POST", q, "40");
    await pollFor(q, "40");
    await request("POST", q, `421["soak-join","${roomName(rand(0, opt.rooms - 1))}"]`);
    await pollFor(q, "431[");
    f.clientsServed++;
    f.byTransport.silentPolling++;
    f.joins++;
    f.faults.silent++;
    await sleep(HEARTBEAT_MS + 2000); // silence: no GET, no pong
    const after = await request("GET", q);
    if (after.status === 400) {
      f.silentGoneConfirmed++;
    } else {
      error(`silent polling session ${sid} still answered ${after.status}: ${after.body.slice(0, 80)}`);
    }
  } catch (e) {
    error("silent polling client: " + e.message);
  }
}

// --- rounds

async function slot(deadline) {
  while (Date.now() < deadline) {
    try {
      if (Math.random() < 0.05) {
        await silentLife();
      } else {
        await officialLife(deadline);
      }
    } catch (e) {
      error("client life failed: " + (e.stack || e));
      await sleep(500);
    }
  }
}

async function round(seconds, clients) {
  const deadline = Date.now() + seconds * 1000;
  const slots = [];
  for (let i = 0; i < clients; i++) {
    slots.push(sleep(rand(0, Math.max(2000, clients * 5))).then(() => slot(deadline))); // 1,000 over 5 s
  }
  const progress = setInterval(() => log(`served ${f.clientsServed}, delivered ${f.eventsDelivered}, `
    + `lost ${f.eventsLost}, faults ${JSON.stringify(f.faults)}, errors ${f.errors.length}, max lag ${lagMs} ms`), 10000);
  await Promise.all(slots);
  clearInterval(progress);
}

async function main() {
  /*
   * The observer asks the server for its figures. It is a client too: on a loaded machine its
   * heartbeat may fail like any other's (a WildFly run lost it to a ping timeout), so it connects
   * again when it is gone; the figures are the server's, whoever asks.
   */
  async function connectObserver() {
    const o = io(origin + "/", { path, forceNew: true, reconnection: false, transports: ["websocket"] });
    await new Promise((resolve, reject) => {
      o.once("connect", resolve);
      o.once("connect_error", reject);
    });
    o.on("disconnect", (reason) => log(`observer disconnected: ${reason}`));
    return o;
  }
  let observer = await connectObserver();
  const stats = async (gc) => {
    for (let attempt = 1; ; attempt++) {
      if (!observer.connected) {
        observer = await connectObserver();
      }
      try {
        return await observer.timeout(60000).emitWithAck("soak-stats", gc);
      } catch (e) {
        if (attempt >= 3 || observer.connected) {
          throw e; // a timeout with the observer connected is the server's failure
        }
      }
    }
  };
  /** Waits until the server holds only the observer and its figures stop changing. */
  async function settled(timers) {
    const end = Date.now() + 60000 + 2 * HEARTBEAT_MS;
    let last = null;
    for (;;) {
      const s = await stats(false);
      const same = last && s.connections === last.connections && s.sockets === last.sockets
        && s.rooms === last.rooms && s.timers === last.timers;
      if ((same && s.connections === 1 && (timers === undefined || s.timers <= timers)) || Date.now() > end) {
        return s;
      }
      last = s;
      await sleep(500);
    }
  }

  log(`warm-up: ${opt.warmup} s, ${opt.clients} clients`);
  await round(opt.warmup, opt.clients);
  const warmup = f;
  await settled();
  await sleep(opt.idle * 1000);
  const baseline = await stats(true);
  log("baseline", JSON.stringify(baseline));

  f = newFigures();
  lagMs = 0;
  const start = Date.now();
  log(`soak: ${opt.seconds} s, ${opt.clients} clients`);
  await round(opt.seconds, opt.clients);
  const churnSeconds = (Date.now() - start) / 1000;
  const gone = await settled(baseline.timers);
  const settleSeconds = (Date.now() - start) / 1000 - churnSeconds;
  await sleep(opt.idle * 1000);
  const after = await stats(true);
  log("after", JSON.stringify(after));
  observer.disconnect();

  console.log(JSON.stringify({
    options: opt, churnSeconds, settleSeconds, driverMaxLagMs: lagMs, ...f,
    warmup: { clientsServed: warmup.clientsServed, eventsLost: warmup.eventsLost, errors: warmup.errors.length },
    baseline, settled: gone, after,
  }));
}

main().then(() => process.exit(0), (e) => {
  log("FAILED", e.stack || e);
  process.exit(1);
});
