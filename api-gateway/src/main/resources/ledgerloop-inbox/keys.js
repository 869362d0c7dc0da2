// My key pairs, one per user id, in this browser's IndexedDB. The private keys are non-extractable CryptoKeys:
// IndexedDB keeps them as WebCrypto handles, and no script (this one included) can read their bytes.
import { newKeyPairs, toBase64 } from './crypto.js';

const DB = 'ledgerloop-inbox';
const STORE = 'keys';

function database() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function inStore(mode, action) {
  const db = await database();
  try {
    return await new Promise((resolve, reject) => {
      const request = action(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

/** My keys for this user id, made on first use; `registered` says whether the server has the public halves. */
export async function myKeys(userId) {
  const stored = await inStore('readonly', (store) => store.get(userId));
  if (stored) return stored;
  const keys = { ...(await newKeyPairs()), userId, registered: false, createdAt: new Date().toISOString() };
  await inStore('readwrite', (store) => store.put(keys, userId));
  return keys;
}

export async function markRegistered(keys) {
  const registered = { ...keys, registered: true };
  await inStore('readwrite', (store) => store.put(registered, keys.userId));
  return registered;
}

/** Registers the public halves (docs/api.md §Keys): PUT /v1/human/public-key. */
export async function register(api, keys) {
  await api.put('/v1/human/public-key', {
    publicKey: toBase64(keys.publicRaw),
    fingerprint: keys.kid,
    signingPublicKey: toBase64(keys.signingPublicRaw),
  });
  return markRegistered(keys);
}
