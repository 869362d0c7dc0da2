// The /v1 API with the human's Bearer token. The token lives in this tab's sessionStorage only.
const TOKEN = 'ledgerloop.token';

export class ApiError extends Error {
  /** body: the API's error body {"error": {code, message}} (docs/api.md "Errors"), or null. */
  constructor(status, body) {
    const error = body && body.error;
    super((error && error.message) || `HTTP ${status}`);
    this.status = status;
    this.code = error && error.code;
  }
}

export function storedToken() {
  return sessionStorage.getItem(TOKEN);
}

export function storeToken(token) {
  sessionStorage.setItem(TOKEN, token);
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN);
}

async function answer(response) {
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (e) {
    body = null;
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

/** Calls without a credential: the public guest routes (docs/api.md "Guest tokens"). */
export async function publicGet(path, headers) {
  return answer(await fetch(path, { headers, credentials: 'omit', cache: 'no-store' }));
}

export async function publicPost(path, body) {
  return answer(await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'omit',
  }));
}

export function api(token) {
  const headers = (json) => {
    const h = { Authorization: `Bearer ${token}` };
    if (json) h['Content-Type'] = 'application/json';
    return h;
  };
  const send = async (method, path, body) => answer(await fetch(path, {
    method,
    headers: headers(body !== undefined),
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
  }));
  return {
    get: (path) => send('GET', path),
    post: (path, body) => send('POST', path, body),
    put: (path, body) => send('PUT', path, body),
    /** The raw answer, for downloads and streams. */
    fetch: (path, init = {}) => fetch(path, {
      ...init, headers: { ...(init.headers || {}), ...headers(false) }, credentials: 'omit', cache: 'no-store',
    }),
  };
}
