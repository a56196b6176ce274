#!/usr/bin/env node
/*
 * A long-lived driver of the official socket.io-client (4.8.1, or 2.5.0 with --v2) for the feature tests
 * (io.socketeer.it.client.NodeTestClient): one JSON command per line on stdin, one JSON answer
 * per line on stdout, several sockets per process.
 *
 *   -> {"id": 7, "cmd": "emit", "socket": "s1", "event": "hello", "args": ["x", {"$bin": "AAEC"}]}
 *   <- {"id": 7, "ok": true, "result": null}
 *   <- {"id": 8, "ok": false, "error": "no ack for ask within 5000 ms"}
 *
 * Values are JSON; binary (Buffer, ArrayBuffer, typed arrays) travels as {"$bin": "<base64>"}.
 * Commands may overlap: each answer carries the id of its command. Every wait is bounded by the
 * command's timeoutMs (at most MAX_WAIT_MS). Nothing is printed on stdout but answers; diagnostics
 * go to stderr. The process exits when stdin closes.
 *
 * Commands (socket = a handle returned by connect/socket):
 *   connect {origin, path, nsp, auth, transports, timeoutMs} -> {socket, id}, or {socket, connectError:
 *       {message, data}} when the server refuses, {socket, transportError} when the connection fails,
 *       {socket, timeout: true}: a new connection (own Manager: forceNew, no reconnection)
 *   socket {socket, nsp, auth, timeoutMs}  -> same, another namespace over the connection of `socket`
 *   emit {socket, event, args}
 *   emitWithAck {socket, event, args, timeoutMs} -> the ack's arguments
 *   ackPolicy {socket, event, answer (array) | null, delayMs}: how the server's acks for `event` are
 *       answered (after delayMs), or (null) not at all, which is the default
 *   poll {socket, event, timeoutMs} -> {args, ack} of the oldest unread `event`, or null after timeoutMs
 *   drain {socket, event} -> every unread `event` ([{args, ack}, ...])
 *   state {socket} -> {id, connected, ackPackets, disconnectReason, closeReason}
 *   disconnectReason {socket, timeoutMs} / closeReason {socket, timeoutMs} -> the reason, or null
 *   disconnect {socket}: socket.disconnect()
 *   dropConnection {socket}: closes the Engine.IO connection under the socket (no DISCONNECT)
 *   raw {socket, text}: sends an Engine.IO message with this text on the socket's connection
 *   freeze {ms}: blocks this process's event loop (every socket stops, pings go unanswered)
 *   close {socket}: closes the socket's connection (every socket over it)
 */
"use strict";

/*
 * With --v2 the agent drives socket.io-client 2.5.0 (npm alias socket.io-client-v2: Socket.IO v2,
 * Engine.IO v3) through the same commands: auth becomes the query (what a v2 client sends), a
 * server's refusal is its "error" event, and acks wait with a timer of our own.
 */
const V2 = process.argv.includes("--v2");
const io = V2 ? require("socket.io-client-v2") : require("socket.io-client").io;
const readline = require("readline");

const MAX_WAIT_MS = 30000;

/** handle -> the state of one socket */
const sockets = new Map();
let handles = 0;

// --- values

function isBinary(v) {
  return Buffer.isBuffer(v) || v instanceof ArrayBuffer || ArrayBuffer.isView(v);
}

function toBuffer(v) {
  if (Buffer.isBuffer(v)) {
    return v;
  }
  if (v instanceof ArrayBuffer) {
    return Buffer.from(v);
  }
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

/** A received value as JSON: binary as {"$bin": base64}, undefined as null. */
function encode(v) {
  if (v === undefined || v === null) {
    return null;
  }
  if (isBinary(v)) {
    return { $bin: toBuffer(v).toString("base64") };
  }
  if (Array.isArray(v)) {
    return v.map(encode);
  }
  if (typeof v === "object") {
    const o = {};
    for (const [k, x] of Object.entries(v)) {
      o[k] = encode(x);
    }
    return o;
  }
  return v;
}

/** A value from the test: {"$bin": base64} becomes a Buffer. */
function decode(v) {
  if (Array.isArray(v)) {
    return v.map(decode);
  }
  if (v !== null && typeof v === "object") {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === "$bin") {
      return Buffer.from(v.$bin, "base64");
    }
    const o = {};
    for (const [k, x] of Object.entries(v)) {
      o[k] = decode(x);
    }
    return o;
  }
  return v;
}

// --- waiting

function waitMs(cmd) {
  const ms = Number(cmd.timeoutMs);
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, MAX_WAIT_MS) : 5000;
}

/** Resolves with check() once it is not undefined (re-checked on every notify), or with null after ms. */
function waitFor(state, check, ms) {
  const now = check();
  if (now !== undefined) {
    return Promise.resolve(now);
  }
  return new Promise((resolve) => {
    const waiter = () => {
      const v = check();
      if (v !== undefined) {
        clearTimeout(timer);
        state.waiters.delete(waiter);
        resolve(v);
      }
    };
    const timer = setTimeout(() => {
      state.waiters.delete(waiter);
      resolve(null);
    }, ms);
    state.waiters.add(waiter);
  });
}

function notify(state) {
  for (const w of [...state.waiters]) {
    w();
  }
}

// --- sockets

function track(socket, manager) {
  const state = {
    socket,
    manager,
    events: new Map(),
    ackPolicies: new Map(),
    ackPackets: 0,
    disconnectReason: undefined,
    closeReason: undefined,
    waiters: new Set(),
  };
  onAnyEvent(socket, (event, ...args) => {
    let ack = null;
    if (args.length > 0 && typeof args[args.length - 1] === "function") {
      ack = args.pop();
    }
    if (!state.events.has(event)) {
      state.events.set(event, []);
    }
    state.events.get(event).push({ args: encode(args), ack: ack !== null });
    const policy = state.ackPolicies.get(event);
    if (ack && policy) {
      const answer = () => ack(...decode(policy.answer));
      if (policy.delayMs > 0) {
        setTimeout(answer, policy.delayMs);
      } else {
        answer();
      }
    }
    notify(state);
  });
  socket.on("disconnect", (reason) => {
    state.disconnectReason = reason;
    notify(state);
  });
  manager.on("packet", (packet) => {
    if (packet.nsp === socket.nsp && (packet.type === 3 || packet.type === 6)) {
      state.ackPackets++;
    }
  });
  manager.on("close", (reason) => {
    state.closeReason = reason;
    notify(state);
  });
  const handle = "s" + ++handles;
  sockets.set(handle, state);
  return handle;
}

/** socket.onAny, or for socket.io-client 2.x (which has none) a wrapper of its onevent. */
function onAnyEvent(socket, listener) {
  if (typeof socket.onAny === "function") {
    socket.onAny(listener);
    return;
  }
  const onevent = socket.onevent;
  socket.onevent = function (packet) {
    const args = (packet.data || []).slice();
    if (packet.id != null) {
      args.push(this.ack(packet.id));
    }
    listener(...args);
    onevent.call(this, packet);
  };
}

function stateOf(cmd) {
  const state = sockets.get(cmd.socket);
  if (!state) {
    throw new Error(`unknown socket ${cmd.socket}`);
  }
  return state;
}

/** Connects a tracked socket: {socket, id}, or {connectError} when the server refuses it. */
function connectTracked(handle, cmd) {
  const state = sockets.get(handle);
  const socket = state.socket;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      cleanup();
      resolve({ socket: handle, timeout: true });
    }, waitMs(cmd));
    const onConnect = () => {
      cleanup();
      resolve({ socket: handle, id: socket.id });
    };
    const onError = (err) => {
      cleanup();
      if (err && err.type === "TransportError") {
        // the connection failed: not a refusal by the server
        const d = err.description;
        const detail = d && d.message ? d.message : d && d.error ? String(d.error) : String(d);
        resolve({ socket: handle, transportError: `${err.message}: ${detail}` });
      } else {
        resolve({ socket: handle, connectError: { message: err.message, data: encode(err.data) } });
      }
    };
    // socket.io-client 2.x: the server's refusal is an "error" event with the data it sent (a
    // string, or an object); errors of the connection are Error objects
    const onRefused = (data) => {
      if (data instanceof Error) {
        return;
      }
      cleanup();
      const text = typeof data === "string";
      resolve({ socket: handle, connectError: { message: text ? data : null, data: text ? null : encode(data) } });
    };
    const cleanup = () => {
      clearTimeout(timer);
      socket.off("connect", onConnect);
      socket.off("connect_error", onError);
      socket.off("error", onRefused);
    };
    socket.on("connect", onConnect);
    socket.on("connect_error", onError);
    if (V2) {
      socket.on("error", onRefused);
    }
    socket.connect();
  });
}

function options(cmd) {
  // the client's own connection timeout is the command's: a loaded Payara node took over 5 s
  const opts = { path: cmd.path, forceNew: true, reconnection: false, autoConnect: false, timeout: waitMs(cmd) };
  if (cmd.transports) {
    opts.transports = cmd.transports;
  }
  if (cmd.auth) {
    if (V2) {
      opts.query = cmd.auth;
    } else {
      opts.auth = cmd.auth;
    }
  }
  return opts;
}

const commands = {
  async connect(cmd) {
    const socket = io(cmd.origin + cmd.nsp, options(cmd));
    return connectTracked(track(socket, socket.io), cmd);
  },

  async socket(cmd) {
    const manager = stateOf(cmd).manager;
    const socket = manager.socket(cmd.nsp, cmd.auth ? (V2 ? { query: cmd.auth } : { auth: cmd.auth }) : {});
    return connectTracked(track(socket, manager), cmd);
  },

  async emit(cmd) {
    stateOf(cmd).socket.emit(cmd.event, ...decode(cmd.args || []));
    return null;
  },

  async emitWithAck(cmd) {
    const socket = stateOf(cmd).socket;
    const ms = waitMs(cmd);
    const failure = () => new Error(`no ack for ${cmd.event} within ${ms} ms (socket ${socket.connected ? "connected" : "disconnected"})`);
    if (V2) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(failure()), ms);
        socket.emit(cmd.event, ...decode(cmd.args || []), (...answer) => {
          clearTimeout(timer);
          resolve(encode(answer));
        });
      });
    }
    return new Promise((resolve, reject) => {
      socket.timeout(ms).emit(cmd.event, ...decode(cmd.args || []), (err, ...answer) => {
        if (err) {
          reject(failure());
        } else {
          resolve(encode(answer));
        }
      });
    });
  },

  async ackPolicy(cmd) {
    const state = stateOf(cmd);
    if (cmd.answer === null || cmd.answer === undefined) {
      state.ackPolicies.delete(cmd.event);
    } else {
      state.ackPolicies.set(cmd.event, { answer: cmd.answer, delayMs: Number(cmd.delayMs) || 0 });
    }
    return null;
  },

  async poll(cmd) {
    const state = stateOf(cmd);
    return waitFor(state, () => {
      const queue = state.events.get(cmd.event);
      return queue && queue.length > 0 ? queue.shift() : undefined;
    }, waitMs(cmd));
  },

  async drain(cmd) {
    const state = stateOf(cmd);
    const queue = state.events.get(cmd.event) || [];
    state.events.set(cmd.event, []);
    return queue;
  },

  async state(cmd) {
    const s = stateOf(cmd);
    return {
      id: s.socket.id === undefined ? null : s.socket.id,
      connected: s.socket.connected,
      ackPackets: s.ackPackets,
      disconnectReason: s.disconnectReason === undefined ? null : s.disconnectReason,
      closeReason: s.closeReason === undefined ? null : s.closeReason,
    };
  },

  async disconnectReason(cmd) {
    const state = stateOf(cmd);
    return waitFor(state, () => state.disconnectReason, waitMs(cmd));
  },

  async closeReason(cmd) {
    const state = stateOf(cmd);
    return waitFor(state, () => state.closeReason, waitMs(cmd));
  },

  async disconnect(cmd) {
    stateOf(cmd).socket.disconnect();
    return null;
  },

  async dropConnection(cmd) {
    const engine = stateOf(cmd).manager.engine;
    if (engine) {
      engine.close();
    }
    return null;
  },

  async raw(cmd) {
    const engine = stateOf(cmd).manager.engine;
    if (!engine) {
      throw new Error("no connection");
    }
    engine.send(cmd.text);
    return null;
  },

  async freeze(cmd) {
    const ms = Math.min(Number(cmd.ms) || 0, MAX_WAIT_MS);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    return null;
  },

  async close(cmd) {
    const state = sockets.get(cmd.socket);
    if (state) {
      closeManager(state.manager);
    }
    return null;
  },
};

/** Closes a connection and forgets every socket over it. */
function closeManager(manager) {
  for (const [handle, s] of sockets) {
    if (s.manager === manager) {
      sockets.delete(handle);
      try {
        s.socket.disconnect();
      } catch (e) {
        process.stderr.write(`agent: disconnect of ${handle} failed: ${e}\n`);
      }
    }
  }
  try {
    (manager._close || manager.close).call(manager); // 2.x has close() only
  } catch (e) {
    process.stderr.write(`agent: closing a connection failed: ${e}\n`);
  }
}

// --- the command loop

function answer(message) {
  process.stdout.write(JSON.stringify(message) + "\n");
}

async function run(line) {
  let cmd;
  try {
    cmd = JSON.parse(line);
  } catch (e) {
    process.stderr.write(`agent: not JSON: ${line}\n`);
    return;
  }
  const handler = commands[cmd.cmd];
  if (!handler) {
    answer({ id: cmd.id, ok: false, error: `unknown command ${cmd.cmd}` });
    return;
  }
  try {
    const result = await handler(cmd);
    answer({ id: cmd.id, ok: true, result: result === undefined ? null : result });
  } catch (e) {
    answer({ id: cmd.id, ok: false, error: String(e && e.message ? e.message : e) });
  }
}

process.on("uncaughtException", (e) => {
  process.stderr.write(`agent: uncaught ${e && e.stack ? e.stack : e}\n`);
});
process.on("unhandledRejection", (e) => {
  process.stderr.write(`agent: unhandled rejection ${e && e.stack ? e.stack : e}\n`);
});

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
  if (line.trim() !== "") {
    run(line);
  }
});
lines.on("close", () => {
  for (const s of sockets.values()) {
    closeManager(s.manager);
  }
  process.exit(0);
});
