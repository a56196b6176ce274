#!/usr/bin/env node
/*
 * End-to-end check of the demo chat: a real browser (headless Chromium driven by playwright-core)
 * and the official Node.js client (socket.io-client) talk to each other through the running demo.
 * DemoChatIT runs it in the in-container suite (mvn -B verify -Ppayara) against the demo WAR on Payara
 * Micro, with the clients the build installs in target/test-clients. By hand, against a running demo:
 *
 *   mvn -B -q package payara-micro:start -Dport=8181              # in another terminal (ready in ~25 s)
 *   apt-get install -y chromium                                    # Debian's Chromium, as root
 *   mvn -B -q -Ppayara process-test-resources                      # npm ci of src/test/node into target/
 *   NODE_PATH=target/test-clients/node_modules node src/test/node/demo-chat.js http://127.0.0.1:8181/ [/tmp/demo-chat.png]
 *
 * The URL is the page's (any context root, e.g. http://127.0.0.1:8181/chat/); the second argument is
 * where the screenshot goes (default /tmp/demo-chat.png; a narrow-screen one is saved beside it with
 * -mobile in its name). The admin token is taken from ADMIN_TOKEN (default "admin"), Chromium from
 * CHROMIUM (default /usr/bin/chromium). Prints "ok"/"not ok" per check and ends with
 * "N passed, N failed"; exits non-zero when a check failed.
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

let passed = 0;
let failed = 0;
const clients = [];

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
  const pageErrors = [];
  const consoleErrors = [];
  const refusedSids = new Set();
  const foreign = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push({ text: m.text(), url: m.location().url || '' });
  });
  page.on('request', (r) => { if (!r.url().startsWith(origin + '/')) foreign.push(r.url()); });
  page.on('response', async (r) => {   // the Engine.IO sessions whose CONNECT was refused
    const sid = new URL(r.url()).searchParams.get('sid');
    if (sid && r.request().method() === 'GET' && r.status() === 200) {
      try { if ((await r.text()).includes('44{')) refusedSids.add(sid); } catch (e) { /* body gone */ }
    }
  });

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

    check('the page loaded nothing from another origin (no CDN)', foreign.length === 0, foreign.join(', '));
    const client404 = await fetch(pageUrl.href + 'js/socket.io.min.js');
    check('the bundled client is served from the WAR', client404.status === 200, client404.status);
    // After a refused CONNECT the client closes its session while its next long-polling GET may
    // still be on the way: that GET can get "400 Session ID unknown", which the browser logs. It
    // belongs to the client's close, not to the chat, and is reported apart.
    for (const e of consoleErrors) {
      const sid = e.url ? new URL(e.url).searchParams.get('sid') : null;
      if (sid && refusedSids.has(sid) && /status of 400/.test(e.text)) {
        console.log('# note: the refused session\'s last poll was answered 400 after the client closed it');
      } else {
        pageErrors.push(e.text + (e.url ? ' (' + e.url + ')' : ''));
      }
    }
    check('no error in the page', pageErrors.length === 0, pageErrors.join(' | '));
  } finally {
    await browser.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

attempt('the scenario runs to the end', main).finally(() => {
  for (const s of clients) s.close();
  console.log(passed + ' passed, ' + failed + ' failed');
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
});
