// The reference side of src/bench/cluster.sh: npm socket.io 4.8 with @socket.io/redis-adapter 8.3,
// answering ../shared/bench/CONTRACT.md's join, leave, blast and echo as its servers/node-server.js
// does. Usage: node node-cluster-server.js <port> <redis url> [sharded]  (sharded: createShardedAdapter)
"use strict";
const http = require("http");
const { Server } = require("socket.io");
const { createAdapter, createShardedAdapter } = require("@socket.io/redis-adapter");
const { createClient } = require("redis");

const port = Number(process.argv[2]);
const url = process.argv[3];
const sharded = process.argv[4] === "sharded";

async function main() {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  for (const c of [pub, sub]) c.on("error", (e) => console.error("redis:", e.message));
  await Promise.all([pub.connect(), sub.connect()]);
  const httpServer = http.createServer();
  const adapter = sharded ? createShardedAdapter(pub, sub) : createAdapter(pub, sub);
  const io = new Server(httpServer, { adapter, maxHttpBufferSize: 1e7 });
  const pads = new Map();
  const pad = (n) => {
    if (!pads.has(n)) pads.set(n, "x".repeat(n));
    return pads.get(n);
  };
  io.on("connection", (socket) => {
    socket.on("echo", (...args) => {
      const ack = typeof args[args.length - 1] === "function" ? args.pop() : null;
      if (ack) ack(...args);
      else socket.emit("echo", ...args);
    });
    socket.on("join", (o, ack) => {
      const room = typeof o === "string" ? o : String(o && o.room);
      socket.join(room);
      if (typeof ack === "function") ack({ ok: true, room });
    });
    socket.on("leave", (o, ack) => {
      socket.leave(typeof o === "string" ? o : String(o && o.room));
      if (typeof ack === "function") ack({ ok: true });
    });
    socket.on("blast", (o, ack) => {
      const count = Math.max(0, Math.min(Number(o.count) || 0, 1000000));
      const p = pad(Math.max(0, Math.min(Number(o.size) || 0, 1 << 20)));
      const id = o.id === undefined ? null : o.id;
      const t = o.t === undefined ? null : o.t;
      const target = io.to(String(o.room));
      for (let seq = 0; seq < count; seq++) target.emit("tick", { id, seq, t, p });
      if (typeof ack === "function") ack({ ok: true, sent: count });
    });
  });
  httpServer.listen(port, "127.0.0.1", () => console.error(`[node-cluster-server] listening on ${port} pid=${process.pid}`));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
