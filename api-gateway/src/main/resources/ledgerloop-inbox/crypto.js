// Envelope cryptography (docs/inbox.md, docs/api.md "Encrypted envelope"), with WebCrypto only:
// X25519 agreement, HKDF-SHA256, AES-256-GCM; Ed25519 decision signatures over RFC 8785 (JCS) JSON.
const subtle = globalThis.crypto.subtle;
const utf8 = new TextEncoder();
const WRAP_INFO = utf8.encode('ledgerloop/envelope/v1/wrap');
export const ALG = 'X25519-HKDF-SHA256-A256GCM';

/** Any failure to open an envelope, whatever its cause: the page shows "cannot decrypt" and nothing else. */
export class CannotDecrypt extends Error {
  constructor(reason) {
    super('cannot decrypt');
    this.reason = reason;
  }
}

export function toBase64(bytes) {
  let binary = '';
  for (const b of new Uint8Array(bytes)) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function fromBase64(text) {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    throw new CannotDecrypt('not base64');
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function toHex(bytes) {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function fromHex(hex) {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
  return bytes;
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function randomBytes(length) {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

export async function sha256(bytes) {
  return new Uint8Array(await subtle.digest('SHA-256', bytes));
}

/** Key id (fingerprint): lowercase hex of the first 16 bytes of SHA-256 of the raw 32-byte public key. */
export async function keyId(rawPublicKey) {
  return toHex((await sha256(rawPublicKey)).slice(0, 16));
}

/** RFC 8785: object keys sorted by UTF-16 code units, no whitespace; ECMAScript number and string forms. */
export function jcs(value) {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('JCS: not a finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return '[' + value.map(jcs).join(',') + ']';
  const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + jcs(value[k])).join(',') + '}';
}

async function aesGcm(rawKey, nonce, data, aad, usage) {
  const key = await subtle.importKey('raw', rawKey, 'AES-GCM', false, [usage]);
  const params = { name: 'AES-GCM', iv: nonce, tagLength: 128, additionalData: aad };
  const out = usage === 'encrypt' ? await subtle.encrypt(params, key, data) : await subtle.decrypt(params, key, data);
  return new Uint8Array(out);
}

async function wrappingKey(sharedSecret, ephemeralPublic, recipientPublic) {
  const ikm = await subtle.importKey('raw', sharedSecret, 'HKDF', false, ['deriveBits']);
  const bits = await subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: concat(ephemeralPublic, recipientPublic), info: WRAP_INFO }, ikm, 256);
  return new Uint8Array(bits);
}

export async function importX25519Public(raw) {
  return subtle.importKey('raw', raw, { name: 'X25519' }, true, []);
}

/** A raw 32-byte X25519 private scalar as a non-extractable key (test vectors, the agent-key derivation). */
export async function importX25519Private(raw) {
  const pkcs8 = concat(fromHex('302e020100300506032b656e04220420'), raw);
  return subtle.importKey('pkcs8', pkcs8, { name: 'X25519' }, false, ['deriveBits']);
}

async function agree(privateKey, publicRaw) {
  const publicKey = await importX25519Public(publicRaw);
  return new Uint8Array(await subtle.deriveBits({ name: 'X25519', public: publicKey }, privateKey, 256));
}

/**
 * Seals plaintext bytes for recipients [{kid, publicKey: raw 32 bytes}]. `fixed` (test vectors only) gives the
 * content key, nonce and per recipient {ephemeralPrivate: CryptoKey, ephemeralPublic: raw, wrapNonce}.
 */
export async function seal(plaintext, recipients, fixed = null) {
  if (!recipients.length) throw new Error('No recipient has a key');
  const contentKey = fixed ? fixed.contentKey : randomBytes(32);
  const nonce = fixed ? fixed.nonce : randomBytes(12);
  const ciphertext = concat(nonce, await aesGcm(contentKey, nonce, plaintext, new Uint8Array(0), 'encrypt'));
  const wrappings = [];
  for (let i = 0; i < recipients.length; i++) {
    const { kid, publicKey } = recipients[i];
    let ephemeralPrivate;
    let ephemeralPublic;
    if (fixed) {
      ({ ephemeralPrivate, ephemeralPublic } = fixed.wrappings[i]);
    } else {
      const pair = await subtle.generateKey({ name: 'X25519' }, false, ['deriveBits']);
      ephemeralPrivate = pair.privateKey;
      ephemeralPublic = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
    }
    const wrapKey = await wrappingKey(await agree(ephemeralPrivate, publicKey), ephemeralPublic, publicKey);
    const wrapNonce = fixed ? fixed.wrappings[i].wrapNonce : randomBytes(12);
    const wrapped = concat(wrapNonce, await aesGcm(wrapKey, wrapNonce, contentKey, utf8.encode(kid), 'encrypt'));
    wrappings.push({ kid, epk: toBase64(ephemeralPublic), wrappedKey: toBase64(wrapped) });
  }
  return { v: 1, alg: ALG, ciphertext: toBase64(ciphertext), wrappings };
}

export async function sealJson(value, recipients) {
  return seal(utf8.encode(JSON.stringify(value)), recipients);
}

/** Opens an envelope with my key pair {kid, publicRaw, privateKey}; any failure throws CannotDecrypt. */
export async function open(envelope, mine) {
  try {
    if (!envelope || envelope.v !== 1 || envelope.alg !== ALG || !Array.isArray(envelope.wrappings)) {
      throw new CannotDecrypt('not an envelope of version 1');
    }
    const wrapping = envelope.wrappings.find((w) => w && w.kid === mine.kid);
    if (!wrapping) throw new CannotDecrypt('not addressed to my key');
    const ephemeralPublic = fromBase64(wrapping.epk);
    const wrapped = fromBase64(wrapping.wrappedKey);
    const sealed = fromBase64(envelope.ciphertext);
    if (ephemeralPublic.length !== 32 || wrapped.length !== 60 || sealed.length < 28) {
      throw new CannotDecrypt('wrong lengths');
    }
    const wrapKey = await wrappingKey(
      await agree(mine.privateKey, ephemeralPublic), ephemeralPublic, mine.publicRaw);
    const contentKey = await aesGcm(wrapKey, wrapped.slice(0, 12), wrapped.slice(12), utf8.encode(mine.kid), 'decrypt');
    return await aesGcm(contentKey, sealed.slice(0, 12), sealed.slice(12), new Uint8Array(0), 'decrypt');
  } catch (e) {
    throw e instanceof CannotDecrypt ? e : new CannotDecrypt(e && e.name);
  }
}

export async function openJson(envelope, mine) {
  const bytes = await open(envelope, mine);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw new CannotDecrypt('not UTF-8 JSON');
  }
}

/** The bytes a decision signature covers (docs/api.md §Signed decisions). */
export async function decisionBytes({ sessionId, messageId, encryptedContent, encryptedComponents, encryptedResponse, decision }) {
  const request = jcs({ encryptedContent, encryptedComponents: encryptedComponents ?? null });
  const payload = {
    v: 1,
    type: 'ledgerloop.decision',
    sessionId,
    messageId,
    requestSha256: toHex(await sha256(utf8.encode(request))),
    responseSha256: toHex(await sha256(utf8.encode(jcs(encryptedResponse)))),
    decision,
  };
  return utf8.encode(jcs(payload));
}

export async function signDecision(signingKey, fields) {
  const bytes = await decisionBytes(fields);
  const value = new Uint8Array(await subtle.sign({ name: 'Ed25519' }, signingKey, bytes));
  return { alg: 'Ed25519', decision: fields.decision, value: toBase64(value) };
}

/** A new key pair for me: X25519 for envelopes, Ed25519 for decisions; private halves never leave WebCrypto. */
export async function newKeyPairs() {
  const envelope = await subtle.generateKey({ name: 'X25519' }, false, ['deriveBits']);
  const signing = await subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
  const publicRaw = new Uint8Array(await subtle.exportKey('raw', envelope.publicKey));
  const signingPublicRaw = new Uint8Array(await subtle.exportKey('raw', signing.publicKey));
  return {
    privateKey: envelope.privateKey,
    publicRaw,
    kid: await keyId(publicRaw),
    signingKey: signing.privateKey,
    signingPublicRaw,
    signingKeyId: await keyId(signingPublicRaw),
  };
}
