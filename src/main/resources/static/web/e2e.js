// End-to-end encrypted private messages (issue 21; docs/e2e.md). This device's keys are made here with WebCrypto
// and kept in IndexedDB with their private halves non-extractable: an Ed25519 identity key, and X25519 prekeys it
// signs. Their public halves go to the server's key directory (/api/keys). A private message is sealed with HPKE
// (RFC 9180, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM: the vendored @hpke/core, never crypto of ours)
// once for each device of the recipient and of the sender, signed with the sender's identity key, and sent as one
// private message per device whose text is PREFIX and the envelope in base64url. The server reads none of it.

import { Aes128Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from './vendor/hpke/core/mod.js';
import { splitBytes } from './irc.js';

export const PREFIX = '+e2e1:';
/** The server's bound on an envelope's text (protocol.EncryptedEnvelope.MAX_BYTES); read from /api/keys/settings. */
let maxEnvelopeBytes = 448;
/** Plain text per envelope: longer text goes as several, each under the bound with a sender name of 32. */
export const PIECE_BYTES = 128;
/** An envelope whose time is this far from the server's time of its line is refused (a replay or a forgery). */
const TIME_SKEW_MS = 10 * 60 * 1000;

const VERSION = 1;
const INFO = new TextEncoder().encode('parley-e2e:1');
const PREKEY_LABEL = new TextEncoder().encode('parley-prekey:1:');
const SIGNATURE_LABEL = new TextEncoder().encode('parley-e2e-signature:1:');
const HEADER = 1 + 16 + 6 + 8 + 8 + 4 + 32; // version, id, time, from device, to device, prekey id, enc

export const suite = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes128Gcm() });

// ---- bytes

export const b64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
  .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export function unb64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const u32 = (n) => new Uint8Array([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
const readU32 = (b, at) => ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3];
const hex = (bytes) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
const name = (text) => new TextEncoder().encode(text.toLowerCase());

/** The device id: the first 8 bytes of SHA-256 over the identity key (the server computes the same). */
async function deviceIdOf(identityRaw) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', identityRaw)).slice(0, 8);
}

/** A fingerprint to compare out of band: SHA-256 over the identity key, 16 bytes in groups of four hex digits. */
export async function fingerprint(identityKey) {
  const digest = hex(new Uint8Array(await crypto.subtle.digest('SHA-256', unb64url(identityKey))).slice(0, 16));
  return digest.match(/.{4}/g).join(' ');
}

// ---- IndexedDB: this browser's devices (one per account signed in here), contacts' known devices, seen envelopes

function database() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('parley-e2e', 1);
    open.onupgradeneeded = () => {
      for (const store of ['devices', 'contacts', 'seen']) open.result.createObjectStore(store);
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

async function stored(store, key) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const get = db.transaction(store).objectStore(store).get(key);
    get.onsuccess = () => resolve(get.result);
    get.onerror = () => reject(get.error);
  });
}

async function store(storeName, key, value) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(storeName, 'readwrite');
    tx.objectStore(storeName).put(value, key);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

// ---- keys

async function newPrekey(identity, id) {
  const keyPair = await crypto.subtle.generateKey({ name: 'X25519' }, false, ['deriveBits']);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', keyPair.publicKey));
  const signature = new Uint8Array(await crypto.subtle.sign('Ed25519', identity.privateKey,
    concat(PREKEY_LABEL, u32(id), raw)));
  return { id, keyPair, raw, signature, createdAt: Date.now(), replacedAt: null };
}

async function verifyKey(identityKey) {
  return crypto.subtle.importKey('raw', unb64url(identityKey), { name: 'Ed25519' }, true, ['verify']);
}

/**
 * The end-to-end state of one signed-in account in this browser: its device, the directory over HTTP (Basic, the
 * credentials the person signed in with, in memory only), contacts' devices and the envelopes seen.
 * `onWarning(conversation, text, kind)` shows a refused envelope or a changed key.
 */
export class EndToEnd {
  constructor(user, password, onWarning) {
    this.user = user;
    this.auth = 'Basic ' + btoa(String.fromCharCode(...new TextEncoder().encode(user + ':' + password)));
    this.onWarning = onWarning;
    this.devicesOf = new Map();
    this.ready = null;
  }

  call(method, path, body) {
    return fetch(path, { method, credentials: 'omit', cache: 'no-store',
      headers: { Authorization: this.auth, Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined });
  }

  /** Makes this device's keys on first use, rotates the prekey when due, and publishes them. */
  start() {
    this.ready ??= this.setUp().catch((error) => {
      this.ready = null;
      throw error;
    });
    return this.ready;
  }

  async setUp() {
    const settings = await (await this.call('GET', '/api/keys/settings')).json();
    maxEnvelopeBytes = settings.maxEnvelopeBytes;
    const key = this.user.toLowerCase();
    let device = await stored('devices', key);
    if (!device) {
      const identity = await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
      const identityRaw = new Uint8Array(await crypto.subtle.exportKey('raw', identity.publicKey));
      device = { identity, identityRaw, id: await deviceIdOf(identityRaw), prekeys: [await newPrekey(identity, 1)] };
      await store('devices', key, device);
    }
    const now = Date.now();
    const current = device.prekeys.at(-1);
    if (now - current.createdAt >= settings.prekeyRotationSeconds * 1000) {
      // a new prekey for what comes next; the old one still opens what was sent to it, for the grace period only
      current.replacedAt = now;
      device.prekeys.push(await newPrekey(device.identity, current.id + 1));
    }
    device.prekeys = device.prekeys.filter((p) => p.replacedAt === null || now - p.replacedAt < settings.prekeyGraceSeconds * 1000);
    await store('devices', key, device);
    this.device = device;
    const published = await this.publish(device.prekeys.at(-1));
    if (published.status === 410) {
      // revoked: this browser's keys are dead; the person signs in again to make new ones
      await store('devices', key, undefined);
      throw new Error('this device was revoked; sign in again to make new keys');
    }
    if (!published.ok) throw new Error('the key directory refused this device: ' + (await published.json()).detail);
    this.deviceId = b64url(device.id);
    return this;
  }

  publish(prekey) {
    return this.call('POST', '/api/keys/devices', { identityKey: b64url(this.device.identityRaw), prekeyId: prekey.id,
      prekey: b64url(prekey.raw), prekeySignature: b64url(prekey.signature) });
  }

  async ownFingerprint() {
    return fingerprint(b64url(this.device.identityRaw));
  }

  /**
   * A contact's live devices from the directory, each checked (its prekey signed by its identity key); the first
   * look is trusted, and a later change of the set is a warning in the conversation.
   */
  async fetchDevices(user) {
    const answer = await this.call('GET', '/api/keys/users/' + encodeURIComponent(user));
    if (!answer.ok) return [];
    const { devices } = await answer.json();
    const checked = [];
    for (const d of devices) {
      const identity = await verifyKey(d.identityKey);
      const signed = concat(PREKEY_LABEL, u32(d.prekeyId), unb64url(d.prekey));
      if (await crypto.subtle.verify('Ed25519', identity, unb64url(d.prekeySignature), signed)) {
        checked.push({ ...d, identity });
      }
    }
    this.devicesOf.set(user.toLowerCase(), checked);
    if (user.toLowerCase() !== this.user.toLowerCase()) await this.compareWithKnown(user, checked);
    return checked;
  }

  async compareWithKnown(user, devices) {
    const key = user.toLowerCase();
    const known = await stored('contacts', key);
    const now = Object.fromEntries(devices.map((d) => [d.deviceId, { identityKey: d.identityKey,
      verified: known?.devices[d.deviceId]?.verified ?? false }]));
    if (known) {
      const added = devices.filter((d) => !known.devices[d.deviceId]);
      const gone = Object.keys(known.devices).filter((id) => !now[id]);
      if (added.length > 0 || gone.length > 0) {
        const words = [];
        for (const d of added) words.push('new device ' + (await fingerprint(d.identityKey)));
        if (gone.length > 0) words.push(gone.length + ' device(s) removed');
        this.onWarning(user, user + "'s keys changed: " + words.join('; ')
          + '. Compare fingerprints with ' + user + ' before trusting it.', 'key-change');
      }
    }
    await store('contacts', key, { devices: now });
  }

  /** This account's devices with keys (revoked ones too), from the directory. */
  async ownDevices() {
    const answer = await this.call('GET', '/api/keys/devices');
    return answer.ok ? (await answer.json()).devices : [];
  }

  /** Revokes one of this account's other devices: senders stop sealing to it at their next look-up. */
  async revoke(deviceId) {
    const answer = await this.call('DELETE', '/api/keys/devices/' + encodeURIComponent(deviceId));
    if (!answer.ok) throw new Error('the device could not be revoked: ' + (await answer.json()).detail);
  }

  async markVerified(user, deviceId, verified) {
    const key = user.toLowerCase();
    const known = (await stored('contacts', key)) ?? { devices: {} };
    if (known.devices[deviceId]) known.devices[deviceId].verified = verified;
    await store('contacts', key, known);
  }

  async known(user) {
    return (await stored('contacts', user.toLowerCase()))?.devices ?? {};
  }

  // ---- sending

  /**
   * The envelopes for `text` to `peer`: one per device of the peer (to send to the peer) and one per device of
   * this account, this one included (to send to oneself: the other devices show the conversation, and history
   * keeps this device's copy). Null when the peer has no devices: the message cannot be encrypted.
   */
  async seal(peer, text) {
    const [theirs, mine] = await Promise.all([this.fetchDevices(peer), this.fetchDevices(this.user)]);
    if (theirs.length === 0) return null;
    const lines = [];
    for (const piece of splitBytes(text, PIECE_BYTES)) {
      const id = crypto.getRandomValues(new Uint8Array(16));
      const time = Date.now();
      const self = peer.toLowerCase() === this.user.toLowerCase();
      const sealed = await Promise.all([
        ...theirs.map((d) => this.sealFor(d, peer, peer, id, time, piece)),
        ...(self ? [] : mine.map((d) => this.sealFor(d, this.user, peer, id, time, piece))),
      ]);
      lines.push(...sealed);
    }
    return lines;
  }

  /** One envelope for one device: [the account to send it to, the text to send]. */
  async sealFor(device, to, peer, id, time, piece) {
    const recipientPublicKey = await suite.kem.deserializePublicKey(unb64url(device.prekey));
    const peerName = name(peer);
    const header = concat(new Uint8Array([VERSION]), id, timeBytes(time), this.device.id, unb64url(device.deviceId),
      u32(device.prekeyId));
    const bound = (enc) => concat(SIGNATURE_LABEL, name(this.user), new Uint8Array([0]), name(to), new Uint8Array([0]),
      header, enc, new Uint8Array([peerName.length]), peerName);
    const context = await suite.createSenderContext({ recipientPublicKey, info: INFO });
    const enc = new Uint8Array(context.enc);
    const ciphertext = new Uint8Array(await context.seal(new TextEncoder().encode(piece), bound(enc)));
    const body = concat(header, enc, new Uint8Array([peerName.length]), peerName, ciphertext);
    const signature = new Uint8Array(await crypto.subtle.sign('Ed25519', this.device.identity.privateKey,
      concat(bound(enc), ciphertext)));
    const text = PREFIX + b64url(concat(body, signature));
    if (new TextEncoder().encode(text).length > maxEnvelopeBytes) {
      throw new Error('an encrypted message is at most ' + maxEnvelopeBytes + ' bytes; that one was '
        + new TextEncoder().encode(text).length);
    }
    return [to, text];
  }

  // ---- receiving

  /**
   * Opens an envelope that came as a private message from `from` to `to` (the line's source and target) with the
   * server's `msgid` and `time`. Returns { peer, text, id } for this device, null when it was for another device
   * of this account, or { peer, refused } when it is refused: forged, tampered, replayed or unreadable.
   */
  async open(from, to, text, msgid, time) {
    let bytes;
    try {
      bytes = unb64url(text.slice(PREFIX.length));
    }
    catch {
      return { peer: from, refused: 'an encrypted message from ' + from + ' is not an envelope; it was refused' };
    }
    if (bytes.length < HEADER + 1 + 16 + 64 || bytes[0] !== VERSION) {
      return { peer: from, refused: 'an encrypted message from ' + from + ' is malformed; it was refused' };
    }
    const header = bytes.slice(0, 43);
    const id = bytes.slice(1, 17);
    const sent = readTime(bytes, 17);
    const fromDevice = b64url(bytes.slice(23, 31));
    const toDevice = b64url(bytes.slice(31, 39));
    const prekeyId = readU32(bytes, 39);
    const enc = bytes.slice(43, 75);
    const peerLength = bytes[75];
    const peerName = bytes.slice(76, 76 + peerLength);
    const ciphertext = bytes.slice(76 + peerLength, bytes.length - 64);
    const signature = bytes.slice(bytes.length - 64);
    if (toDevice !== this.deviceId) return null;
    const fromMe = from.toLowerCase() === this.user.toLowerCase();
    const peer = fromMe ? new TextDecoder().decode(peerName) : from;
    // the sender's device must be one of the line's sender's devices: the server vouches for who sent the line
    let devices = this.devicesOf.get(from.toLowerCase());
    let sender = devices?.find((d) => d.deviceId === fromDevice);
    if (!sender) {
      devices = await this.fetchDevices(from);
      sender = devices.find((d) => d.deviceId === fromDevice);
    }
    if (!sender) {
      return { peer, refused: 'refused an encrypted message claiming to be from ' + from
        + ': it was signed by a device that is not one of ' + from + "'s (a forged sender)" };
    }
    const bound = concat(SIGNATURE_LABEL, name(from), new Uint8Array([0]), name(to), new Uint8Array([0]), header, enc,
      new Uint8Array([peerLength]), peerName);
    if (!await crypto.subtle.verify('Ed25519', sender.identity, signature, concat(bound, ciphertext))) {
      return { peer, refused: 'refused an encrypted message from ' + from
        + ': its signature does not match (tampered with, or re-addressed)' };
    }
    if (Math.abs(sent - time.getTime()) > TIME_SKEW_MS) {
      return { peer, refused: 'refused an encrypted message from ' + from + ': it was made at '
        + new Date(sent).toISOString() + ', far from when the server got it (a replay?)' };
    }
    const seenKey = hex(id) + '/' + toDevice;
    const seenAs = await stored('seen', seenKey);
    if (seenAs !== undefined && seenAs !== msgid) {
      return { peer, refused: 'refused an encrypted message from ' + from + ': it was delivered before (a replay)' };
    }
    const prekey = this.device.prekeys.find((p) => p.id === prekeyId);
    if (!prekey) {
      return { peer, refused: 'an encrypted message from ' + from + ' was sealed to a prekey this device has dropped'
        + ' (older than the rotation grace); it cannot be read' };
    }
    let plain;
    try {
      plain = await suite.open({ recipientKey: prekey.keyPair, enc, info: INFO }, ciphertext, bound);
    }
    catch {
      return { peer, refused: 'refused an encrypted message from ' + from + ': it does not decrypt (tampered with)' };
    }
    await store('seen', seenKey, msgid ?? null);
    return { peer, text: new TextDecoder().decode(plain), id: hex(id) };
  }
}

function timeBytes(ms) {
  const out = new Uint8Array(6);
  let rest = ms;
  for (let i = 5; i >= 0; i--) {
    out[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  return out;
}

function readTime(bytes, at) {
  let ms = 0;
  for (let i = 0; i < 6; i++) ms = ms * 256 + bytes[at + i];
  return ms;
}

/**
 * Seals one message to `count` fresh devices and returns the milliseconds it took (measured in the browser test):
 * the cost a sender pays per message, key fetches aside.
 */
export async function timeSealing(count) {
  const sender = new EndToEnd('bench', '', () => {});
  const identity = await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
  const identityRaw = new Uint8Array(await crypto.subtle.exportKey('raw', identity.publicKey));
  sender.device = { identity, identityRaw, id: await deviceIdOf(identityRaw), prekeys: [] };
  const devices = [];
  for (let i = 0; i < count; i++) {
    const prekey = await newPrekey(identity, i + 1);
    devices.push({ deviceId: b64url(await deviceIdOf(prekey.raw)), prekeyId: prekey.id, prekey: b64url(prekey.raw) });
  }
  const id = crypto.getRandomValues(new Uint8Array(16));
  const started = performance.now();
  await Promise.all(devices.map((d) => sender.sealFor(d, 'someone', 'someone', id, Date.now(), 'a message of an ordinary length, to ten devices')));
  return performance.now() - started;
}
