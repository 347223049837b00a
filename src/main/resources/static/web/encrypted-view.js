// The page's side of end-to-end encrypted private messages (issue 21; docs/e2e.md): starting this device's keys
// at sign-in, sealing what is typed in a private conversation, opening envelopes that come, warnings, and the
// conversation's head (encrypted or not, fingerprints, verifying, revoking one's other devices). e2e.js holds the
// keys and the crypto; app.js hands this the page's few functions it needs.

import { EndToEnd, fingerprint } from './e2e.js';
import { splitText } from './irc.js';
import { el } from './view.js';

const $ = (id) => document.getElementById(id);

export class EncryptedConversations {
  /** page: { irc, state, conversation(name), add(c, message, options), system(c, text), time(line) } */
  constructor(page) {
    this.page = page;
    /** The account's end-to-end state once signed in with an account; null for a guest. */
    this.e2e = null;
    // envelopes are sealed and opened one at a time, in the order they were typed or came: a message that
    // takes longer to open never overtakes the one after it
    this.queue = Promise.resolve();
    $('e2e-keys-toggle').addEventListener('click', () => {
      const show = $('e2e-devices').hidden;
      $('e2e-devices').hidden = !show;
      $('e2e-keys-toggle').setAttribute('aria-expanded', String(show));
    });
  }

  inTurn(work) {
    this.queue = this.queue.then(work).catch((error) => {
      console.error('end-to-end encryption:', error);
      const { state, system } = this.page;
      if (state.active) system(state.active, 'Encryption: ' + String(error.message ?? error));
    });
    return this.queue;
  }

  start(nick, password) {
    this.e2e = new EndToEnd(nick, password, (name, text) => this.warn(this.page.conversation(name), text));
    this.inTurn(async () => {
      await this.e2e.start();
      // for tests outside the project (docs/web-client.md): this device's keys are made and published
      document.body.dataset.e2e = 'ready';
      if (this.page.state.active) this.render(this.page.state.active);
    });
  }

  warn(c, text) {
    this.page.add(c, { kind: 'warning', from: '', text, time: new Date(), own: false, id: 'warning-' + Math.random() });
  }

  /** Sends `text` to the private conversation `c`: sealed for every device, or in the clear to one with no keys. */
  say(c, text) {
    const { irc, state, add } = this.page;
    this.inTurn(async () => {
      await this.e2e.start();
      const lines = await this.e2e.seal(c.name, text);
      if (lines === null) {
        // the contact has no keys (no web client yet): said in the clear, as the head says
        for (const piece of splitText(text, c.name)) irc.say('PRIVMSG', c.name, piece);
        if (!state.caps.has('echo-message')) {
          add(c, { kind: 'message', from: state.me, text, time: new Date(), own: true, id: 'own-' + Math.random() });
        }
        return;
      }
      for (const [to, envelopeText] of lines) irc.say('PRIVMSG', to, envelopeText);
    });
  }

  /** A private message whose text is an envelope: shown decrypted, or as a warning when refused. */
  receive(m, fromMe) {
    const { state, conversation, add, system, time } = this.page;
    const [to, text] = m.params;
    this.inTurn(async () => {
      if (!this.e2e) {
        system(conversation(fromMe ? to : m.nick), 'an end-to-end encrypted message arrived; sign in with an account to read it');
        return;
      }
      await this.e2e.start();
      const opened = await this.e2e.open(m.nick, to, text, m.tags.msgid, time(m));
      if (opened === null) return; // for another device of this account
      const c = conversation(opened.peer);
      if (opened.refused) {
        this.warn(c, opened.refused);
        return;
      }
      add(c, { kind: 'message', from: m.nick, text: opened.text, time: time(m), own: fromMe, id: 'e2e-' + opened.id,
        encrypted: true }, { older: m.history === 'older' });
      if (state.active === c) this.render(c);
    });
  }

  /** The conversation's head: whether it is encrypted, and its devices' fingerprints to compare and mark verified. */
  async render(c) {
    const { state } = this.page;
    const status = $('e2e-status');
    const toggle = $('e2e-keys-toggle');
    if (c.room) {
      status.textContent = 'Room messages are not end-to-end encrypted';
      status.dataset.state = 'room';
      toggle.hidden = true;
      $('e2e-devices').hidden = true;
      return;
    }
    if (!this.e2e?.device) {
      status.textContent = this.e2e ? 'Setting up encryption…' : 'Not encrypted: guests have no keys';
      status.dataset.state = 'plain';
      toggle.hidden = true;
      return;
    }
    const devices = await this.e2e.fetchDevices(c.name).catch(() => []);
    if (state.active !== c) return;
    status.textContent = devices.length > 0 ? '🔒 End-to-end encrypted'
      : 'Not encrypted: ' + c.name + ' has no keys yet (no web client signed in)';
    status.dataset.state = devices.length > 0 ? 'encrypted' : 'plain';
    toggle.hidden = false;
    const known = await this.e2e.known(c.name);
    const items = [el('li', { 'data-testid': 'own-fingerprint' }, 'This device: ' + await this.e2e.ownFingerprint())];
    for (const d of devices) {
      const verified = known[d.deviceId]?.verified === true;
      const mark = el('button', { type: 'button', 'data-testid': 'verify-device', 'aria-pressed': String(verified) },
        verified ? 'verified ✓' : 'mark verified');
      mark.addEventListener('click', async () => {
        await this.e2e.markVerified(c.name, d.deviceId, !verified);
        this.render(c);
      });
      items.push(el('li', { 'data-testid': 'device-fingerprint' }, c.name + ' · ' + await fingerprint(d.identityKey), ' ', mark));
    }
    // this account's other devices, each revocable from here (a lost phone, an old browser)
    for (const d of await this.e2e.ownDevices()) {
      if (d.revokedAt || d.deviceId === this.e2e.deviceId) continue;
      const revoke = el('button', { type: 'button', 'data-testid': 'revoke-device' }, 'revoke');
      revoke.addEventListener('click', () => this.inTurn(async () => {
        await this.e2e.revoke(d.deviceId);
        this.render(c);
      }));
      items.push(el('li', { 'data-testid': 'own-device' }, 'Your other device · ' + await fingerprint(d.identityKey), ' ', revoke));
    }
    if (state.active !== c) return;
    $('e2e-devices').replaceChildren(...items);
  }
}
