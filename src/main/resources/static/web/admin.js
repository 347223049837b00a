// The admin view, for ADMIN accounts: the existing admin API (HTTP Basic with the name and password the
// person signed in with, held in memory only) for sessions with kick, users with ban, rooms, and a live
// chart of sessions and messages per second from the metrics. Shown only when the API says yes.

import { el } from './view.js';

const POINTS = 120;

export class AdminView {
  constructor(root) {
    this.root = root;
    this.auth = null;
    this.samples = [];
    this.lastMessages = null;
  }

  /** Shows the Admin button when these credentials may use the admin API. */
  async offer(name, password, button) {
    this.auth = 'Basic ' + btoa(String.fromCharCode(...new TextEncoder().encode(name + ':' + password)));
    const answer = await this.call('GET', '/api/admin/users?size=1').catch(() => null);
    button.hidden = !(answer && answer.ok);
    if (button.hidden) this.auth = null;
  }

  call(method, path) {
    return fetch(path, { method, headers: { Authorization: this.auth, Accept: 'application/json' },
      credentials: 'omit', cache: 'no-store' });
  }

  async json(path) {
    const answer = await this.call('GET', path);
    return answer.ok ? answer.json() : null;
  }

  show(visible) {
    this.root.hidden = !visible;
    clearInterval(this.timer);
    if (visible) {
      this.refresh();
      this.timer = setInterval(() => this.tick(), 1000);
    }
  }

  async refresh() {
    const [sessions, users, rooms] = await Promise.all([this.json('/actuator/sessions?limit=200'),
      this.json('/api/admin/users?size=200'), this.json('/api/admin/rooms?limit=200')]);
    if (sessions) {
      this.list('admin-sessions', sessions.sessions, (s) => [
        `${s.user ?? '(not logged in)'} · ${s.protocol}/${s.transport ?? 'tcp'} · ${s.remoteAddress}`,
        s.user && this.button('kick', 'admin-kick', s.user, async () => {
          await this.call('DELETE', '/actuator/sessions/' + encodeURIComponent(s.user));
          this.refresh();
        })]);
    }
    if (users) {
      this.list('admin-users', users.users, (u) => [
        `${u.name} · ${u.role}${u.banned ? ' · banned' : ''} · ${u.sessions} session(s)`,
        this.button(u.banned ? 'unban' : 'ban', 'admin-ban', u.name, async () => {
          await this.call(u.banned ? 'DELETE' : 'PUT', '/api/admin/users/' + encodeURIComponent(u.name) + '/ban');
          this.refresh();
        })]);
    }
    if (rooms) this.list('admin-rooms', rooms.rooms, (r) => [`#${r.room} · ${r.members} member(s)`]);
  }

  list(id, items, render) {
    document.getElementById(id).replaceChildren(...items.map((item) => {
      const [text, ...actions] = render(item);
      return el('li', { 'data-testid': id.replace('admin-', 'admin-') + '-item' }, text, ...actions.filter(Boolean));
    }));
  }

  button(label, testid, name, action) {
    const button = el('button', { type: 'button', 'data-testid': testid, 'aria-label': label + ' ' + name }, label);
    button.addEventListener('click', action);
    return button;
  }

  /** One sample a second: open sessions, and messages received since the last sample. */
  async tick() {
    const [live, received] = await Promise.all([this.json('/actuator/metrics/parley.sessions.live'),
      this.json('/actuator/metrics/parley.messages.received')]);
    const sessions = live?.measurements?.[0]?.value ?? 0;
    const total = received?.measurements?.[0]?.value ?? 0;
    const perSecond = this.lastMessages === null ? 0 : Math.max(0, total - this.lastMessages);
    this.lastMessages = total;
    this.samples.push({ sessions, perSecond });
    if (this.samples.length > POINTS) this.samples.shift();
    document.getElementById('admin-now').textContent = `${sessions} session(s), ${perSecond} message(s)/s`;
    this.root.dataset.samples = String(this.samples.length);
    this.draw();
  }

  draw() {
    const canvas = document.getElementById('admin-chart');
    const g = canvas.getContext('2d');
    const style = getComputedStyle(document.documentElement);
    g.clearRect(0, 0, canvas.width, canvas.height);
    const step = canvas.width / (POINTS - 1);
    for (const [key, color] of [['sessions', '--accent'], ['perSecond', '--muted']]) {
      const top = Math.max(1, ...this.samples.map((s) => s[key]));
      g.strokeStyle = style.getPropertyValue(color).trim() || '#888';
      g.lineWidth = 2;
      g.beginPath();
      this.samples.forEach((s, i) => {
        const x = (POINTS - this.samples.length + i) * step;
        const y = canvas.height - 4 - (s[key] / top) * (canvas.height - 8);
        if (i === 0) g.moveTo(x, y);
        else g.lineTo(x, y);
      });
      g.stroke();
    }
  }
}
