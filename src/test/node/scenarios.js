#!/usr/bin/env node
/*
 * End-to-end scenarios driven by the official socket.io-client (4.8.1), for NodeClientIT.
 *
 *   node scenarios.js <scenario> <origin> <path> <transports>
 *   node scenarios.js events http://127.0.0.1:8080 /ctx/socket.io polling,websocket
 *
 * Runs one scenario against the conformance deployment (plus TestHandlers) and prints exactly one
 * JSON line with what it observed: data, not verdicts; the Java side asserts. Binary values are
 * printed as {"$binary": <base64>, "type": "Buffer" | "ArrayBuffer" | <typed array>}, undefined as
 * {"$undefined": true}. Every scenario is bounded by a timeout; an unexpected error (or the timeout)
 * is printed on stderr and the exit code is non-zero.
 *
 * Connections are io(origin + nsp, { path, transports, auth, forceNew: true, reconnection: false }).
 * The two upgrade scenarios pass engine.io-client's own transport classes instead of names, the
 * WebSocket one wrapped so that the test decides when the probe starts (and, for
 * close-during-upgrade, when the upgrade packet goes out).
 */
"use strict";

const { io } = require("socket.io-client");
const { NodeXHR, NodeWebSocket } = require("engine.io-client");

const SCENARIO_TIMEOUT_MS = 20000;
const STEP_TIMEOUT_MS = 5000;

const [scenario, origin, path, transportList] = process.argv.slice(2);
if (!scenario || !origin || !path || !transportList) {
  fail(new Error("usage: node scenarios.js <scenario> <origin> <path> <transports>"));
}
const transports = transportList.split(",");
const opened = [];

// --- helpers

function fail(err) {
  process.stderr.write(`scenario ${scenario} failed: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
}

/**
 * A new connection (own Manager) to a namespace; `transportClasses` replaces the transport
 * names by engine.io-client transport implementations.
 */
function open(nsp, auth, transportClasses) {
  const opts = { path, transports: transportClasses || transports, forceNew: true, reconnection: false };
  if (auth !== undefined) {
    opts.auth = auth;
  }
  const socket = io(origin + nsp, opts);
  opened.push(socket);
  return socket;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Rejects after ms unless the promise settles first. */
function bounded(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves when the socket connects; rejects on connect_error. */
function connected(socket) {
  if (socket.connected) {
    return Promise.resolve(socket);
  }
  return bounded(new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => reject(new Error(`connect_error: ${err.message}`)));
  }), STEP_TIMEOUT_MS, `connect to ${socket.nsp}`);
}

/** Resolves with the connect_error (message and data); rejects if the socket connects instead. */
function connectError(socket) {
  return bounded(new Promise((resolve, reject) => {
    socket.once("connect", () => reject(new Error(`${socket.nsp} connected unexpectedly`)));
    socket.once("connect_error", (err) => resolve(err));
  }), STEP_TIMEOUT_MS, `connect_error on ${socket.nsp}`);
}

/** The arguments of the next occurrence of an event. */
function next(socket, event) {
  return bounded(new Promise((resolve) => socket.once(event, (...args) => resolve(args))),
    STEP_TIMEOUT_MS, `event ${event}`);
}

/** Emits with an ack callback; resolves with all the ack's arguments. */
function ack(socket, event, ...args) {
  return new Promise((resolve, reject) => {
    socket.timeout(STEP_TIMEOUT_MS).emit(event, ...args, (err, ...answer) => {
      if (err) {
        reject(new Error(`no ack for ${event}: ${err.message}`));
      } else {
        resolve(answer);
      }
    });
  });
}

/** Waits until the predicate holds (checked every 10 ms). */
async function until(predicate, what, ms = STEP_TIMEOUT_MS) {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    }
    await sleep(10);
  }
}

/** The resolved reason of the next disconnect. */
function disconnection(socket) {
  return bounded(new Promise((resolve) => socket.once("disconnect", (reason) => resolve(reason))),
    STEP_TIMEOUT_MS, `disconnect of ${socket.nsp}`);
}

/**
 * engine.io-client's WebSocket transport, opening only once the gate promise resolves; with
 * `hold`, the upgrade packet and everything after it wait until that promise resolves too.
 */
function gatedWebSocket(gate, hold) {
  return class GatedWebSocket extends NodeWebSocket {
    doOpen() {
      gate.then(() => {
        if (this.readyState === "opening") {
          super.doOpen();
        }
      });
    }

    write(packets) {
      if (hold && (this.held || packets.some((p) => p.type === "upgrade"))) {
        if (!this.held) {
          this.held = [];
          hold.then(() => {
            const batches = this.held;
            this.held = null;
            hold = null;
            if (this.readyState === "open") {
              batches.forEach((b) => super.write(b));
            }
          });
        }
        this.held.push(packets);
        return;
      }
      super.write(packets);
    }
  };
}

/** A JSON-safe description of a received value, binary kept recognisable. */
function describe(v) {
  if (Buffer.isBuffer(v)) {
    return { $binary: v.toString("base64"), type: "Buffer" };
  }
  if (v instanceof ArrayBuffer) {
    return { $binary: Buffer.from(v).toString("base64"), type: "ArrayBuffer" };
  }
  if (ArrayBuffer.isView(v)) {
    return { $binary: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64"), type: v.constructor.name };
  }
  if (v === undefined) {
    return { $undefined: true };
  }
  if (Array.isArray(v)) {
    return v.map(describe);
  }
  if (v !== null && typeof v === "object") {
    const o = {};
    for (const k of Object.keys(v)) {
      o[k] = describe(v[k]);
    }
    return o;
  }
  return v;
}

/** The socket's view of its connection. */
function state(socket) {
  const engine = socket.io.engine;
  return { connected: socket.connected, id: socket.id ?? null, engineId: engine.id ?? null,
    transport: engine.transport ? engine.transport.name : null };
}

/**
 * Reads the server's disconnect reasons with last-disconnects: waits until at least one is there,
 * then lets a little more time pass and reads again, so that extra (wrong) ones are seen too.
 */
async function serverDisconnects(observer) {
  const reasons = [];
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (reasons.length === 0 && Date.now() < deadline) {
    reasons.push(...(await ack(observer, "last-disconnects"))[0]);
    if (reasons.length === 0) {
      await sleep(20);
    }
  }
  await sleep(300);
  reasons.push(...(await ack(observer, "last-disconnects"))[0]);
  return reasons;
}

/** Deterministic bytes: b[i] = (31 i + 7) mod 256; NodeClientIT computes the same. */
function pattern(length) {
  const b = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    b[i] = (31 * i + 7) & 0xff;
  }
  return b;
}

// --- the data sent by the scenarios (NodeClientIT holds the expected values)

const EVENT_ARGS = [
  "hello", "", 0, 42, -7, 3.5, -0.25, 9007199254740991, 1e21, 1.5e-7,
  null, true, false,
  { a: 1, nested: { b: [1, "two", { c: null }], empty: {}, list: [] }, flag: false },
  [1, [2, [3, [4]]]],
  "héllo wörld ✓ 日本語 😀",
  "quote \" backslash \\ slash / newline \n tab \t nul \u0000 ls \u2028 end",
];

// --- scenarios

const scenarios = {
  /** Connect to / with an auth payload: the server emits `auth` back with it. */
  async "connect-root"() {
    const auth = { token: "abc", user: { name: "Zoë", roles: ["a", "b"] }, n: 42, ok: true };
    const s = open("/", auth);
    const echoed = next(s, "auth");
    await connected(s);
    return { ...state(s), auth: describe((await echoed)[0]) };
  },

  /** Connect to /custom with an auth payload. */
  async "connect-custom"() {
    const auth = { token: "custom-token", list: [1, 2, 3] };
    const s = open("/custom", auth);
    const echoed = next(s, "auth");
    await connected(s);
    return { ...state(s), nsp: s.nsp, auth: describe((await echoed)[0]) };
  },

  /** /nope on the same connection as / : connect_error, and / stays usable. */
  async "invalid-namespace"() {
    const s = open("/", {});
    await connected(s);
    const before = state(s);
    const bad = s.io.socket("/nope", { auth: { x: 1 } });
    const err = await connectError(bad);
    const answer = await ack(s, "message-with-ack", "still there");
    return {
      error: { message: err.message, data: describe(err.data) },
      bad: { connected: bad.connected, sameManager: bad.io === s.io },
      before,
      after: state(s),
      ack: describe(answer),
    };
  },

  /** `message` -> `message-back` with the same arguments. */
  async events() {
    const s = open("/");
    await connected(s);
    const back = next(s, "message-back");
    s.emit("message", ...EVENT_ARGS);
    return { back: describe(await back) };
  },

  /** Acks from the server: emitWithAck (first argument), a callback (all arguments), no arguments. */
  async acks() {
    const s = open("/");
    await connected(s);
    const withAck = await s.timeout(STEP_TIMEOUT_MS).emitWithAck("message-with-ack", { x: [1, 2], y: "z" });
    const callback = await ack(s, "message-with-ack", ...EVENT_ARGS);
    const none = await ack(s, "message-with-ack");
    return { emitWithAck: describe(withAck), callback: describe(callback), none: describe(none) };
  },

  /** The server asks (`question` with an ack), the client answers, the server reports the answer. */
  async "server-ask"() {
    const s = open("/");
    const questions = [];
    s.on("question", (payload, cb) => {
      questions.push({ payload: describe(payload), hasCallback: typeof cb === "function" });
      cb("answer", payload, 42);
    });
    await connected(s);
    const result = await ack(s, "server-ask", 2000, { q: "why?", n: [1, 2] });
    return { questions, result: describe(result) };
  },

  /** The client does not answer: the server's ack times out; a late answer is ignored. */
  async "server-ask-timeout"() {
    const s = open("/");
    const questions = [];
    let late;
    s.on("question", (payload, cb) => {
      questions.push({ payload: describe(payload), hasCallback: typeof cb === "function" });
      late = cb;
    });
    await connected(s);
    const t0 = Date.now();
    const result = await ack(s, "server-ask", 300, "no answer please");
    const elapsedMs = Date.now() - t0;
    late("too late"); // the server must ignore it
    const after = await ack(s, "message-with-ack", "after timeout");
    return { questions, result: describe(result), elapsedMs, after: describe(after), ...state(s) };
  },

  /** Buffers at top level and nested, both ways, in events and acks. */
  async binary() {
    const s = open("/");
    const questions = [];
    s.on("question", (payload, cb) => {
      questions.push(describe(payload));
      cb(Buffer.from([9, 8, 7]), { echo: payload.bin });
    });
    await connected(s);
    const small = Buffer.from([0, 1, 2, 253, 254, 255]);
    const big = pattern(100000);
    const back = next(s, "message-back");
    s.emit("message", small, { file: { name: "a.bin", data: small }, list: [small, "x", { deep: [small] }] },
      [Buffer.alloc(0), big], "text");
    const event = describe(await back);
    const ackArgs = await ack(s, "message-with-ack", { b: big }, small);
    const serverAck = await ack(s, "server-ask", 2000, { bin: small, text: "t" });
    return { event, ack: describe(ackArgs), questions, serverAck: describe(serverAck) };
  },

  /** Rooms: io.to(room) reaches everyone in it, socket.to(room) everyone but the sender. */
  async rooms() {
    const room = `room-${process.pid}-${Date.now()}`;
    const a = open("/"), b = open("/"), c = open("/");
    const got = { a: [], b: [], c: [] };
    for (const [name, s] of Object.entries({ a, b, c })) {
      s.on("room-message", (...args) => got[name].push(describe(args)));
    }
    await Promise.all([connected(a), connected(b), connected(c)]);
    const joinA = (await ack(a, "join-room", room))[0];
    const joinB = (await ack(b, "join-room", room))[0];
    const sent1 = await ack(a, "emit-to-room", room, { n: 1 });
    await until(() => got.a.length >= 1 && got.b.length >= 2, "room messages");
    await sleep(200); // any extra message would show up now
    const first = { a: got.a.splice(0), b: got.b.splice(0), c: got.c.splice(0) };
    const leaveB = (await ack(b, "leave-room", room))[0];
    const sent2 = await ack(a, "emit-to-room", room, { n: 2 });
    await until(() => got.a.length >= 1, "room message after leave");
    await sleep(200);
    const second = { a: got.a.splice(0), b: got.b.splice(0), c: got.c.splice(0) };
    return { room, ids: { a: a.id, b: b.id, c: c.id }, joinA, joinB, leaveB, sent1, sent2, first, second };
  },

  /** /guarded: refused without the token, welcomed with it, middleware in order. */
  async middleware() {
    const refused = open("/guarded", {});
    const err = await connectError(refused);
    const ok = open("/guarded", { token: "secret" });
    const welcome = next(ok, "welcome");
    await connected(ok);
    return {
      refused: { message: err.message, data: describe(err.data), connected: refused.connected },
      accepted: { connected: ok.connected, welcome: describe(await welcome) },
    };
  },

  /**
   * Polling -> WebSocket while streams run both ways: nothing lost, duplicated or reordered.
   * The client connects over polling, asks for `stream` (2000 `seq` events, the server pausing 1 ms
   * after every second one) and sends `collect` 0..999 on a timer (five per tick, then one once the
   * probe may start); the WebSocket probe is held back until 100 `seq` have arrived and 100
   * `collect` have been sent, so the upgrade happens in the middle of both streams.
   * engine.io-client's own transports are used, the WebSocket one only delayed. (The pace keeps the
   * traffic within what a freshly started server on a busy machine handles inside the conformance
   * heartbeat, pingTimeout 1000 ms.)
   */
  async upgrade() {
    if (transportList !== "polling,websocket") {
      throw new Error("the upgrade scenario needs transports polling,websocket");
    }
    let openGate;
    let gateOpen = false;
    const gate = new Promise((resolve) => {
      openGate = resolve;
    });
    const s = open("/", undefined, [NodeXHR, gatedWebSocket(gate)]);
    const seq = [];
    const seqTransports = { polling: 0, websocket: 0 };
    let seqEnd = null;
    let sent = 0;
    const collectTransports = { polling: 0, websocket: 0 };
    let upgradedAt = null;
    s.on("seq", (n) => {
      seq.push(n);
      seqTransports[s.io.engine.transport.name]++;
    });
    s.on("seq-end", (n) => {
      seqEnd = n;
    });
    let disconnectReason = null;
    s.on("disconnect", (reason) => {
      disconnectReason = reason;
    });
    await connected(s);
    const engine = s.io.engine;
    const transportAtConnect = engine.transport.name;
    const engineEvents = [];
    for (const event of ["upgrading", "upgradeError", "close"]) {
      engine.on(event, (arg) => engineEvents.push({ event, arg: String(arg && arg.name ? arg.name : arg),
        seqReceived: seq.length, collectSent: sent }));
    }
    engine.on("upgrade", (t) => {
      upgradedAt = { transport: t.name, seqReceived: seq.length, collectSent: sent };
    });
    const streamAck = ack(s, "stream", 2000, 2).catch((e) => String(e)); // awaited later
    await bounded(new Promise((resolve) => {
      (function tick() {
        for (let k = 0; k < (gateOpen ? 1 : 5) && sent < 1000; k++) {
          collectTransports[engine.transport.name]++;
          s.emit("collect", sent++);
        }
        if (sent >= 100 && seq.length >= 100) {
          gateOpen = true;
          openGate();
        }
        if (sent < 1000) {
          setTimeout(tick, 1);
        } else {
          resolve();
        }
      })();
    }), 15000, "collect 0..999 sent");
    openGate();
    // from here on a failure is data: what arrived tells what went wrong
    const started = await streamAck;
    await until(() => seqEnd !== null || !s.connected, "seq-end", 10000).catch(() => {});
    const collectEnd = s.connected ? await ack(s, "collect-end").catch((e) => String(e)) : null;
    let serverReasons = null; // only when something went wrong: why the server closed
    if (!s.connected) {
      const observer = open("/");
      await connected(observer);
      serverReasons = (await ack(observer, "last-disconnects"))[0];
    }
    return {
      transportAtConnect, upgradedAt, engineEvents, finalTransport: engine.transport.name, streamAck: started,
      seq, seqEnd, seqTransports, collectTransports, collectEnd, disconnectReason, serverReasons,
    };
  },

  /**
   * The server disconnects the socket (and closes the connection) while the client upgrades: the
   * client has paused polling and its upgrade packet is held back when another connection asks the
   * server to disconnect it, so what the server buffered (`bye`, the DISCONNECT) can only arrive
   * over the WebSocket once the upgrade packet is let through.
   */
  async "close-during-upgrade"() {
    if (transportList !== "polling,websocket") {
      throw new Error("the close-during-upgrade scenario needs transports polling,websocket");
    }
    let openGate;
    let release;
    const gate = new Promise((resolve) => {
      openGate = resolve;
    });
    const hold = new Promise((resolve) => {
      release = resolve;
    });
    const s = open("/", undefined, [NodeXHR, gatedWebSocket(gate, hold)]);
    const received = [];
    s.on("bye", () => received.push({ event: "bye", transport: s.io.engine.transport.name }));
    let transportAtDisconnect = null;
    const clientReason = disconnection(s);
    s.on("disconnect", () => {
      transportAtDisconnect = s.io.engine.transport.name;
    });
    const observer = open("/");
    await Promise.all([connected(s), connected(observer)]);
    const drained = (await ack(observer, "last-disconnects"))[0];
    const id = s.id;
    // right after a ping, so that no heartbeat falls due while the upgrade is held back
    await bounded(new Promise((resolve) => s.io.engine.once("ping", resolve)), STEP_TIMEOUT_MS, "ping");
    const upgradeSent = new Promise((resolve) => s.io.engine.once("upgrade", resolve));
    openGate();
    await bounded(upgradeSent, STEP_TIMEOUT_MS, "upgrade packet");
    const found = (await ack(observer, "disconnect-socket", id, true))[0];
    const beforeRelease = { connected: s.connected, received: received.length };
    release();
    const reason = await clientReason;
    return { found, beforeRelease, clientReason: reason, transportAtDisconnect, received,
      serverReasons: await serverDisconnects(observer), drained };
  },

  /** Staying connected over several heartbeats. */
  async heartbeat() {
    const s = open("/");
    await connected(s);
    const before = state(s);
    let pings = 0;
    let disconnectReason = null;
    s.io.engine.on("ping", () => pings++);
    s.on("disconnect", (reason) => {
      disconnectReason = reason;
    });
    await sleep(2000);
    const stillConnected = s.connected;
    const after = await ack(s, "message-with-ack", "alive");
    return { before, after: state(s), stillConnected, pings, disconnectReason, ack: after };
  },

  /** disconnect-me(false): the server disconnects the socket, the client sees "io server disconnect". */
  async "server-disconnect"() {
    return serverDisconnect(false);
  },

  /** disconnect-me(true): the same, and the whole connection closes. */
  async "server-disconnect-close"() {
    return serverDisconnect(true);
  },

  /** socket.disconnect() on the client: the server sees "client namespace disconnect". */
  async "client-disconnect"() {
    const observer = open("/");
    await connected(observer);
    const drained = (await ack(observer, "last-disconnects"))[0];
    const s = open("/");
    await connected(s);
    const clientReason = disconnection(s);
    s.disconnect();
    return { clientReason: await clientReason, serverReasons: await serverDisconnects(observer), drained };
  },

  /** A throwing handler does not end the session. */
  async throw() {
    const s = open("/");
    await connected(s);
    const before = state(s);
    let disconnectReason = null;
    s.on("disconnect", (reason) => {
      disconnectReason = reason;
    });
    s.emit("throw", "boom");
    const answer = await ack(s, "message-with-ack", "after throw");
    await sleep(100);
    return { before, after: state(s), ack: answer, disconnectReason };
  },

  /** An @ObservesAsync observer acks. */
  async "async-echo"() {
    const s = open("/");
    await connected(s);
    const answer = await ack(s, "async-echo", { x: "y", n: [1, 2] });
    return { ack: describe(answer) };
  },
};

async function serverDisconnect(close) {
  const observer = open("/");
  await connected(observer);
  const drained = (await ack(observer, "last-disconnects"))[0];
  const s = open("/");
  await connected(s);
  const clientReason = disconnection(s);
  const received = [];
  s.on("message-back", (...args) => received.push(args));
  // "unhandled" goes alone in the first request; over long-polling "message" and "disconnect-me"
  // then share the next one: the server answers the held GET with message-back, and has the
  // DISCONNECT (and the close) waiting for the next GET
  s.emit("unhandled");
  s.emit("message", "bye");
  s.emit("disconnect-me", close);
  const reason = await clientReason;
  return { clientReason: reason, receivedBefore: received.splice(0), serverReasons: await serverDisconnects(observer),
    drained };
}

// --- main

const run = scenarios[scenario];
if (!run) {
  fail(new Error(`unknown scenario ${scenario}; known: ${Object.keys(scenarios).join(", ")}`));
}
const watchdog = setTimeout(() => fail(new Error(`timed out after ${SCENARIO_TIMEOUT_MS} ms`)), SCENARIO_TIMEOUT_MS);
run().then((result) => {
  clearTimeout(watchdog);
  process.stdout.write(JSON.stringify(result) + "\n");
  // close cleanly, so the server has seen every disconnect before this process is gone
  for (const s of opened) {
    s.disconnect();
  }
  setTimeout(() => process.exit(0), 3000).unref();
}, fail);
