#!/usr/bin/env node
/*
 * The Socket.IO Admin UI against Socketeer, with the dashboard's own client-side protocol: a
 * socket.io-client 4.8 socket on the admin namespace opened as the dashboard opens it (@socket.io/admin-ui
 * 0.5.1, ui/dist: forceNew, no reconnection, withCredentials, transports polling then websocket, the
 * path of its form, auth {username, password} or {sessionId}), and the events it listens to (session,
 * config, all_sockets, server_stats, socket_connected, socket_updated, socket_disconnected,
 * room_joined, room_left, event_received, event_sent) and the actions it sends (join, leave,
 * _disconnect, emit), while ordinary official clients connect, join rooms, emit, upgrade and leave.
 * AdminUiIT runs it against its deployments (handlers: io.socketeer.it.admin.AdminUiHandlers):
 *
 *   node admin-ui.js <origin> <socket.io path> auth <admin namespace> <password> [<page URL> [screenshot]]
 *   node admin-ui.js <origin> <socket.io path> readonly <admin namespace>          # no auth, read-only
 *   node admin-ui.js <origin> <socket.io path> demo <admin namespace> '' <page URL> [screenshot]
 *
 * "auth": basic authentication and the actions; then, with a page URL, the dashboard's page (served
 * from the WAR) in Debian's headless Chromium (playwright-core; CHROMIUM, default /usr/bin/chromium):
 * it logs in through its form and lists the sockets and rooms. "demo": the same page in the demo WAR,
 * as README.md tells to open it (no password, the admin namespace set in the form's advanced
 * options after the dashboard's first try on /admin, which the demo refuses), with two chat users. Prints "ok"/"not ok" per check, ends with "N passed, N failed", exits non-zero
 * when a check failed.
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { io } = require('socket.io-client');

const [origin, socketPath, mode, adminNsp = '/admin', password = '', pageUrl, screenshot] = process.argv.slice(2);
const WAIT = 10000;
const STATS_WAIT = 8000;      // server_stats come every 2 s

let passed = 0;
let failed = 0;
const sockets = [];

function check(name, condition, detail) {
  if (condition) {
    passed++;
    console.log('ok - ' + name);
  } else {
    failed++;
    console.log('not ok - ' + name + (detail !== undefined ? ': ' + JSON.stringify(detail) : ''));
  }
}

function timeout(ms, what) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after ' + ms + ' ms: ' + what)), ms));
}

/** An ordinary client of "/": resolves once connected. */
function client(name, transports, auth) {
  const s = io(origin, { path: socketPath, forceNew: true, reconnection: false, transports, query: { name }, auth });
  sockets.push(s);
  return Promise.race([new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  }), timeout(15000, name + ' connects')]);
}

/**
 * A socket on the admin namespace opened as the dashboard's tryConnect() opens it, with every event
 * it receives kept in order (socket.log) so that a check can wait for one that may have come already.
 */
function dashboard(auth, transports = ['polling', 'websocket']) {
  const s = io(origin + adminNsp, {
    forceNew: true, reconnection: false, withCredentials: true, transports, path: socketPath, auth,
  });
  sockets.push(s);
  s.log = [];
  s.waiters = [];
  s.onAny((event, ...args) => {
    s.log.push({ event, args, at: Date.now() });
    for (const w of s.waiters.slice()) w();
  });
  return s;
}

function connected(s) {
  return Promise.race([new Promise((resolve, reject) => {
    if (s.connected) return resolve(s);
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  }), timeout(15000, 'the dashboard connects')]);
}

/** The first event of the log (from index `from`) named `event` whose arguments satisfy `pred`. */
function waitFor(s, event, pred = () => true, ms = WAIT, from = 0) {
  return new Promise((resolve, reject) => {
    const find = () => {
      for (let i = from; i < s.log.length; i++) {
        const e = s.log[i];
        if (e.event === event && pred(...e.args)) return e;
      }
      return null;
    };
    const found = find();
    if (found) return resolve(found.args);
    const waiter = () => {
      const f = find();
      if (f) {
        clearTimeout(timer);
        s.waiters.splice(s.waiters.indexOf(waiter), 1);
        resolve(f.args);
      }
    };
    const timer = setTimeout(() => {
      s.waiters.splice(s.waiters.indexOf(waiter), 1);
      reject(new Error('no ' + event + ' within ' + ms + ' ms; got ' + s.log.map((e) => e.event).join(', ')));
    }, ms);
    s.waiters.push(waiter);
  });
}

function ack(s, event, ...args) {
  return Promise.race([s.emitWithAck(event, ...args), timeout(WAIT, event + ' answered')]);
}

function once(s, event, ms = WAIT) {
  return Promise.race([new Promise((resolve) => s.once(event, (...a) => resolve(a))), timeout(ms, event)]);
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** A CONNECT to the admin namespace over raw long-polling: the exact frame the server answers. */
async function rawConnect(authJson) {
  const base = origin + socketPath + '/?EIO=4&transport=polling';
  const open = await (await fetch(base)).text();
  const sid = JSON.parse(open.slice(1)).sid;
  const at = base + '&sid=' + sid;
  await fetch(at, { method: 'POST', body: '40' + adminNsp + ',' + authJson });
  const answer = await (await fetch(at)).text();
  await fetch(at, { method: 'POST', body: '1' });    // closes the session
  return answer;
}

async function authScenario() {
  // ordinary clients: one upgrading, one on WebSocket only, one on long-polling only
  const alice = await client('alice', ['polling', 'websocket']);
  const bob = await client('bob', ['websocket']);
  const carol = await client('carol', ['polling']);
  const [aliceId, bobId, carolId] = [alice.id, bob.id, carol.id];   // a client forgets its id when it disconnects
  await ack(alice, 'join', 'lobby');
  await ack(carol, 'join', 'lobby');
  if (alice.io.engine.transport.name !== 'websocket') await once(alice.io.engine, 'upgrade');

  // a wrong password: the exact CONNECT_ERROR, then what the dashboard's client sees
  const wrong = await rawConnect(JSON.stringify({ username: 'admin', password: password + 'x' }));
  check('a wrong password gets 44' + adminNsp + ',{"message":"invalid credentials"}',
    wrong === '44' + adminNsp + ',{"message":"invalid credentials"}', wrong);
  const nobody = await rawConnect(JSON.stringify({ username: 'root', password }));
  check('an unknown username gets the same CONNECT_ERROR', nobody === wrong, nobody);
  const refused = dashboard({ username: 'admin', password: 'not-' + password });
  try {
    await connected(refused);
    check('the dashboard client is refused with a wrong password', false);
  } catch (e) {
    check('the dashboard client gets connect_error "invalid credentials"', e.message === 'invalid credentials', e.message);
  }
  refused.close();

  // the right password
  const dash = dashboard({ username: 'admin', password });
  await connected(dash);
  check('the dashboard logs in with the password of the bcrypt hash', dash.connected);
  const [sessionId] = await waitFor(dash, 'session');
  check('it gets a session id', /^[0-9a-f]{16}$/.test(sessionId), sessionId);
  const [config] = await waitFor(dash, 'config');
  check('config lists the actions and both kinds of events',
    JSON.stringify(config.supportedFeatures) === JSON.stringify(['EMIT', 'JOIN', 'LEAVE', 'DISCONNECT', 'MJOIN',
      'MLEAVE', 'MDISCONNECT', 'AGGREGATED_EVENTS', 'ALL_EVENTS']), config);
  const [all] = await waitFor(dash, 'all_sockets');
  const find = (id) => all.find((s) => s.id === id && s.nsp === '/');
  const a = find(aliceId);
  const b = find(bobId);
  const c = find(carolId);
  check('all_sockets lists the three clients of "/"', a && b && c, all.map((s) => s.nsp + ' ' + s.id));
  check('... with their rooms', a && JSON.stringify(a.rooms.sort()) === JSON.stringify([aliceId, 'lobby'].sort())
    && b && JSON.stringify(b.rooms) === JSON.stringify([bobId]), [a && a.rooms, b && b.rooms]);
  check('... their transports', a && a.transport === 'websocket' && b && b.transport === 'websocket'
    && c && c.transport === 'polling', [a && a.transport, b && b.transport, c && c.transport]);
  check('... their connection ids (12 characters of the Engine.IO sid)',
    a && a.clientId === alice.io.engine.id.substring(0, 12), a && a.clientId);
  check('... and their handshakes (query, address, ISO time; no auth)', a && a.handshake.query.name === 'alice'
    && typeof a.handshake.address === 'string' && ISO.test(a.handshake.time) && !('auth' in a.handshake)
    && typeof a.handshake.issued === 'number', a && a.handshake);
  check('all_sockets lists the dashboard itself in ' + adminNsp, all.some((s) => s.id === dash.id && s.nsp === adminNsp));

  // server_stats: 4 connections (3 clients and the dashboard), 1 on long-polling (carol)
  const statsFrom = dash.log.length;
  const [stats] = await waitFor(dash, 'server_stats', (s) => s.clientsCount === 4 && s.pollingClientsCount === 1,
    STATS_WAIT, statsFrom).catch((e) => [null, e]);
  const last = dash.log.filter((e) => e.event === 'server_stats').pop();
  check('server_stats counts 4 clients, 1 of them on long-polling', stats !== null, last && last.args[0]);
  if (stats) {
    const nsps = Object.fromEntries(stats.namespaces.map((n) => [n.name, n.socketsCount]));
    check('... 3 sockets in "/" and 1 in ' + adminNsp, nsps['/'] === 3 && nsps[adminNsp] === 1, stats.namespaces);
    check('... with the server id, host name, pid and uptime', stats.serverId === 'it-node'
      && typeof stats.hostname === 'string' && stats.pid > 0 && stats.uptime > 0, stats);
  }
  // aggregated events: the connections and packets since the last stats
  const before = dash.log.length;
  const extra = await client('dave-counted', ['websocket']);
  await ack(extra, 'rooms');
  // a second's counts may come in the next stats: the union of those since the connection
  const aggregated = () => dash.log.slice(before).filter((e) => e.event === 'server_stats')
    .flatMap((e) => e.args[0].aggregatedEvents);
  const wanted = ['rawConnection', 'packetsIn', 'packetsOut', 'bytesIn', 'bytesOut'];
  await waitFor(dash, 'server_stats', () => wanted.every((t) => aggregated().some((e) => e.type === t)), STATS_WAIT, before)
    .catch(() => null);
  check('aggregatedEvents count connections, packets and bytes per second',
    wanted.every((t) => aggregated().some((e) => e.type === t))
    && aggregated().every((e) => e.timestamp % 1000 === 0 && e.count > 0), aggregated());
  extra.disconnect();
  // the client closed its connection: "transport close" (a container may report it as an error)
  await waitFor(dash, 'server_stats', (s) => s.aggregatedEvents.some((e) => e.type === 'rawDisconnection'
    && ['transport close', 'transport error'].includes(e.subType)), STATS_WAIT, before)
    .then(() => check('a disconnection is counted with its reason', true))
    .catch((e) => check('a disconnection is counted with its reason', false, e.message));

  // a client's whole life, as the dashboard sees it
  const from = dash.log.length;
  const dave = await client('dave', ['polling', 'websocket']);
  const daveId = dave.id;
  const [sc, scAt] = await waitFor(dash, 'socket_connected', (s) => s.id === daveId, WAIT, from);
  check('socket_connected with the socket and a date', sc.nsp === '/' && sc.transport === 'polling'
    && sc.handshake.query.name === 'dave' && ISO.test(scAt), [sc, scAt]);
  const [own] = await waitFor(dash, 'room_joined', (n, room, id) => id === daveId && room === daveId, WAIT, from);
  check('room_joined for its own room', own === '/');
  const [upd] = await waitFor(dash, 'socket_updated', (u) => u.id === daveId, WAIT, from);
  check('socket_updated when it upgrades', upd.nsp === '/' && upd.transport === 'websocket', upd);
  await ack(dave, 'join', 'room1');
  const joined = await waitFor(dash, 'room_joined', (n, room, id) => id === daveId && room === 'room1', WAIT, from);
  check('room_joined when it joins a room', joined[0] === '/' && ISO.test(joined[3]), joined);
  dave.emit('hello', { n: 1 }, 'two');
  const rec = await waitFor(dash, 'event_received', (n, id, args) => id === daveId && args[0] === 'hello', WAIT, from);
  check('event_received with the event and its arguments', rec[0] === '/'
    && JSON.stringify(rec[2]) === JSON.stringify(['hello', { n: 1 }, 'two']) && ISO.test(rec[3]), rec);
  const sent = await waitFor(dash, 'event_sent', (n, id, args) => id === daveId && args[0] === 'welcome', WAIT, from);
  check('event_sent for what the server emits to it', JSON.stringify(sent[2]) === JSON.stringify(['welcome', { n: 1 }]), sent);
  await ack(dave, 'leave', 'room1');
  const left = await waitFor(dash, 'room_left', (n, room, id) => id === daveId && room === 'room1', WAIT, from);
  check('room_left when it leaves', left[0] === '/', left);
  dave.disconnect();
  const gone = await waitFor(dash, 'socket_disconnected', (n, id) => id === daveId, WAIT, from);
  check('socket_disconnected with the reason', gone[0] === '/' && gone[2] === 'client namespace disconnect'
    && ISO.test(gone[3]), gone);

  // the dashboard's actions act on the real clients
  dash.emit('join', '/', 'vip', aliceId);
  await waitFor(dash, 'room_joined', (n, room, id) => room === 'vip' && id === aliceId, WAIT, from);
  const aliceRooms = await ack(alice, 'rooms');
  check('join: the client is in the room', aliceRooms.includes('vip'), aliceRooms);
  const shouted = once(alice, 'shouted');
  await ack(bob, 'shout', 'vip');
  check('... and gets what is broadcast to it', (await shouted)[0] === 'vip');
  dash.emit('join', '/', 'everyone');
  await waitFor(dash, 'room_joined', (n, room, id) => room === 'everyone' && id === carolId, WAIT, from);
  check('join without a filter: every socket of the namespace', (await ack(bob, 'rooms')).includes('everyone')
    && (await ack(carol, 'rooms')).includes('everyone'));
  dash.emit('leave', '/', 'vip', aliceId);
  await waitFor(dash, 'room_left', (n, room, id) => room === 'vip' && id === aliceId, WAIT, from);
  check('leave: the client is out of the room', !(await ack(alice, 'rooms')).includes('vip'));
  const told = once(alice, 'notice');
  dash.emit('emit', '/', aliceId, 'notice', 'from the dashboard');
  check('emit: the client gets the event', (await told)[0] === 'from the dashboard');
  const bobGone = once(bob, 'disconnect');
  dash.emit('_disconnect', '/', false, bobId);
  check('_disconnect: the client is disconnected by the server', (await bobGone)[0] === 'io server disconnect');
  const bobSeen = await waitFor(dash, 'socket_disconnected', (n, id) => id === bobId, WAIT, from);
  check('... and the dashboard sees why', bobSeen[2] === 'server namespace disconnect', bobSeen);
  check('... the others stay', alice.connected && carol.connected);

  // the session id logs in again without the password (the dashboard's reload); a made-up one does not
  const again = dashboard({ sessionId });
  await connected(again);
  check('the session id logs in without the password', again.connected);
  const forged = await rawConnect(JSON.stringify({ sessionId: '0123456789abcdef' }));
  check('a made-up session id is refused', forged === wrong, forged);
}

async function readonlyScenario() {
  const erin = await client('erin', ['websocket']);
  const dash = dashboard({});
  await connected(dash);
  check('no authentication: the dashboard connects with an empty auth', dash.connected);
  check('no session id is handed out', !dash.log.some((e) => e.event === 'session'));
  const [config] = await waitFor(dash, 'config');
  check('read-only: config offers no action', JSON.stringify(config.supportedFeatures)
    === JSON.stringify(['AGGREGATED_EVENTS', 'ALL_EVENTS']), config);
  const [all] = await waitFor(dash, 'all_sockets');
  check('all_sockets lists the client', all.some((s) => s.id === erin.id && s.nsp === '/'), all);
  dash.emit('join', '/', 'vip', erin.id);
  dash.emit('emit', '/', erin.id, 'notice', 'refused');
  dash.emit('_disconnect', '/', true, erin.id);
  // packets of one connection are handled in order: two stats later, the actions were long refused
  const from = dash.log.length;
  await waitFor(dash, 'server_stats', () => true, STATS_WAIT, from);
  const second = dash.log.length;
  await waitFor(dash, 'server_stats', () => true, STATS_WAIT, second);
  let notices = 0;
  erin.on('notice', () => notices++);
  const rooms = await ack(erin, 'rooms');
  check('read-only: join is refused', !rooms.includes('vip'), rooms);
  check('read-only: _disconnect is refused', erin.connected);
  check('read-only: emit is refused', notices === 0 && !dash.log.some((e) => e.event === 'room_joined'
    && e.args[1] === 'vip'));
}

/**
 * The dashboard's page in Chromium: logs in through its form (username and password, or none) on
 * the admin namespace, then its sockets page lists `ids` and its rooms page `room`.
 */
async function browserScenario({ username, ids, room, firstTryRefused }) {
  const { chromium } = require('playwright-core');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-ui-chromium-'));
  const browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const foreign = [];
  const errors = [];
  try {
    const page = browser.pages()[0] || await browser.newPage();
    const pageOrigin = new URL(pageUrl).origin;
    page.on('request', (r) => { if (!r.url().startsWith(pageOrigin + '/') && !r.url().startsWith('data:')) foreign.push(r.url()); });
    page.on('websocket', (ws) => { if (!ws.url().includes(new URL(pageUrl).host)) foreign.push(ws.url()); });
    page.on('pageerror', (e) => errors.push(e.message));
    const response = await page.goto(pageUrl);
    check('the dashboard page loads from the WAR', response && response.status() === 200, response && response.status());
    // the login form, with this page's server and path proposed; the namespace under "advanced options"
    const serverUrl = page.getByLabel('Server URL');
    await serverUrl.waitFor({ timeout: WAIT });
    check('the form proposes this server', (await serverUrl.inputValue()) === pageOrigin, await serverUrl.inputValue());
    if (firstTryRefused) {
      // the dashboard tried the page's server on its default namespace at once: the demo's /admin refused it
      const tried = await page.evaluate(() => performance.getEntriesByType('resource')
        .some((r) => r.name.includes('transport=polling')));
      check('the dashboard tried its default namespace first (refused: the form is open)', tried);
    }
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByText('Advanced options').click();
    const nspField = page.getByLabel('Admin namespace');
    await nspField.fill(adminNsp);
    const pathField = page.getByLabel('Path');
    check('... and the Socket.IO path beside the page', (await pathField.inputValue()) === socketPath,
      await pathField.inputValue());
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByLabel('Server URL').waitFor({ state: 'hidden', timeout: WAIT });
    check('it logs in (the form closes)', true);
    await page.goto(new URL('#/sockets/', pageUrl).href);
    await page.getByText(ids[0]).first().waitFor({ timeout: WAIT });
    check('the sockets page lists the first client', true);
    await page.getByText(ids[1]).first().waitFor({ timeout: WAIT });
    check('... and the second', true);
    await page.screenshot({ path: screenshot || path.join(os.tmpdir(), 'admin-ui.png'), fullPage: true });
    await page.goto(new URL('#/rooms/', pageUrl).href);
    await page.getByText(room, { exact: true }).first().waitFor({ timeout: WAIT });
    check('the rooms page lists ' + room, true);
    const icons = await page.evaluate(() => document.fonts.check('16px "Material Design Icons"'));
    check('the icon font is the one served beside the page', icons);
    check('nothing was loaded from another origin', foreign.length === 0, foreign);
    check('no error on the page', errors.length === 0, errors);
  } finally {
    await browser.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

(async () => {
  try {
    if (mode === 'auth') {
      await authScenario();
      if (pageUrl) {
        const alice = await client('alice', ['polling', 'websocket']);
        await ack(alice, 'join', 'lobby');
        const bob = await client('bob', ['polling']);
        await browserScenario({ username: 'admin', ids: [alice.id, bob.id], room: 'lobby' });
      }
    } else if (mode === 'readonly') {
      await readonlyScenario();
    } else if (mode === 'demo') {
      // two users of the demo chat (its middleware wants a nickname; it puts them in room:lobby)
      const alice = await client('alice', ['polling', 'websocket'], { nickname: 'alice' });
      const bob = await client('bob', ['polling'], { nickname: 'bob' });
      await browserScenario({ username: '', ids: [alice.id, bob.id], room: 'room:lobby', firstTryRefused: true });
    } else {
      throw new Error('mode: auth, readonly or demo, not ' + mode);
    }
  } catch (e) {
    check('the scenario runs to its end', false, e.stack || String(e));
  } finally {
    for (const s of sockets) s.close();
  }
  console.log(passed + ' passed, ' + failed + ' failed');
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
})();
