// Clients of ClusterIT's sticky-session test, each from its own source address (127.0.0.<2..N+1>),
// speaking Engine.IO by hand through nginx: long-polling handshake, CONNECT to /cluster, "whoami"
// over polling, then the upgrade to WebSocket (probe, upgrade) and "whoami" again over it. Prints one
// JSON line: [{address, polling, websocket}] (the node names), or {error} for a client that failed.
// Usage: node sticky-clients.js <http://127.0.0.1:port> <path ending in /> <clients>
"use strict";
const http = require("http");
const WebSocket = require("ws");

const [base, path, count] = [process.argv[2], process.argv[3], Number(process.argv[4])];
const url = new URL(base);

function request(method, query, body, localAddress) {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: url.hostname, port: url.port, method, localAddress, agent: false,
      path: `${path}?EIO=4&transport=polling&${query}`,
      headers: body === undefined ? {} : { "Content-Type": "text/plain;charset=UTF-8" },
      timeout: 10000,
    }, (res) => {
      let data = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (data += c));
      res.on("end", () => (res.statusCode === 200 ? resolve(data) : reject(new Error(`${method} ${res.statusCode}: ${data}`))));
    });
    req.on("error", reject);
    req.on("timeout", () => req.destroy(new Error("timeout")));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** GETs until a packet starting with prefix comes (a poll may bring pings or several packets). */
async function pollFor(sid, prefix, localAddress) {
  for (let i = 0; i < 10; i++) {
    const packets = (await request("GET", `sid=${sid}`, undefined, localAddress)).split("\x1e");
    const found = packets.find((p) => p.startsWith(prefix));
    if (found) return found;
  }
  throw new Error("no " + prefix);
}

async function client(i) {
  const localAddress = `127.0.0.${i + 2}`;
  const open = await request("GET", "", undefined, localAddress);
  const sid = JSON.parse(open.slice(1)).sid;
  await request("POST", `sid=${sid}`, "40/cluster,", localAddress);
  await pollFor(sid, "40/cluster,", localAddress);
  await request("POST", `sid=${sid}`, '42/cluster,1["whoami"]', localAddress);
  const polling = JSON.parse((await pollFor(sid, "43/cluster,1", localAddress)).slice("43/cluster,1".length))[0];
  const ws = new WebSocket(`ws://${url.host}${path}?EIO=4&transport=websocket&sid=${sid}`, { localAddress });
  const frames = [];
  let waiting = null;
  ws.on("message", (m) => {
    frames.push(m.toString());
    if (waiting) waiting();
  });
  const next = (prefix) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no " + prefix + " over WebSocket")), 10000);
    const check = () => {
      const k = frames.findIndex((f) => f.startsWith(prefix));
      if (k >= 0) {
        clearTimeout(timer);
        waiting = null;
        resolve(frames.splice(k, 1)[0]);
      } else {
        waiting = check;
      }
    };
    check();
  });
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  ws.send("2probe");
  await next("3probe");
  ws.send("5");
  ws.send('42/cluster,2["whoami"]');
  const websocket = JSON.parse((await next("43/cluster,2")).slice("43/cluster,2".length))[0];
  ws.close();
  return { address: localAddress, polling, websocket };
}

Promise.all([...Array(count).keys()].map((i) => client(i).catch((e) => ({ address: `127.0.0.${i + 2}`, error: e.message }))))
  .then((results) => {
    console.log(JSON.stringify(results));
    process.exit(0);
  });
