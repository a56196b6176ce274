// A Node.js node of the cluster test (ClusterIT): socket.io 4.8 with @socket.io/redis-adapter 8.3 on
// a Redis server, answering on namespace /cluster the same events as the Socketeer nodes
// (ClusterHandlers.java, server-side events "hello" and "note" included), plus "emitter" (an
// @socket.io/redis-emitter 5.1 broadcast).
// Usage: node cluster-node.js <port> <redis url> [classic|sharded|streams|streams-sharded|streams-recovery]; prints
// "listening <port>" once it serves. sharded: createShardedAdapter (Redis 7 sharded Pub/Sub),
// subscription mode "dynamic"; streams: @socket.io/redis-streams-adapter 0.3 (defaults: stream
// "socket.io", maxLen 10000); streams-sharded: with useShardedPubSub; streams-recovery: with
// connectionStateRecovery on. A fifth
// argument sets the streams adapter's streamName and channelPrefix (another cluster on the same Redis).
"use strict";
const http = require("http");
const { Server } = require("socket.io");
const { createAdapter, createShardedAdapter } = require("@socket.io/redis-adapter");
const { Emitter } = require("@socket.io/redis-emitter");
const { createClient } = require("redis");
const streamsAdapter = require("@socket.io/redis-streams-adapter");

const port = Number(process.argv[2]);
const url = process.argv[3];
const mode = process.argv[4] || "classic";
const sharded = mode === "sharded";
const streams = mode.startsWith("streams");

async function main() {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  const emitterClient = pub.duplicate();
  for (const c of [pub, sub, emitterClient]) {
    c.on("error", (e) => console.error("redis:", e.message));
  }
  await Promise.all([pub.connect(), sub.connect(), emitterClient.connect()]);
  const server = http.createServer();
  const prefix = process.argv[5];
  const streamsOptions = prefix ? { streamName: prefix, channelPrefix: prefix } : {};
  if (mode === "streams-sharded") {
    streamsOptions.useShardedPubSub = true;
  }
  const adapter = streams ? streamsAdapter.createAdapter(pub, streamsOptions)
    : sharded ? createShardedAdapter(pub, sub, { subscriptionMode: "dynamic" })
    : createAdapter(pub, sub, { requestsTimeout: 3000 });
  const io = new Server(server, mode === "streams-recovery" ? { adapter, connectionStateRecovery: {} } : { adapter });
  const emitter = new Emitter(emitterClient).of("/cluster");
  const nsp = io.of("/cluster");
  let lastNote = "none";
  nsp.on("hello", (text, callback) => callback("node got " + text));
  nsp.on("note", (text) => { lastNote = text; });
  nsp.on("connection", (socket) => {
    socket.on("sync", (ack) => ack());
    socket.on("join", (room, ack) => { socket.join(room); ack(); });
    socket.on("set", (key, value, ack) => { socket.data[key] = value; ack(); });
    socket.on("state", (ack) => ack({ id: socket.id, recovered: socket.recovered, rooms: [...socket.rooms].sort(),
      data: socket.data }));
    socket.on("shout", (room, ...rest) => {
      const ack = rest.pop();
      nsp.to(room).emit("news", ...rest);
      ack();
    });
    socket.on("fetch", async (room, ack) => {
      try {
        const sockets = await nsp.in(room).fetchSockets();
        ack(sockets.map((s) => s.id).sort());
      } catch (e) {
        ack("failed: " + e.message);
      }
    });
    socket.on("sockets-join", (room, newRoom, ack) => { nsp.in(room).socketsJoin(newRoom); ack(); });
    socket.on("sockets-leave", (room, oldRoom, ack) => { nsp.in(room).socketsLeave(oldRoom); ack(); });
    socket.on("tell", async (room, text, ack) => {
      try {
        const sockets = await nsp.in(room).fetchSockets();
        for (const s of sockets) s.emit("told", text);
        ack(sockets.length);
      } catch (e) {
        ack("failed: " + e.message);
      }
    });
    socket.on("disconnect-room", (room, ack) => { nsp.in(room).disconnectSockets(true); ack(); });
    socket.on("ask", (room, ack) => {
      nsp.to(room).timeout(3000).emit("question", (err, answers) => {
        ack(err ? "failed: " + err.message : answers.map(String).sort());
      });
    });
    socket.on("say-hello", async (text, ack) => {
      try {
        const answers = await nsp.serverSideEmitWithAck("hello", text);
        ack(answers.map(String).sort());
      } catch (e) {
        ack("failed: " + e.message);
      }
    });
    socket.on("send-note", (text, ack) => { nsp.serverSideEmit("note", text); ack(); });
    socket.on("last-note", (ack) => ack(lastNote));
    socket.on("all-rooms", async (prefix, ack) => {
      const rooms = await nsp.adapter.allRooms();
      ack([...rooms].filter((r) => r.startsWith(prefix)).sort());
    });
    socket.on("server-count", async (ack) => ack(await nsp.adapter.serverCount()));
    socket.on("emitter", (room, ...rest) => {
      const ack = rest.pop();
      emitter.to(room).emit("news", ...rest);
      ack();
    });
  });
  server.listen(port, "127.0.0.1", () => console.log("listening " + port));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
