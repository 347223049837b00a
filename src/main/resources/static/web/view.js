// Building the page's elements. Text from the server only ever becomes text nodes (textContent) or the href
// of an http(s) link: never markup, so nothing a user sends can add elements or run script.

const LINK = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/** An element with a class, attributes and children (strings become text nodes). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('data-')) node.setAttribute(key, value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children) node.append(child);
  return node;
}

/** The text as text and link nodes: each http(s) address a link opening apart, everything else text. */
export function linkified(text) {
  const nodes = [];
  let at = 0;
  for (const match of text.matchAll(LINK)) {
    if (match.index > at) nodes.push(document.createTextNode(text.slice(at, match.index)));
    const link = el('a', { href: match[0], rel: 'noopener noreferrer nofollow', target: '_blank' });
    link.textContent = match[0];
    nodes.push(link);
    at = match.index + match[0].length;
  }
  if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
  return nodes;
}

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const DAY = new Intl.DateTimeFormat(undefined, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });

export function dayOf(date) {
  return date.toDateString();
}

/** A day separator before the first message of a day. */
export function daySeparator(date) {
  return el('li', { class: 'day', role: 'separator', 'data-testid': 'day-separator' }, DAY.format(date));
}

/** One message: time, sender, text; `own` marks the user's own, `action` a /me. */
export function messageItem(message) {
  const item = el('li', {
    class: 'message' + (message.own ? ' own' : '') + (message.kind !== 'message' ? ' ' + message.kind : ''),
    // a refused envelope or a changed key (issue 21) is a warning, found apart from the messages
    'data-testid': message.kind === 'warning' ? 'e2e-warning' : 'message',
    'data-own': message.own ? 'true' : null,
    'data-encrypted': message.encrypted ? 'true' : null,
    role: message.kind === 'warning' ? 'alert' : null,
  });
  const time = el('time', { datetime: message.time.toISOString() }, TIME.format(message.time));
  item.append(time, ' ');
  if (message.encrypted) item.append(el('span', { class: 'lock', title: 'end-to-end encrypted' }, '🔒'), ' ');
  if (message.kind === 'action') {
    item.append(el('span', { class: 'sender' }, '* ' + message.from), ' ', ...linkified(message.text));
  }
  else if (message.kind === 'system' || message.kind === 'warning') {
    item.append(el('span', { class: 'text' }, ...linkified(message.text)));
  }
  else {
    item.append(el('span', { class: 'sender' }, message.from), ' ',
      el('span', { class: 'text' }, ...linkified(message.text)));
  }
  return item;
}
