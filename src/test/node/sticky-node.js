// A plain Node.js socket.io 4.8 server (no cluster) behind nginx in ClusterIT's sticky-session test:
// on namespace /cluster, "whoami" answers "node". Usage: node sticky-node.js <port> <path>;
// prints "listening <port>" once it serves.
"use strict";
const http = require("http");
const { Server } = require("socket.io");

const port = Number(process.argv[2]);
const path = process.argv[3];
const server = http.createServer();
const io = new Server(server, { path });
io.of("/cluster").on("connection", (socket) => {
  socket.on("whoami", (ack) => ack("node"));
});
server.listen(port, "127.0.0.1", () => console.log("listening " + port));
