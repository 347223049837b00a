// IRC over the server's WebSocket door (IRCv3 WebSocket, text.ircv3.net): one line per message.
// This module knows IRC and nothing of the page: it parses and formats lines, signs in (SASL PLAIN,
// REGISTER, or as a guest), reconnects with backoff, and reports what happened through callbacks.

/** Parses one IRC line into { tags, source, nick, command, params }. */
export function parseLine(line) {
  let rest = line;
  const tags = {};
  if (rest.startsWith('@')) {
    const space = rest.indexOf(' ');
    for (const tag of rest.slice(1, space).split(';')) {
      const eq = tag.indexOf('=');
      const key = eq < 0 ? tag : tag.slice(0, eq);
      tags[key] = eq < 0 ? '' : unescapeTag(tag.slice(eq + 1));
    }
    rest = rest.slice(space + 1).trimStart();
  }
  let source = null;
  if (rest.startsWith(':')) {
    const space = rest.indexOf(' ');
    source = rest.slice(1, space);
    rest = rest.slice(space + 1).trimStart();
  }
  const params = [];
  while (rest.length > 0) {
    if (rest.startsWith(':')) {
      params.push(rest.slice(1));
      break;
    }
    const space = rest.indexOf(' ');
    if (space < 0) {
      params.push(rest);
      break;
    }
    params.push(rest.slice(0, space));
    rest = rest.slice(space + 1).trimStart();
  }
  const command = (params.shift() || '').toUpperCase();
  const nick = source ? source.split('!')[0] : null;
  return { tags, source, nick, command, params };
}

function unescapeTag(value) {
  return value.replace(/\\(.)/g, (_, c) => ({ ':': ';', s: ' ', r: '\r', n: '\n', '\\': '\\' })[c] ?? c);
}

/** Formats a command: the last parameter may hold spaces. Line ends are never sent. */
export function formatLine(command, ...params) {
  const clean = params.map((p) => String(p).replace(/[\r\n\0]/g, ' '));
  if (clean.length > 0) {
    const last = clean.length - 1;
    if (clean[last] === '' || clean[last].includes(' ') || clean[last].startsWith(':')) {
      clean[last] = ':' + clean[last];
    }
  }
  return [command, ...clean].join(' ');
}

/** The longest text one PRIVMSG carries: 512 bytes less the command, the target and the source others see. */
export function splitText(text, target) {
  return splitBytes(text, 512 - 2 - ('PRIVMSG ' + target + ' :').length - 100);
}

/** Each line of the text in pieces of at most `room` bytes of UTF-8, cut between words where a space is near. */
export function splitBytes(text, room) {
  const encoder = new TextEncoder();
  const pieces = [];
  for (const line of text.split('\n')) {
    let rest = line;
    while (encoder.encode(rest).length > room) {
      let cut = Math.min(rest.length, room);
      while (encoder.encode(rest.slice(0, cut)).length > room) cut--;
      const space = rest.lastIndexOf(' ', cut);
      if (space > room / 2) cut = space;
      pieces.push(rest.slice(0, cut));
      rest = rest.slice(cut).trimStart();
    }
    if (rest.length > 0) pieces.push(rest);
  }
  return pieces;
}

const WANTED_CAPS = ['sasl', 'server-time', 'message-tags', 'batch', 'draft/chathistory', 'chathistory',
  'draft/account-registration', 'echo-message', 'multi-prefix', 'parley.io/e2e'];

/**
 * One connection to the server, reopened after a drop with backoff (1 s doubling to 10 s). `handlers`:
 * onStatus(state, detail), onLine(message), onWelcome(nick, caps). The password lives in this object only, for
 * reconnecting; it is never written to a URL or to storage.
 */
export class IrcConnection {
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    this.caps = new Set();
    this.offered = new Map();
    this.backoff = 1000;
    this.stopped = false;
    this.login = null;
    this.nick = null;
    this.registered = false;
    this.everWelcomed = false;
    this.waiting = [];
  }

  /** login: { mode: 'login' | 'register' | 'guest', name, password } */
  start(login) {
    this.login = login;
    this.stopped = false;
    this.everWelcomed = false;
    this.open();
  }

  open() {
    this.handlers.onStatus('connecting');
    const socket = new WebSocket(this.url, ['text.ircv3.net']);
    this.socket = socket;
    this.caps = new Set();
    this.offered = new Map();
    this.registered = false;
    this.refused = false;
    this.closing = null;
    socket.onopen = () => {
      this.send('CAP', 'LS', '302');
      this.send('NICK', this.login.name);
      this.send('USER', this.login.name, '0', '*', this.login.name);
    };
    socket.onmessage = (event) => {
      if (typeof event.data === 'string') this.receive(parseLine(event.data));
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.stopped) {
        this.handlers.onStatus(this.refused ? 'refused' : 'closed', this.closing);
        return;
      }
      // 1 s, doubling to 10 s, each a little shortened or lengthened so that a restarted server is not
      // met by every page at the same instant
      const wait = this.backoff * (0.8 + 0.4 * Math.random());
      this.backoff = Math.min(this.backoff * 2, 10000);
      this.handlers.onStatus('reconnecting', this.closing);
      this.retry = setTimeout(() => this.open(), wait);
    };
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retry);
    if (this.socket) this.socket.close();
  }

  send(command, ...params) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(formatLine(command, ...params));
    }
  }

  /**
   * Sends what a person wrote; while the connection is down (a drop, a server restart) it waits, in order,
   * and goes once the connection is back and its rooms are joined again: nothing typed is lost.
   */
  say(command, ...params) {
    if (this.registered && this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.send(command, ...params);
    }
    else if (this.waiting.length < 200) {
      this.waiting.push([command, ...params]);
    }
  }

  /** Sends what waited for the connection to come back (after the rooms are joined again). */
  flushWaiting() {
    for (const line of this.waiting.splice(0, this.waiting.length)) this.send(...line);
  }

  receive(m) {
    switch (m.command) {
      case 'PING':
        this.send('PONG', m.params[0] ?? '');
        return;
      case 'CAP':
        this.cap(m);
        return;
      case 'AUTHENTICATE':
        if (m.params[0] === '+') {
          const bytes = new TextEncoder().encode('\0' + this.login.name + '\0' + this.login.password);
          this.send('AUTHENTICATE', btoa(String.fromCharCode(...bytes)));
        }
        return;
      case '903':
      case 'REGISTER':
        if (m.command === 'REGISTER' && m.params[0] !== 'SUCCESS') return;
        if (m.command === 'REGISTER') this.login = { ...this.login, mode: 'login' };
        this.send('CAP', 'END');
        return;
      case '904':
      case '464':
      case '465':
        this.fail(m.params[m.params.length - 1]);
        return;
      case 'FAIL':
        if (m.params[0] === 'REGISTER') {
          this.fail(m.params[m.params.length - 1]);
          return;
        }
        break;
      case '001':
        this.nick = m.params[0];
        this.registered = true;
        this.backoff = 1000;
        this.handlers.onStatus('connected');
        this.handlers.onWelcome(this.nick, this.caps, this.everWelcomed);
        this.everWelcomed = true;
        break;
      case 'ERROR':
        this.closing = m.params[0];
        break;
      default:
        break;
    }
    this.handlers.onLine(m);
  }

  /** A sign-in the server refused: no point in retrying with the same words. */
  fail(text) {
    this.stopped = true;
    this.refused = true;
    this.closing = text;
    this.handlers.onStatus('refused', text);
    if (this.socket) this.socket.close();
  }

  cap(m) {
    const sub = m.params[1];
    const list = m.params[m.params.length - 1];
    if (sub === 'LS') {
      for (const entry of list.split(' ').filter(Boolean)) {
        const eq = entry.indexOf('=');
        this.offered.set(eq < 0 ? entry : entry.slice(0, eq), eq < 0 ? '' : entry.slice(eq + 1));
      }
      if (m.params[2] === '*') return; // more LS lines follow
      const wanted = WANTED_CAPS.filter((c) => this.offered.has(c));
      if (wanted.length > 0) this.send('CAP', 'REQ', wanted.join(' '));
      else this.afterCaps();
    }
    else if (sub === 'ACK') {
      for (const c of list.split(' ').filter(Boolean)) this.caps.add(c);
      this.afterCaps();
    }
    else if (sub === 'NAK') {
      this.afterCaps();
    }
  }

  afterCaps() {
    const { mode, password } = this.login;
    if (mode === 'login' && this.caps.has('sasl')) {
      this.send('AUTHENTICATE', 'PLAIN');
    }
    else if (mode === 'register') {
      this.send('REGISTER', '*', '*', password);
    }
    else {
      this.send('CAP', 'END');
    }
  }

  /** The history capability the server granted, or null. */
  historyCap() {
    if (this.caps.has('draft/chathistory')) return 'draft/chathistory';
    if (this.caps.has('chathistory')) return 'chathistory';
    return null;
  }
}
