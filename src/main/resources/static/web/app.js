// The chat page: sign-in, the sidebar of conversations, the conversation view and the composer, over
// the IRC connection of irc.js. State is plain objects; the view is rebuilt for the open conversation
// and appended to as messages come.

import { IrcConnection, splitText } from './irc.js';
import { el, messageItem, daySeparator, dayOf } from './view.js';
import { AdminView } from './admin.js';
import { PREFIX } from './e2e.js';
import { EncryptedConversations } from './encrypted-view.js';

/** At most this many messages are in the page per conversation view; older ones are a scroll-back away. */
const RENDERED = 300;
/** Messages kept in memory per conversation. */
const KEPT = 10000;
const HISTORY_PAGE = 50;

const $ = (id) => document.getElementById(id);
const state = {
  me: null,
  conversations: new Map(),
  active: null,
  registering: false,
  prefixes: '~&@%+',
  directory: [],
  caps: new Set(),
};

const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/irc';
const irc = new IrcConnection(url, { onStatus: status, onLine: line, onWelcome: welcome });
const admin = new AdminView($('admin'));
// private messages between web-page users, end-to-end encrypted (issue 21)
const encryption = new EncryptedConversations({ irc, state, conversation, add, system, time });

// ---- conversations

const keyOf = (name) => name.toLowerCase();
const isRoom = (name) => name.startsWith('#');

function conversation(name) {
  const key = keyOf(name);
  let c = state.conversations.get(key);
  if (!c) {
    c = { name, room: isRoom(name), messages: [], seen: new Set(), unread: 0, topic: '', members: new Map(),
      names: null, joined: false, oldest: null };
    state.conversations.set(key, c);
    renderSidebar();
  }
  return c;
}

/** Adds a message unless it was seen (same msgid): history that overlaps what is shown is not doubled. */
function add(c, message, { older = false } = {}) {
  const id = message.id ?? (message.time.getTime() + '|' + message.from + '|' + message.text);
  if (c.seen.has(id)) return;
  c.seen.add(id);
  if (older) c.messages.unshift(message);
  else c.messages.push(message);
  if (c.messages.length > KEPT) c.messages.splice(0, c.messages.length - KEPT);
  if (state.active === c) {
    if (older) renderMessages({ keepPosition: true });
    else appendMessage(message);
  }
  else if (!older && message.kind !== 'system') {
    c.unread += 1;
    renderSidebar();
  }
}

function open(c) {
  state.active = c;
  c.unread = 0;
  renderSidebar();
  $('conversation-title').textContent = c.name;
  $('topic').textContent = c.topic;
  $('leave').hidden = !c.room;
  encryption.render(c);
  renderMessages();
  renderMembers();
  $('older').hidden = !(irc.historyCap() && c.room);
  closeNarrowPanels();
  $('composer').focus();
}

// ---- rendering

function renderSidebar() {
  const list = $('room-list');
  list.replaceChildren(...[...state.conversations.values()].map((c) => {
    const button = el('button', { type: 'button', 'aria-current': c === state.active ? 'true' : null },
      el('span', { class: 'name' }, c.name));
    if (c.unread > 0) {
      button.append(el('span', { class: 'unread', 'data-testid': 'unread', 'aria-label': c.unread + ' unread' },
        String(c.unread)));
    }
    button.addEventListener('click', () => open(c));
    return el('li', { 'data-testid': 'room-item', class: c === state.active ? 'active' : null }, button);
  }));
}

function nearBottom(list) {
  return list.scrollHeight - list.scrollTop - list.clientHeight < 40;
}

function renderMessages({ keepPosition = false } = {}) {
  pending.length = 0;
  const list = $('message-list');
  const c = state.active;
  const fromBottom = list.scrollHeight - list.scrollTop;
  const shown = c.messages.slice(-RENDERED);
  const items = [];
  let day = null;
  for (const m of shown) {
    if (dayOf(m.time) !== day) {
      day = dayOf(m.time);
      items.push(daySeparator(m.time));
    }
    items.push(messageItem(m));
  }
  list.replaceChildren(...items);
  list.dataset.lastDay = day ?? '';
  if (keepPosition) list.scrollTop = list.scrollHeight - fromBottom;
  else list.scrollTop = list.scrollHeight;
}

// messages for the open conversation are added once per frame, however many came: a burst of thousands
// costs one layout, not one each
const pending = [];

function appendMessage(m) {
  pending.push(m);
  if (pending.length === 1) requestAnimationFrame(flush);
}

function flush() {
  const list = $('message-list');
  const follow = nearBottom(list);
  const batch = pending.splice(0, pending.length).slice(-RENDERED);
  const items = [];
  for (const m of batch) {
    if (dayOf(m.time) !== list.dataset.lastDay) {
      list.dataset.lastDay = dayOf(m.time);
      items.push(daySeparator(m.time));
    }
    items.push(messageItem(m));
  }
  list.append(...items);
  // the DOM holds at most RENDERED messages: a long conversation stays as quick as a short one
  let messages = list.getElementsByClassName('message').length;
  while (messages > RENDERED) {
    const first = list.firstElementChild;
    if (first.classList.contains('message')) messages -= 1;
    first.remove();
  }
  // a reader scrolled up to read older lines keeps the place
  if (follow) list.scrollTop = list.scrollHeight;
}

function renderMembers() {
  const c = state.active;
  const mine = c?.members.get(keyOf(state.me ?? ''))?.prefix ?? '';
  const mayModerate = /[~&@%]/.test(mine);
  const members = c ? [...c.members.entries()].sort(byRoleThenName) : [];
  $('member-list').replaceChildren(...members.map(([, m]) => {
    const name = el('button', { type: 'button', class: 'name', title: 'Write to ' + m.nick }, m.prefix + m.nick);
    name.addEventListener('click', () => open(conversation(m.nick)));
    const item = el('li', { 'data-testid': 'member', 'data-role': roleOf(m.prefix) }, name);
    if (mayModerate && keyOf(m.nick) !== keyOf(state.me)) {
      for (const [label, command] of [['op', ['MODE', c.name, '+o', m.nick]], ['voice', ['MODE', c.name, '+v', m.nick]],
        ['kick', ['KICK', c.name, m.nick]], ['ban', ['MODE', c.name, '+b', m.nick + '!*@*']]]) {
        const action = el('button', { type: 'button', class: 'action', 'data-testid': 'member-' + label,
          'aria-label': label + ' ' + m.nick }, label);
        action.addEventListener('click', () => irc.send(...command));
        item.append(action);
      }
    }
    return item;
  }));
}

function roleOf(prefix) {
  return { '~': 'owner', '&': 'admin', '@': 'operator', '%': 'half-operator', '+': 'voice' }[prefix[0]] ?? 'member';
}

function byRoleThenName([, a], [, b]) {
  const rank = (m) => (m.prefix ? state.prefixes.indexOf(m.prefix[0]) : state.prefixes.length);
  return rank(a) - rank(b) || a.nick.localeCompare(b.nick);
}

function renderDirectory() {
  $('directory').replaceChildren(...state.directory.map(({ name, count }) => {
    const button = el('button', { type: 'button' }, name + ' (' + count + ')');
    button.addEventListener('click', () => irc.send('JOIN', name));
    return el('li', { 'data-testid': 'directory-item' }, button);
  }));
}

// ---- the connection

function status(state_, detail) {
  const words = { connecting: 'connecting…', connected: 'connected', reconnecting: 'reconnecting…',
    refused: 'refused', closed: 'disconnected' }[state_] ?? state_;
  $('status').textContent = detail ? words + ': ' + detail : words;
  $('status').dataset.state = state_;
  if (state_ === 'refused' && !state.me) {
    $('login-error').textContent = detail ?? 'refused';
    $('login-submit').disabled = false;
  }
  if (detail && state.active) system(state.active, detail);
}

function welcome(nick, caps, again) {
  if (!again && irc.login.password) admin.offer(nick, irc.login.password, $('admin-toggle'));
  state.me = nick;
  state.caps = caps;
  if (!again && irc.login.mode !== 'guest' && caps.has('parley.io/e2e')) encryption.start(nick, irc.login.password);
  $('signin').hidden = true;
  $('chat').hidden = false;
  const rooms = [...state.conversations.values()].filter((c) => c.room && c.joined);
  if (again && rooms.length > 0) {
    // back after a drop: the same rooms, and what was said meanwhile from history when the server keeps it
    irc.send('JOIN', rooms.map((c) => c.name).join(','));
  }
  irc.flushWaiting();
  // private conversations come back from history (rooms do on their JOIN), for encrypted ones: a device that was
  // away reads its envelopes there (the offline mailbox goes to the first device back only)
  if (irc.historyCap() && caps.has('parley.io/e2e')) irc.send('CHATHISTORY', 'TARGETS', 'timestamp=1970-01-01T00:00:00.000Z', 'timestamp=' + new Date().toISOString(), 50);
}

function time(m) {
  return m.tags.time ? new Date(m.tags.time) : new Date();
}

function system(c, text) {
  add(c, { kind: 'system', from: '', text, time: new Date(), own: false, id: 'system-' + Math.random() });
}

function line(m) {
  const [first, second] = m.params;
  const last = m.params[m.params.length - 1];
  const fromMe = m.nick && state.me && keyOf(m.nick) === keyOf(state.me);
  switch (m.command) {
    case 'PRIVMSG':
    case 'NOTICE': {
      if (!m.nick || m.nick === m.source && !m.source.includes('!')) {
        // a server notice
        if (state.active) system(state.active, last);
        return;
      }
      if (!isRoom(first) && (second ?? '').startsWith(PREFIX)) {
        encryption.receive(m, fromMe);
        return;
      }
      const target = isRoom(first) ? first : (fromMe ? first : m.nick);
      const c = conversation(target);
      let text = second ?? '';
      let kind = 'message';
      const action = /^\u0001ACTION (.*)\u0001?$/.exec(text);
      if (action) {
        kind = 'action';
        text = action[1].replace(/\u0001$/, '');
      }
      const message = { kind, from: m.nick, text, time: time(m), own: fromMe, id: m.tags.msgid };
      add(c, message, { older: m.history === 'older' });
      return;
    }
    case 'JOIN': {
      const c = conversation(first);
      c.members.set(keyOf(m.nick), { nick: m.nick, prefix: '' });
      if (fromMe) {
        c.joined = true;
        if (!state.active || state.active === c || !state.active.joined) open(c);
        fillFromHistory(c);
      }
      else if (state.active === c) renderMembers();
      return;
    }
    case 'PART':
    case 'KICK': {
      const c = conversation(first);
      const who = m.command === 'KICK' ? second : m.nick;
      c.members.delete(keyOf(who));
      if (keyOf(who) === keyOf(state.me)) {
        c.joined = false;
        state.conversations.delete(keyOf(c.name));
        if (state.active === c) {
          state.active = null;
          const next = state.conversations.values().next().value;
          if (next) open(next);
          else clearView();
        }
        renderSidebar();
      }
      else if (state.active === c) renderMembers();
      return;
    }
    case 'QUIT':
      for (const c of state.conversations.values()) {
        if (c.members.delete(keyOf(m.nick)) && state.active === c) renderMembers();
      }
      return;
    case 'TOPIC':
    case '332': {
      const c = conversation(m.command === 'TOPIC' ? first : second);
      c.topic = last;
      if (state.active === c) $('topic').textContent = c.topic;
      return;
    }
    case '005':
      for (const token of m.params.slice(1, -1)) {
        const prefix = /^PREFIX=\([^)]*\)(.*)$/.exec(token);
        if (prefix && prefix[1]) state.prefixes = prefix[1];
      }
      return;
    case '353': {
      const c = conversation(m.params[2]);
      c.names ??= new Map();
      for (const entry of last.split(' ').filter(Boolean)) {
        let i = 0;
        while (i < entry.length && state.prefixes.includes(entry[i])) i++;
        const nick = entry.slice(i).split('!')[0];
        c.names.set(keyOf(nick), { nick, prefix: entry.slice(0, i) });
      }
      return;
    }
    case '366': {
      const c = conversation(second);
      if (c.names) c.members = c.names;
      c.names = null;
      if (state.active === c) renderMembers();
      return;
    }
    case '321':
      state.directory = [];
      return;
    case '322':
      state.directory.push({ name: second, count: Number(m.params[2]) });
      return;
    case '323':
      renderDirectory();
      return;
    case 'MODE':
      if (isRoom(first)) irc.send('NAMES', first);
      return;
    case 'BATCH':
      return;
    case 'CHATHISTORY':
      // CHATHISTORY TARGETS: each private conversation's latest page, to read what came while away
      if (first === 'TARGETS' && second && !isRoom(second)) irc.send('CHATHISTORY', 'LATEST', second, '*', HISTORY_PAGE);
      return;
    default:
      if (/^[45]\d\d$/.test(m.command) || m.command === 'FAIL') {
        if (state.active) system(state.active, last);
      }
  }
}

function clearView() {
  $('conversation-title').textContent = '';
  $('topic').textContent = '';
  $('message-list').replaceChildren();
  $('member-list').replaceChildren();
}

// ---- history (when the server offers CHATHISTORY; without it the page shows what comes live)

const pendingHistory = new Map();

function fillFromHistory(c) {
  const cap = irc.historyCap();
  if (!cap) return;
  const newest = c.messages.filter((m) => m.kind !== 'system').at(-1);
  if (newest) irc.send('CHATHISTORY', 'AFTER', c.name, 'timestamp=' + newest.time.toISOString(), HISTORY_PAGE);
  else irc.send('CHATHISTORY', 'LATEST', c.name, '*', HISTORY_PAGE);
}

function loadOlder() {
  const c = state.active;
  if (!c || !irc.historyCap()) return;
  const oldest = c.messages.find((m) => m.kind !== 'system');
  const at = oldest ? (oldest.id ? 'msgid=' + oldest.id : 'timestamp=' + oldest.time.toISOString()) : '*';
  pendingHistory.set(keyOf(c.name), 'older');
  irc.send('CHATHISTORY', 'BEFORE', c.name, at, HISTORY_PAGE);
}

// a history batch's lines come between BATCH +id chathistory <target> and BATCH -id; older pages go in front
const batches = new Map();
const receive = irc.receive.bind(irc);
irc.receive = (m) => {
  if (m.command === 'BATCH') {
    const id = m.params[0].slice(1);
    if (m.params[0].startsWith('+') && m.params[1]?.endsWith('chathistory')) {
      const target = m.params[2];
      batches.set(id, { target, older: pendingHistory.get(keyOf(target)) === 'older', lines: [] });
      pendingHistory.delete(keyOf(target));
    }
    else if (m.params[0].startsWith('-') && batches.has(id)) {
      const batch = batches.get(id);
      batches.delete(id);
      const lines = batch.older ? batch.lines.reverse() : batch.lines;
      for (const held of lines) line({ ...held, history: batch.older ? 'older' : 'newer' });
    }
    return;
  }
  if (m.tags.batch && batches.has(m.tags.batch)) {
    batches.get(m.tags.batch).lines.push(m);
    return;
  }
  receive(m);
};

// ---- the composer and its /commands

function submit(text) {
  const c = state.active;
  if (text.startsWith('/') && !text.startsWith('//')) {
    command(text.slice(1));
    return;
  }
  if (!c) return;
  say(c, text.startsWith('//') ? text.slice(1) : text);
}

function say(c, text, action = false) {
  if (!c.room && encryption.e2e && !action) {
    encryption.say(c, text);
    return;
  }
  for (const piece of splitText(text, c.name)) {
    irc.say('PRIVMSG', c.name, action ? '\u0001ACTION ' + piece + '\u0001' : piece);
    if (!state.caps.has('echo-message')) {
      add(c, { kind: action ? 'action' : 'message', from: state.me, text: piece, time: new Date(), own: true,
        id: 'own-' + Math.random() });
    }
  }
}

function command(input) {
  const [name, ...words] = input.split(' ');
  const rest = words.join(' ');
  const c = state.active;
  switch (name.toLowerCase()) {
    case 'join':
      irc.send('JOIN', words[0].startsWith('#') ? words[0] : '#' + words[0]);
      break;
    case 'part':
    case 'leave':
      if (words[0] || c?.room) irc.send('PART', words[0] || c.name);
      break;
    case 'msg':
    case 'query': {
      const target = conversation(words[0]);
      if (words.length > 1) say(target, words.slice(1).join(' '));
      open(target);
      break;
    }
    case 'me':
      if (c) say(c, rest, true);
      break;
    case 'topic':
      if (c?.room) irc.send('TOPIC', c.name, rest);
      break;
    case 'list':
    case 'rooms':
      irc.send('LIST');
      showDirectory(true);
      break;
    case 'quit':
      irc.send('QUIT', rest || 'bye');
      irc.stop();
      break;
    case 'help':
      if (c) system(c, '/join #room, /leave, /msg name text, /me action, /topic text, /list, /quit; other /commands go to the server as IRC');
      break;
    default:
      // any other command goes to the server as IRC (/who #room, /whois name, /away ...)
      irc.send(name.toUpperCase(), ...words);
  }
}

function showDirectory(show) {
  $('directory').hidden = !show;
  $('directory-toggle').setAttribute('aria-expanded', String(show));
}

function closeNarrowPanels() {
  document.body.classList.remove('show-sidebar', 'show-members');
  $('menu-toggle').setAttribute('aria-expanded', 'false');
  $('members-toggle').setAttribute('aria-expanded', 'false');
}

// ---- wiring

function signIn(mode) {
  const name = $('login-name').value.trim();
  const password = $('login-password').value;
  if (!/^[A-Za-z][A-Za-z0-9_-]{1,31}$/.test(name)) {
    $('login-error').textContent = 'A name is 2-32 letters, digits, _ or -, starting with a letter';
    return;
  }
  if (mode !== 'guest' && password.length === 0) {
    $('login-error').textContent = 'Type your password, or chat as a guest';
    return;
  }
  $('login-error').textContent = '';
  $('login-password').value = '';
  irc.start({ mode, name, password });
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  signIn(state.registering ? 'register' : 'login');
});
$('guest-submit').addEventListener('click', () => signIn('guest'));
$('register-toggle').addEventListener('click', () => {
  state.registering = !state.registering;
  $('register-toggle').setAttribute('aria-pressed', String(state.registering));
  $('login-title').textContent = state.registering ? 'Create an account' : 'Sign in';
  $('login-submit').textContent = state.registering ? 'Create account' : 'Sign in';
  $('register-toggle').textContent = state.registering ? 'Have an account? Sign in' : 'New here? Create an account';
  $('login-password').autocomplete = state.registering ? 'new-password' : 'current-password';
});
$('join-room').addEventListener('keydown', (event) => {
  if (event.key !== 'Enter') return;
  const room = event.target.value.trim();
  if (room) irc.send('JOIN', room.startsWith('#') ? room : '#' + room);
  event.target.value = '';
});
$('composer').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    $('composer-form').requestSubmit();
  }
});
$('composer-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('composer').value;
  $('composer').value = '';
  if (text.trim()) submit(text);
});
$('leave').addEventListener('click', () => state.active?.room && irc.send('PART', state.active.name));
$('older').addEventListener('click', loadOlder);
$('message-list').addEventListener('scroll', (event) => {
  if (event.target.scrollTop === 0 && irc.historyCap()) loadOlder();
});
$('directory-toggle').addEventListener('click', () => {
  const show = $('directory').hidden;
  if (show) irc.send('LIST');
  showDirectory(show);
});
$('menu-toggle').addEventListener('click', () => {
  const shown = document.body.classList.toggle('show-sidebar');
  $('menu-toggle').setAttribute('aria-expanded', String(shown));
});
$('members-toggle').addEventListener('click', () => {
  const shown = document.body.classList.toggle('show-members');
  $('members-toggle').setAttribute('aria-expanded', String(shown));
});
$('admin-toggle').addEventListener('click', () => {
  const show = $('admin').hidden;
  $('admin-toggle').setAttribute('aria-expanded', String(show));
  admin.show(show);
});
const savedTheme = localStorage.getItem('parley-theme');
if (savedTheme) document.documentElement.dataset.theme = savedTheme;
$('theme-toggle').addEventListener('click', () => {
  const dark = document.documentElement.dataset.theme
    ? document.documentElement.dataset.theme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.dataset.theme = dark ? 'light' : 'dark';
  localStorage.setItem('parley-theme', document.documentElement.dataset.theme);
});
