/*
 * Socketeer demo chat: the page's whole logic, plain JavaScript over the official client
 * (js/socket.io.min.js, bundled into the WAR). Every string from the server or a user is put on the
 * page with textContent, never as HTML.
 *
 * Events (see io.socketeer.demo): welcome, rooms, users, user joined, user left, chat message
 * (sent with an ack: the delivery tick), private message, typing, stop typing, announcement.
 *
 * The client starts on long-polling and upgrades to WebSocket. `?transport=polling` keeps it on
 * long-polling (it never opens a WebSocket), `?transport=websocket` skips long-polling; the
 * connection state says so. Any other value is ignored.
 */
(() => {
  'use strict';

  // The WAR may be deployed at any context root: Socket.IO answers at <folder of this page>socket.io
  const SOCKET_PATH = location.pathname.replace(/[^/]*$/, '') + 'socket.io';
  const LOBBY = 'lobby';
  const ACK_TIMEOUT = 5000;      // ms before a message without its tick is marked as not delivered
  const TYPING_IDLE = 2000;      // ms without a key press before "stop typing"
  const TYPING_EXPIRY = 6000;    // ms before someone else's "typing" fades if its "stop typing" was lost
  const MAX_ITEMS = 300;         // messages kept on the page
  // the one transport to use when the page's URL asks for it (?transport=polling), else null
  const FORCED = ((t) => (t === 'polling' || t === 'websocket' ? t : null))(new URLSearchParams(location.search).get('transport'));

  const $ = (id) => document.getElementById(id);
  const ui = {
    status: $('status'), statusText: $('status-text'),
    login: $('login'), loginForm: $('login-form'), nickname: $('nickname'), loginError: $('login-error'),
    chat: $('chat'), rooms: $('rooms'), joinForm: $('join-form'), joinName: $('join-name'),
    joinError: $('join-error'), users: $('users'), usersRoom: $('users-room'), usersCount: $('users-count'),
    roomTitle: $('room-title'), me: $('me'), leave: $('leave'), messages: $('messages'), typing: $('typing'),
    sendForm: $('send-form'), message: $('message'), pmTarget: $('pm-target'), pmLabel: $('pm-label'),
    pmCancel: $('pm-cancel'),
  };

  const state = {
    socket: null,
    nickname: localStorage.getItem('socketeer.nickname') || '',
    room: LOBBY,
    welcomed: false,
    usersByRoom: new Map(),   // room -> [{id, nickname}]
    rooms: [],
    pmTo: null,               // {id, nickname} while writing a private message
    typers: new Map(),        // socket id -> {nickname, timer}
    typingSent: false,
    typingTimer: null,
    attempt: 0,               // the reconnection attempt under way
  };

  // --- small helpers --------------------------------------------------------------------------

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function clock(ms) {
    return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function hue(text) {
    let h = 0;
    for (const c of text) h = (h * 31 + c.codePointAt(0)) % 360;
    return h;
  }

  function avatar(nickname) {
    const a = el('span', 'avatar', (Array.from(nickname)[0] || '?').toUpperCase());
    a.style.setProperty('--hue', hue(nickname));
    a.setAttribute('aria-hidden', 'true');
    return a;
  }

  function setStatus(kind, text, transport) {
    ui.status.dataset.state = kind;
    ui.status.dataset.transport = transport || '';
    ui.statusText.textContent = text;
  }

  // --- the message list -----------------------------------------------------------------------

  function append(item) {
    const list = ui.messages;
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 60;
    list.append(item);
    while (list.children.length > MAX_ITEMS) list.firstElementChild.remove();
    if (atBottom || item.classList.contains('own')) list.scrollTop = list.scrollHeight;
    return item;
  }

  function notice(text, kind) {
    return append(el('li', 'notice' + (kind ? ' ' + kind : ''), text));
  }

  /** A chat or private message; `own` ones get a tick that the acknowledgement turns to ✓. */
  function bubble({ author, text, time, own, privateLabel }) {
    const li = el('li', 'msg' + (own ? ' own' : '') + (privateLabel ? ' private' : ''));
    if (!own) li.append(avatar(author));
    const body = el('div', 'body');
    const meta = el('div', 'meta');
    meta.append(el('span', 'author', own ? 'you' : author));
    if (privateLabel) meta.append(el('span', 'tag', privateLabel));
    const t = el('time', 'time', clock(time || Date.now()));
    meta.append(t);
    if (own) {
      const tick = el('span', 'tick', '…');
      tick.title = 'sending…';
      meta.append(tick);
      li.dataset.state = 'pending';
    }
    body.append(meta, el('div', 'text', text));
    li.append(body);
    return append(li);
  }

  /** The server's answer to one of our messages: ✓ with its id and time, or ✗ with the reason. */
  function settle(li, err, answer) {
    const tick = li.querySelector('.tick');
    if (!err && answer && answer.ok) {
      li.dataset.state = 'delivered';
      li.dataset.id = answer.id || (answer.message && answer.message.id) || '';
      const time = answer.time || (answer.message && answer.message.time);
      if (time) li.querySelector('.time').textContent = clock(time);
      tick.textContent = '✓';
      tick.title = 'delivered ' + (time ? new Date(time).toLocaleString() : '');
    } else {
      li.dataset.state = 'failed';
      tick.textContent = '✗';
      tick.title = err ? 'not delivered: no answer from the server' : 'not delivered: ' + answer.error;
      li.querySelector('.body').append(el('div', 'failure', tick.title));
    }
  }

  // --- rooms, users, typing -------------------------------------------------------------------

  function renderRooms() {
    ui.rooms.replaceChildren(...state.rooms.map(({ name, users }) => {
      const li = el('li');
      const b = el('button', 'room' + (name === state.room ? ' current' : ''));
      b.type = 'button';
      b.append(el('span', 'name', '#' + name), el('span', 'count', String(users)));
      b.addEventListener('click', () => join(name));
      li.append(b);
      return li;
    }));
  }

  function renderUsers() {
    const users = state.usersByRoom.get(state.room) || [];
    ui.usersRoom.textContent = '#' + state.room;
    ui.usersCount.textContent = String(users.length);
    ui.users.replaceChildren(...users.map((u) => {
      const li = el('li');
      const me = state.socket && u.id === state.socket.id;
      const b = el('button', 'user' + (me ? ' me' : ''));
      b.type = 'button';
      b.dataset.id = u.id;
      b.append(avatar(u.nickname), el('span', 'name', u.nickname));
      if (me) {
        b.append(el('span', 'you', 'you'));
        b.disabled = true;
      } else {
        b.title = 'Send ' + u.nickname + ' a private message';
        b.addEventListener('click', () => privateTo(u));
      }
      li.append(b);
      return li;
    }));
  }

  function renderTyping() {
    const names = Array.from(state.typers.values(), (t) => t.nickname);
    let text = '';
    if (names.length === 1) text = names[0] + ' is typing…';
    else if (names.length === 2) text = names[0] + ' and ' + names[1] + ' are typing…';
    else if (names.length > 2) text = names.length + ' people are typing…';
    ui.typing.textContent = text;
  }

  function typer(user, typing) {
    const old = state.typers.get(user.id);
    if (old) clearTimeout(old.timer);
    if (typing) {
      const timer = setTimeout(() => typer(user, false), TYPING_EXPIRY);
      state.typers.set(user.id, { nickname: user.nickname, timer });
    } else {
      state.typers.delete(user.id);
    }
    renderTyping();
  }

  function enterRoom(room) {
    const changed = room !== state.room || !state.welcomed;
    state.room = room;
    ui.roomTitle.textContent = '#' + room;
    ui.message.placeholder = state.pmTo ? ui.message.placeholder : 'Message #' + room;
    ui.leave.hidden = room === LOBBY;
    if (changed) {
      ui.messages.replaceChildren();
      state.typers.forEach((t) => clearTimeout(t.timer));
      state.typers.clear();
      renderTyping();
      notice('You are in #' + room + (room === LOBBY ? ', the room everyone starts in.' : '.'));
    }
    renderUsers();
    renderRooms();
  }

  function join(name) {
    ui.joinError.textContent = '';
    state.socket.timeout(ACK_TIMEOUT).emit('join room', name, (err, answer) => {
      if (err) ui.joinError.textContent = 'No answer from the server.';
      else if (!answer.ok) ui.joinError.textContent = answer.error;
      else enterRoom(answer.room);
    });
  }

  function privateTo(user) {
    state.pmTo = user;
    ui.pmLabel.textContent = 'Private message to ' + user.nickname;
    ui.pmTarget.hidden = false;
    ui.message.placeholder = 'Private message to ' + user.nickname;
    ui.message.focus();
  }

  function endPrivate() {
    state.pmTo = null;
    ui.pmTarget.hidden = true;
    ui.message.placeholder = 'Message #' + state.room;
  }

  // --- sending --------------------------------------------------------------------------------

  function stopTyping() {
    clearTimeout(state.typingTimer);
    if (state.typingSent && state.socket && state.socket.connected) state.socket.emit('stop typing');
    state.typingSent = false;
  }

  function typed() {
    if (state.pmTo || !state.socket || !state.socket.connected) return;
    if (!state.typingSent) {
      state.socket.emit('typing');
      state.typingSent = true;
    }
    clearTimeout(state.typingTimer);
    state.typingTimer = setTimeout(stopTyping, TYPING_IDLE);
  }

  // socket.timeout(ms) flags the very next emit only: take it right before emitting
  function send(text) {
    if (state.pmTo) {
      const to = state.pmTo;
      const li = bubble({ author: state.nickname, text, own: true, privateLabel: 'private to ' + to.nickname });
      state.socket.timeout(ACK_TIMEOUT).emit('private message', { to: to.id, text }, (err, answer) => settle(li, err, answer));
    } else {
      stopTyping();
      const li = bubble({ author: state.nickname, text, own: true });
      state.socket.timeout(ACK_TIMEOUT).emit('chat message', text, (err, answer) => settle(li, err, answer));
    }
  }

  // --- the connection -------------------------------------------------------------------------

  function watchTransport(socket) {
    const engine = socket.io.engine;
    const shown = () => engine.transport.name;
    setStatus('connected', 'connected via ' + shown() + (FORCED ? ' (forced)' : ''), shown());
    engine.once('upgrade', (transport) => {
      if (socket.connected) setStatus('connected', 'connected via ' + transport.name + ' (upgraded)', transport.name);
    });
  }

  function connect() {
    setStatus('connecting', 'connecting…');
    if (state.socket) {
      state.socket.connect();
      return;
    }
    // auth is a function so that a reconnection sends the room we are in now
    const socket = io({
      path: SOCKET_PATH,
      autoConnect: false,
      // a forced transport: the client neither falls back nor upgrades to another one
      ...(FORCED ? { transports: [FORCED], upgrade: false } : {}),
      auth: (cb) => cb({ nickname: state.nickname, room: state.room }),
    });
    state.socket = socket;

    socket.on('connect', () => {
      ui.login.hidden = true;
      ui.chat.hidden = false;
      watchTransport(socket);
      if (state.welcomed) notice('Reconnected.', 'ok');
      ui.me.textContent = 'you are ' + state.nickname;
      ui.message.focus();
    });
    socket.on('connect_error', (err) => {
      if (socket.active) {   // the server is unreachable or restarting: the client retries by itself
        setStatus('reconnecting', 'reconnecting (attempt ' + state.attempt + ': ' + err.message + ')…');
      } else {   // refused by the server's middleware: back to the nickname form
        setStatus('disconnected', 'refused: ' + err.message);
        ui.loginError.textContent = err.message;
        ui.chat.hidden = true;
        ui.login.hidden = false;
        state.welcomed = false;
        ui.nickname.focus();
      }
    });
    socket.on('disconnect', (reason) => {
      stopTyping();
      if (socket.active) {
        setStatus('reconnecting', 'reconnecting… (' + reason + ')');
        notice('Connection lost (' + reason + '), reconnecting…', 'warn');
      } else {
        setStatus('disconnected', 'disconnected (' + reason + ')');
        notice('Disconnected (' + reason + ').', 'warn');
      }
    });
    socket.io.on('reconnect_attempt', (n) => {
      state.attempt = n;
      setStatus('reconnecting', 'reconnecting (attempt ' + n + ')…');
    });
    socket.io.on('reconnect', () => { state.attempt = 0; });
    socket.io.on('reconnect_failed', () => setStatus('disconnected', 'disconnected: gave up reconnecting'));

    socket.on('welcome', ({ room }) => {
      enterRoom(room);
      state.welcomed = true;
    });
    socket.on('rooms', (rooms) => {
      state.rooms = rooms;
      renderRooms();
    });
    socket.on('users', ({ room, users }) => {
      state.usersByRoom.set(room, users);
      if (room === state.room) renderUsers();
    });
    socket.on('user joined', ({ room, user }) => {
      if (room === state.room) notice(user.nickname + ' joined #' + room);
    });
    socket.on('user left', ({ room, user }) => {
      if (room !== state.room) return;
      typer(user, false);
      notice(user.nickname + ' left #' + room);
    });
    socket.on('chat message', (msg) => {
      if (msg.room !== state.room) return;
      typer(msg.from, false);
      bubble({ author: msg.from.nickname, text: msg.text, time: msg.time });
    });
    socket.on('private message', (msg) => {
      bubble({ author: msg.from.nickname, text: msg.text, time: msg.time, privateLabel: 'private' });
    });
    socket.on('typing', ({ room, user }) => {
      if (room === state.room) typer(user, true);
    });
    socket.on('stop typing', ({ user }) => typer(user, false));
    socket.on('announcement', (a) => {
      if (a.room !== state.room) return;
      const li = el('li', 'announcement');
      li.append(el('span', 'label', 'Announcement · ' + clock(a.time)), el('div', 'text', a.text));
      append(li);
    });

    socket.connect();
  }

  // --- wiring ---------------------------------------------------------------------------------

  ui.nickname.value = state.nickname;
  if (FORCED) {
    ui.status.dataset.forced = FORCED;
    ui.status.title = 'transport forced by ?transport=' + FORCED + ' in the address';
    ui.statusText.textContent = 'not connected (' + FORCED + ' only)';
  }
  ui.loginForm.addEventListener('submit', (e) => {
    e.preventDefault();
    state.nickname = ui.nickname.value.trim();
    ui.loginError.textContent = '';
    localStorage.setItem('socketeer.nickname', state.nickname);
    connect();
  });
  ui.joinForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const name = ui.joinName.value.trim();
    if (name) join(name);
    ui.joinName.value = '';
  });
  ui.leave.addEventListener('click', () => {
    state.socket.timeout(ACK_TIMEOUT).emit('leave room', (err, answer) => {
      if (!err && answer.ok) enterRoom(answer.room);
    });
  });
  ui.sendForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = ui.message.value.trim();
    if (!text || !state.socket || !state.socket.connected) return;
    send(text);
    ui.message.value = '';
  });
  ui.message.addEventListener('input', typed);
  ui.pmCancel.addEventListener('click', endPrivate);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && state.pmTo) endPrivate();
  });
})();
