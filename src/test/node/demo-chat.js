#!/usr/bin/env node
/*
 * End-to-end check of the demo chat: a real browser (headless Chromium driven by playwright-core)
 * and the official Node.js client (socket.io-client) talk to each other through the running demo.
 * Then a second page forced to long-polling (?transport=polling) and the first page (upgraded to
 * WebSocket) meet in a room of their own: messages with delivery ticks both ways, each other in the
 * users list, typing indicators, one leaves; a third page checks ?transport=websocket. An /admin
 * client waits for the scheduled "stats" event (io.socketeer.demo.AdminStats, every 10 s by default).
 * DemoChatIT runs it in the in-container suite (mvn -B verify -Ppayara) against the demo WAR on Payara
 * Micro, with the clients the build installs in target/test-clients. By hand, against a running demo:
 *
 *   mvn -B -q package payara-micro:start -Dport=8181              # in another terminal (ready in ~25 s)
 *   apt-get install -y chromium                                    # Debian's Chromium, as root
 *   mvn -B -q -Ppayara process-test-resources                      # npm ci of src/test/node into target/
 *   NODE_PATH=target/test-clients/node_modules node src/test/node/demo-chat.js http://127.0.0.1:8181/ [/tmp/demo-chat.png]
 *
 * The URL is the page's (any context root, e.g. http://127.0.0.1:8181/chat/); the second argument is
 * where the screenshot goes (default /tmp/demo-chat.png; saved beside it: a narrow-screen one with
 * -mobile in its name, and the two pages in their room with -room-websocket and -room-polling). The
 * admin token is taken from ADMIN_TOKEN (default "admin"), Chromium from CHROMIUM (default
 * /usr/bin/chromium), the longest wait for the first "stats" event after the /admin client connects
 * from STATS_WAIT_MS (default 15000: the default interval and 5 s to spare). Prints "ok"/"not ok"
 * per check and ends with "N passed, N failed"; exits non-zero when a check failed.
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { io } = require('socket.io-client');
const { chromium } = require('playwright-core');

const pageUrl = new URL(process.argv[2] || 'http://127.0.0.1:8181/');
if (!pageUrl.pathname.endsWith('/')) pageUrl.pathname += '/';
const screenshot = process.argv[3] || '/tmp/demo-chat.png';
const adminToken = process.env.ADMIN_TOKEN || 'admin';
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const origin = pageUrl.origin;
const socketPath = pageUrl.pathname + 'socket.io';
const WAIT = 10000;
const STATS_WAIT = Number(process.env.STATS_WAIT_MS || 15000);
const ROOM = 'sockets-lab';     // the room the two pages meet in

let passed = 0;
let failed = 0;
const clients = [];
const started = Date.now();
const timings = [];

/** Notes how long the script has run when a part of it ends. */
function lap(part) {
  timings.push(part + ' ' + ((Date.now() - started) / 1000).toFixed(1) + ' s');
}

function check(name, condition, detail) {
  if (condition) {
    passed++;
    console.log('ok - ' + name);
  } else {
    failed++;
    console.log('not ok - ' + name + (detail !== undefined ? ': ' + detail : ''));
  }
}

/** A Node.js client of the demo (namespace "/" or "/admin"). */
function client(auth, nsp = '/') {
  const s = io(origin + (nsp === '/' ? '' : nsp), { path: socketPath, auth, reconnection: false });
  clients.push(s);
  return s;
}

/** The next `event` on `socket` whose first argument passes `test`. */
function next(socket, event, test = () => true, timeout = WAIT) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error('no "' + event + '" within ' + timeout + ' ms'));
    }, timeout);
    function listener(arg) {
      if (!test(arg)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(arg);
    }
    socket.on(event, listener);
  });
}

/** Emits with an acknowledgement and resolves with the answer. */
function ask(socket, event, ...args) {
  return socket.timeout(WAIT).emitWithAck(event, ...args);
}

/**
 * Records what a page does: its errors, its requests to another origin, the WebSockets it opens and
 * its long-polling requests, and the Engine.IO sessions whose CONNECT the server refused.
 */
function watch(page) {
  const w = { pageErrors: [], consoleErrors: [], refusedSids: new Set(), foreign: [], websockets: [], polls: [] };
  page.on('pageerror', (e) => w.pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') w.consoleErrors.push({ text: m.text(), url: m.location().url || '' });
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(origin + '/')) w.foreign.push(r.url());
    const u = new URL(r.url());
    if (u.pathname === socketPath + '/') w.polls.push(u.searchParams.get('transport'));
  });
  page.on('websocket', (ws) => {   // WebSockets are not "request"s: their origin is checked here
    w.websockets.push(ws.url());
    if (new URL(ws.url()).host !== pageUrl.host) w.foreign.push(ws.url());
  });
  page.on('response', async (r) => {   // the Engine.IO sessions whose CONNECT was refused
    const sid = new URL(r.url()).searchParams.get('sid');
    if (sid && r.request().method() === 'GET' && r.status() === 200) {
      try { if ((await r.text()).includes('44{')) w.refusedSids.add(sid); } catch (e) { /* body gone */ }
    }
  });
  return w;
}

/**
 * The errors a page logged. After a refused CONNECT the client closes its session while its next
 * long-polling GET may still be on the way: that GET can get "400 Session ID unknown", which the
 * browser logs. It belongs to the client's close, not to the chat, and is reported apart.
 */
function errorsOf(w) {
  const errors = [...w.pageErrors];
  for (const e of w.consoleErrors) {
    const sid = e.url ? new URL(e.url).searchParams.get('sid') : null;
    if (sid && w.refusedSids.has(sid) && /status of 400/.test(e.text)) {
      console.log('# note: the refused session\'s last poll was answered 400 after the client closed it');
    } else {
      errors.push(e.text + (e.url ? ' (' + e.url + ')' : ''));
    }
  }
  return errors;
}

/** Waits until a page shows someone else's message with this text from this author. */
function received(page, author, text) {
  return page.waitForFunction(([a, t]) => Array.from(document.querySelectorAll('#messages .msg:not(.own)'))
    .some((m) => m.querySelector('.author').textContent === a && m.querySelector('.text').textContent === t),
  [author, text], { timeout: WAIT });
}

/** Waits until a page's own message with this text has its tick (✓ and the server's id). */
function delivered(page, text) {
  return page.waitForFunction((t) => Array.from(document.querySelectorAll('#messages .msg.own'))
    .some((m) => m.querySelector('.text').textContent === t && m.dataset.state === 'delivered' && !!m.dataset.id
      && m.querySelector('.tick').textContent === '✓'),
  text, { timeout: WAIT });
}

/** Types the first keys of a text (enough for "typing"), then fills in the rest at once. */
async function typeIn(page, text) {
  await page.type('#message', text.slice(0, 3));
  await page.fill('#message', text);
}

/** Joins a chat room from a page's form; resolves with the page's own socket id once its users list is in. */
async function joinRoom(page, room) {
  await page.fill('#join-name', room);
  await page.click('#join-form button');
  await page.waitForSelector('#room-title:text-is("#' + room + '")', { timeout: WAIT });
  await page.waitForSelector('#users .user.me', { timeout: WAIT });
  return page.getAttribute('#users .user.me', 'data-id');
}

function usersCount(page, n) {
  return page.waitForFunction((c) => document.getElementById('users-count').textContent === c, String(n), { timeout: WAIT });
}

async function connectError(auth) {
  const s = client(auth);
  const err = await next(s, 'connect_error');
  s.close();
  return err.message;
}

async function attempt(name, fn) {
  try {
    await fn();
  } catch (e) {
    check(name, false, e.message.split('\n')[0]);
  }
}

async function main() {
  // --- the server alone, with the Node.js client ---
  check('nickname missing is refused', (await connectError({})) === 'nickname is required');
  const tooLong = await connectError({ nickname: 'x'.repeat(25) });
  check('nickname too long is refused', tooLong === 'nickname is too long (at most 24 characters)', tooLong);
  const badAdmin = await new Promise((resolve) => client({ token: 'wrong' }, '/admin').on('connect_error', (e) => resolve(e.message)));
  check('/admin refuses a wrong token', badAdmin.startsWith('not authorized'), badAdmin);

  const bot = client({ nickname: 'node-bot' });
  const welcome = await next(bot, 'welcome');
  check('Node.js client is welcomed into the lobby', welcome.room === 'lobby' && welcome.nickname === 'node-bot', JSON.stringify(welcome));
  const carol = client({ nickname: 'carol', room: 'General' });
  const carolWelcome = await next(carol, 'welcome');
  check('a room asked for in the auth payload is entered (lower-cased)', carolWelcome.room === 'general', carolWelcome.room);

  // the scheduled stats: an admin listens from now on, checked at the end
  const statsAdmin = client({ token: adminToken }, '/admin');
  await next(statsAdmin, 'welcome');
  const statsSince = Date.now();
  const stats = [];
  statsAdmin.on('stats', (st) => stats.push({ at: Date.now(), st }));
  let statsOnChat = 0;
  bot.on('stats', () => statsOnChat++);
  const roomLeaks = [];
  bot.on('chat message', (m) => { if (m.room === ROOM) roomLeaks.push(m); });

  lap('Node.js clients');
  // --- the browser ---
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-chat-chromium-'));
  const browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport: { width: 1200, height: 760 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = browser.pages()[0] || await browser.newPage();
  const alicePage = watch(page);
  lap('Chromium started');

  try {
    const response = await page.goto(pageUrl.href);
    check('the page loads', response && response.status() === 200, response && response.status());

    // a refused nickname shows the server's message on the form
    await page.evaluate(() => { document.getElementById('nickname').value = 'z'.repeat(30); }); // past maxlength
    await page.click('#login-form button');
    await page.waitForSelector('#login-error:has-text("too long")', { timeout: WAIT });
    check('the page shows why a nickname is refused', true);

    const botSeesAlice = next(bot, 'user joined', (n) => n.user.nickname === 'Alice');
    await page.fill('#nickname', 'Alice');
    await page.click('#login-form button');
    await page.waitForSelector('#status[data-state="connected"]', { timeout: WAIT });
    check('the page connects', true);
    const alice = (await botSeesAlice).user;
    check('Node.js client hears that Alice joined', alice.nickname === 'Alice');

    await page.waitForSelector('#status[data-transport="websocket"]', { timeout: WAIT });
    const status = await page.textContent('#status-text');
    check('the page shows the transport after the upgrade', /websocket/.test(status), status);

    await page.waitForSelector('#users .user[data-id="' + welcome.id + '"]', { timeout: WAIT });
    check('the page lists node-bot among the lobby users', true);
    await page.waitForSelector('#rooms .room:has-text("#general")', { timeout: WAIT });
    check('the page lists the room #general', true);

    // rooms: join #general from the page, see carol, leave back to the lobby
    const carolSeesAlice = next(carol, 'user joined', (n) => n.user.nickname === 'Alice');
    await page.fill('#join-name', 'general');
    await page.click('#join-form button');
    await page.waitForSelector('#room-title:has-text("#general")', { timeout: WAIT });
    await page.waitForSelector('#users .user[data-id="' + carolWelcome.id + '"]', { timeout: WAIT });
    await carolSeesAlice;
    check('the page joins #general and sees carol there', true);
    const carolSeesLeave = next(carol, 'user left', (n) => n.user.nickname === 'Alice');
    await page.click('#leave');
    await page.waitForSelector('#room-title:has-text("#lobby")', { timeout: WAIT });
    await carolSeesLeave;
    check('"Leave room" brings the page back to the lobby', true);

    // browser -> Node.js, with the delivery tick
    const botGets = next(bot, 'chat message', (m) => m.from.nickname === 'Alice');
    await page.fill('#message', 'Hello from the browser 👋');
    await page.click('#send-form button[type="submit"]');
    const got = await botGets;
    check('Node.js client receives the browser\'s message', got.text === 'Hello from the browser 👋' && got.room === 'lobby' && !!got.id, JSON.stringify(got));
    await page.waitForSelector('#messages .msg.own[data-state="delivered"][data-id="' + got.id + '"]', { timeout: WAIT });
    check('the browser\'s message gets its delivery tick with the server id', true);

    // Node.js -> browser; markup stays text
    const tricky = 'Hi Alice! <b>this is not bold</b> & <img src=x onerror=alert(1)>';
    const ack = await ask(bot, 'chat message', tricky);
    check('Node.js client\'s message is acknowledged with id and time', ack.ok === true && !!ack.id && ack.time > 0, JSON.stringify(ack));
    await page.waitForFunction((t) => Array.from(document.querySelectorAll('#messages .msg:not(.own) .text'))
      .some((n) => n.textContent === t), tricky, { timeout: WAIT });
    const injected = await page.$$eval('#messages b, #messages img', (n) => n.length);
    check('the page shows the Node.js message as plain text', injected === 0, injected + ' elements injected');
    const tooLongMsg = await ask(bot, 'chat message', 'm'.repeat(501));
    check('a message over 500 characters is refused in the ack', tooLongMsg.ok === false && /too long/.test(tooLongMsg.error), JSON.stringify(tooLongMsg));

    // who is typing
    bot.emit('typing');
    await page.waitForSelector('#typing:has-text("node-bot is typing")', { timeout: WAIT });
    check('the page shows that node-bot is typing', true);
    const botSeesTyping = next(bot, 'typing', (t) => t.user.nickname === 'Alice');
    await page.type('#message', 'typ');
    await botSeesTyping;
    check('Node.js client sees that Alice is typing', true);
    bot.emit('stop typing');
    await page.waitForFunction(() => document.getElementById('typing').textContent === '', null, { timeout: WAIT });
    check('the typing indicator clears on "stop typing"', true);
    await page.fill('#message', '');

    // private messages, both ways
    const botGetsPm = next(bot, 'private message');
    await page.click('#users .user[data-id="' + welcome.id + '"]');
    await page.fill('#message', 'Just between us');
    await page.click('#send-form button[type="submit"]');
    const pm = await botGetsPm;
    check('a private message from the page reaches node-bot', pm.text === 'Just between us' && pm.from.nickname === 'Alice' && pm.to.id === welcome.id, JSON.stringify(pm));
    const carolMissesPm = await next(carol, 'private message', () => true, 500).then(() => false, () => true);
    check('carol does not see that private message', carolMissesPm);
    await page.waitForSelector('#messages .msg.own.private[data-state="delivered"]', { timeout: WAIT });
    await page.click('#pm-cancel');
    const pmAck = await ask(bot, 'private message', { to: alice.id, text: 'Sure, Alice.' });
    check('node-bot\'s private message is acknowledged', pmAck.ok === true, JSON.stringify(pmAck));
    await page.waitForSelector('#messages .msg.private:not(.own) .text:has-text("Sure, Alice.")', { timeout: WAIT });
    check('the page shows node-bot\'s private message', true);

    // announcements: from /admin and from the servlet
    const admin = client({ token: adminToken }, '/admin');
    await next(admin, 'welcome');
    const announced = await ask(admin, 'announce', { room: 'lobby', text: 'Welcome to the Socketeer demo!' });
    check('/admin announces with the right token', announced.ok === true, JSON.stringify(announced));
    await page.waitForSelector('#messages .announcement:has-text("Welcome to the Socketeer demo!")', { timeout: WAIT });
    check('the page shows the /admin announcement', true);
    const post = (headers, body) => fetch(pageUrl.href + 'api/announce?room=lobby', { method: 'POST', headers, body });
    const refused = await post({ 'Content-Type': 'text/plain' }, 'no token');
    check('POST /api/announce without the token is 401', refused.status === 401, refused.status);
    const carolMisses = next(carol, 'announcement', () => true, 1000).then(() => false, () => true);
    const accepted = await post({ 'Content-Type': 'text/plain', Authorization: 'Bearer ' + adminToken }, 'Lunch is served in the lobby 🍕');
    check('POST /api/announce with the token is 202', accepted.status === 202, accepted.status);
    await page.waitForSelector('#messages .announcement:has-text("Lunch is served in the lobby")', { timeout: WAIT });
    check('the page shows the servlet\'s announcement', true);
    check('an announcement to the lobby does not reach #general', await carolMisses);

    // the last state for the picture: a bit of conversation and someone typing
    await ask(bot, 'chat message', 'Nice! Everything here runs on Payara Micro with the official client.');
    await page.fill('#message', 'And it upgraded to WebSocket on its own.');
    await page.click('#send-form button[type="submit"]');
    await page.waitForSelector('#messages .msg.own[data-state="delivered"] .text:has-text("upgraded to WebSocket")', { timeout: WAIT });
    bot.emit('typing');
    await page.waitForSelector('#typing:has-text("node-bot is typing")', { timeout: WAIT });
    await page.screenshot({ path: screenshot });
    console.log('# screenshot: ' + screenshot);
    await page.setViewportSize({ width: 390, height: 800 });
    const mobile = screenshot.replace(/(\.png)?$/, '-mobile.png');
    await page.screenshot({ path: mobile });
    console.log('# narrow-screen screenshot: ' + mobile);

    lap('one page');
    await page.setViewportSize({ width: 1200, height: 760 });

    // --- a second page, forced to long-polling, meets the first one in a room of their own ---
    const bob = await browser.newPage();
    const bobPage = watch(bob);
    const bobResponse = await bob.goto(pageUrl.href + '?transport=polling');
    check('a second page loads with ?transport=polling', bobResponse && bobResponse.status() === 200, bobResponse && bobResponse.status());
    const idle = await bob.textContent('#status-text');
    check('before connecting it says that it will use polling only', idle === 'not connected (polling only)', idle);
    await bob.fill('#nickname', 'Bob');
    await bob.click('#login-form button');
    await bob.waitForSelector('#status[data-state="connected"]', { timeout: WAIT });
    const bobStatus = await bob.textContent('#status-text');
    const bobTransport = await bob.getAttribute('#status', 'data-transport');
    check('the polling page connects via polling and says it is forced', bobStatus === 'connected via polling (forced)' && bobTransport === 'polling', bobStatus + ' / ' + bobTransport);

    const aliceId = await joinRoom(page, ROOM);
    const bobId = await joinRoom(bob, ROOM);
    check('both pages join #' + ROOM, !!aliceId && !!bobId && aliceId !== bobId, aliceId + ' / ' + bobId);
    await page.waitForSelector('#messages .notice:text-is("Bob joined #' + ROOM + '")', { timeout: WAIT });
    check('the WebSocket page is told that Bob joined', true);
    await page.waitForSelector('#users .user[data-id="' + bobId + '"]', { timeout: WAIT });
    await bob.waitForSelector('#users .user[data-id="' + aliceId + '"]', { timeout: WAIT });
    await usersCount(page, 2);
    await usersCount(bob, 2);
    check('each page lists the other in #' + ROOM + ' (2 users)', true);
    await page.waitForSelector('#rooms .room:has-text("#' + ROOM + '") .count:text-is("2")', { timeout: WAIT });
    check('the rooms list shows #' + ROOM + ' with 2 users', true);

    // WebSocket page -> polling page: typing, then the message clears it
    const toBob = 'Hi Bob, this comes over a WebSocket 🚀';
    await typeIn(page, toBob);
    await bob.waitForSelector('#typing:text-is("Alice is typing…")', { timeout: WAIT });
    check('the polling page shows that Alice is typing', true);
    await page.click('#send-form button[type="submit"]');
    await received(bob, 'Alice', toBob);
    check('the polling page receives the WebSocket page\'s message', true);
    await delivered(page, toBob);
    check('the WebSocket page\'s message gets its delivery tick', true);
    await bob.waitForFunction(() => document.getElementById('typing').textContent === '', null, { timeout: WAIT });
    check('the polling page\'s typing indicator clears when Alice sends', true);

    // polling page -> WebSocket page
    const toAlice = 'Hello Alice, long-polling here: <i>still plain text</i> 🐢';
    await typeIn(bob, toAlice);
    await page.waitForSelector('#typing:text-is("Bob is typing…")', { timeout: WAIT });
    check('the WebSocket page shows that Bob is typing', true);
    await bob.click('#send-form button[type="submit"]');
    await received(page, 'Bob', toAlice);
    check('the WebSocket page receives the polling page\'s message', true);
    await delivered(bob, toAlice);
    check('the polling page\'s message gets its delivery tick', true);
    await page.waitForFunction(() => document.getElementById('typing').textContent === '', null, { timeout: WAIT });
    check('the WebSocket page\'s typing indicator clears when Bob sends', true);
    const italics = await page.$$eval('#messages i', (n) => n.length);
    check('the polling page\'s markup stays text on the other page', italics === 0, italics + ' elements injected');

    // one more line each, and Alice typing, for the pictures
    await bob.fill('#message', 'Upgrades are off for me, see the header.');
    await bob.click('#send-form button[type="submit"]');
    await delivered(bob, 'Upgrades are off for me, see the header.');
    await received(page, 'Bob', 'Upgrades are off for me, see the header.');
    await typeIn(page, 'Looks the same from here');
    await bob.waitForSelector('#typing:text-is("Alice is typing…")', { timeout: WAIT });
    const wsShot = screenshot.replace(/(\.png)?$/, '-room-websocket.png');
    const pollShot = screenshot.replace(/(\.png)?$/, '-room-polling.png');
    await page.screenshot({ path: wsShot });
    await bob.screenshot({ path: pollShot });
    console.log('# screenshots of the two pages in #' + ROOM + ': ' + wsShot + ' ' + pollShot);
    await page.fill('#message', '');

    // Bob leaves: Alice sees it, Bob is back in the lobby
    await bob.click('#leave');
    await bob.waitForSelector('#room-title:text-is("#lobby")', { timeout: WAIT });
    await page.waitForSelector('#messages .notice:text-is("Bob left #' + ROOM + '")', { timeout: WAIT });
    await page.waitForFunction((id) => !document.querySelector('#users .user[data-id="' + id + '"]'), bobId, { timeout: WAIT });
    await usersCount(page, 1);
    check('Bob leaves: the WebSocket page says so and lists Alice alone', true);
    await bob.waitForSelector('#users .user[data-id="' + welcome.id + '"]', { timeout: WAIT });
    check('the polling page is back in the lobby with node-bot', true);
    check('the room\'s messages never reached the lobby', roomLeaks.length === 0, JSON.stringify(roomLeaks));

    lap('two pages');

    // the other forced transport: ?transport=websocket never polls
    const dora = await browser.newPage();
    const doraPage = watch(dora);
    await dora.goto(pageUrl.href + '?transport=websocket');
    await dora.fill('#nickname', 'Dora');
    await dora.click('#login-form button');
    await dora.waitForSelector('#status[data-state="connected"]', { timeout: WAIT });
    const doraStatus = await dora.textContent('#status-text');
    check('?transport=websocket connects without polling and says it is forced', doraStatus === 'connected via websocket (forced)'
      && doraPage.polls.length === 0 && doraPage.websockets.length === 1 && doraPage.websockets[0].startsWith('ws://' + pageUrl.host + socketPath + '/?EIO=4&transport=websocket')
      && !doraPage.websockets[0].includes('sid='), doraStatus + ' / polls: ' + doraPage.polls.length + ' / ' + doraPage.websockets.join(', '));
    const doraErrors = [...errorsOf(doraPage), ...doraPage.foreign];
    check('the WebSocket-only page loaded nothing from elsewhere and logged no error', doraErrors.length === 0, doraErrors.join(' | '));
    await dora.close();
    // transports, after all that
    const bobStatusEnd = await bob.textContent('#status-text');
    const bobTransportEnd = await bob.getAttribute('#status', 'data-transport');
    check('the polling page is still on polling at the end', bobStatusEnd === 'connected via polling (forced)' && bobTransportEnd === 'polling', bobStatusEnd + ' / ' + bobTransportEnd);
    check('the polling page opened no WebSocket', bobPage.websockets.length === 0, bobPage.websockets.join(', '));
    const notPolling = bobPage.polls.filter((t) => t !== 'polling');
    check('every Socket.IO request of the polling page is a long-polling one', bobPage.polls.length > 0 && notPolling.length === 0,
      bobPage.polls.length + ' requests, others: ' + notPolling.join(', '));
    console.log('# the polling page made ' + bobPage.polls.length + ' long-polling requests');
    const wsPrefix = 'ws://' + pageUrl.host + socketPath + '/?EIO=4&transport=websocket&sid=';
    check('the default page upgraded over a WebSocket of this origin', alicePage.websockets.length > 0
      && alicePage.websockets.every((u) => u.startsWith(wsPrefix)), alicePage.websockets.join(', '));
    const aliceTransportEnd = await page.getAttribute('#status', 'data-transport');
    check('the default page is still on websocket at the end', aliceTransportEnd === 'websocket', aliceTransportEnd);

    check('the page loaded nothing from another origin (no CDN)', alicePage.foreign.length === 0, alicePage.foreign.join(', '));
    check('the polling page loaded nothing from another origin', bobPage.foreign.length === 0, bobPage.foreign.join(', '));
    const client404 = await fetch(pageUrl.href + 'js/socket.io.min.js');
    check('the bundled client is served from the WAR', client404.status === 200, client404.status);
    const aliceErrors = errorsOf(alicePage);
    check('no error in the page', aliceErrors.length === 0, aliceErrors.join(' | '));
    const bobErrors = errorsOf(bobPage);
    check('no error in the polling page', bobErrors.length === 0, bobErrors.join(' | '));
  } finally {
    await browser.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }

  lap('browser closed');
  // --- the scheduled stats (AdminStats), emitted to /admin only ---
  let first = stats[0];
  if (!first) {
    const st = await next(statsAdmin, 'stats', () => true, Math.max(1000, statsSince + STATS_WAIT - Date.now())).catch(() => null);
    first = st && { at: Date.now(), st };
  }
  check('the /admin client receives a scheduled "stats" event', !!first, 'none within ' + STATS_WAIT + ' ms of connecting');
  if (first) {
    const st = first.st;
    const general = (st.rooms || []).find((r) => r.name === 'general');
    const lobby = (st.rooms || []).find((r) => r.name === 'lobby');
    check('"stats" counts connections, sockets by namespace and chat rooms',
      st.interval > 0 && Math.abs(st.time - first.at) < 60000 && st.connections >= 3
        && st.sockets['/'] >= 2 && st.sockets['/admin'] >= 1 && general && general.users >= 1 && lobby && lobby.users >= 1,
      JSON.stringify(st));
    console.log('# stats: ' + stats.length + ' event(s), the first ' + (first.at - statsSince) + ' ms after connecting'
      + (stats.length > 1 ? ', then every ' + stats.slice(1).map((e, i) => e.at - stats[i].at).join(', ') + ' ms' : '')
      + ': ' + JSON.stringify(st));
  }
  check('"stats" never reaches the chat namespace', statsOnChat === 0, statsOnChat);
  lap('stats');
  console.log('# timing (since the start): ' + timings.join(', '));
}

attempt('the scenario runs to the end', main).finally(() => {
  for (const s of clients) s.close();
  console.log(passed + ' passed, ' + failed + ' failed');
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
});
