// The inbox: sign-in (pasted token, #token=, or a guest link #guest=&session=), the feed, a session's timeline,
// answers encrypted for the session's recipients and signed with my Ed25519 key. See docs/inbox.md.
import { api, ApiError, forgetToken, publicGet, publicPost, storedToken, storeToken } from './api.js';
import { openJson, sealJson, signDecision, fromBase64 } from './crypto.js';
import { renderComponents } from './components.js';
import { clear, el } from './dom.js';
import { markdown } from './markdown.js';
import { myKeys, register } from './keys.js';

const POLL_MS = 5000;
/** With the live stream open, polling only catches what a reconnect might have missed. */
const STREAM_POLL_MS = 30000;
/**
 * The stream reads the event log, the pages read views that follow it a little later: after a signal, look again a
 * few times until the views have surely caught up.
 */
const AFTER_SIGNAL_MS = [150, 1000, 3000];
const MAX_POLL_MS = 30000;
const PRIORITY = { Urgent: 0, High: 1, Medium: 2, Low: 3 };

const app = document.getElementById('app');
const who = document.getElementById('who');
const status = document.getElementById('status');
const state = { client: null, userId: null, keys: null, poll: null, stream: null, onLive: null, streaming: false, live: null };
const opened = new Map();

function say(text) {
  status.textContent = text;
}

function page(title, ...children) {
  stopLive();
  clear(app).append(el('h2', { tabindex: '-1', id: 'page-title' }, title), ...children);
  document.title = `${title} · Ledgerloop inbox`;
  document.getElementById('page-title').focus();
}

function stopLive() {
  clearTimeout(state.poll);
  state.poll = null;
  state.onLive = null;
  if (state.stream) state.stream.abort();
  state.stream = null;
}

// ---- entry ----

async function start() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.has('token')) {
    storeToken(fragment.get('token'));
    history.replaceState(null, '', location.pathname);
  } else if (fragment.has('guest')) {
    history.replaceState(null, '', location.pathname);
    return guestEntry(fragment.get('guest'), fragment.get('session'), fragment.get('space'));
  }
  const token = storedToken();
  if (!token) return signInPage();
  return signedIn(token);
}

function signInPage(message) {
  const input = el('textarea', { id: 'token-input', rows: 4, required: true, autocomplete: 'off', spellcheck: 'false' });
  const form = el('form', { class: 'sign-in' },
    message ? el('p', { class: 'error', role: 'alert' }, message) : null,
    el('label', { for: 'token-input' }, 'Your access token (a Bearer JWT)'),
    input,
    el('button', { type: 'submit', class: 'primary', id: 'sign-in' }, 'Sign in'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) return;
    storeToken(token);
    signedIn(token);
  });
  who.textContent = '';
  page('Sign in', el('p', {}, 'Paste the token you were given, or open the link that carries it.'), form);
}

function linkUnusable(message) {
  page('This link cannot be used',
    el('p', { class: 'error', id: 'link-unusable', role: 'alert' }, message || 'It has expired, been used up or been revoked.'),
    el('p', {}, 'Ask whoever sent it for a new link.'));
}

async function guestEntry(token, sessionId, spaceId) {
  if (!token || !sessionId || !spaceId) return linkUnusable('The link is incomplete.');
  const sessionPath = `/v1/public/spaces/${encodeURIComponent(spaceId)}/sessions/${encodeURIComponent(sessionId)}`;
  try {
    await publicGet(sessionPath, { 'X-Guest-Token': token });
  } catch (e) {
    if (e instanceof ApiError && [400, 404, 409].includes(e.status)) {
      return linkUnusable(e.status === 409 ? e.message : 'This link does not lead to a session.');
    }
    return linkUnusable(`The link could not be checked: ${e.message}`);
  }
  const name = el('input', { id: 'guest-name', type: 'text', required: true, maxlength: 100, autocomplete: 'name' });
  const form = el('form', { class: 'sign-in' },
    el('label', { for: 'guest-name' }, 'Your name, as the others in the session will see it'), name,
    el('button', { type: 'submit', class: 'primary', id: 'join' }, 'Join'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    try {
      const joined = await publicPost(`${sessionPath}/join`, { token, name: name.value.trim() });
      storeToken(joined.accessToken);
      history.replaceState(null, '', `#session=${joined.sessionId}`);
      await signedIn(joined.accessToken);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 409)) return linkUnusable(e.message);
      say(`Joining failed: ${e.message}`);
    }
  });
  page('You are invited', el('p', {}, 'You are invited to a session as a guest.'), form);
}

async function signedIn(token) {
  state.client = api(token);
  try {
    state.userId = (await state.client.get('/v1/human/me')).userId;
  } catch (e) {
    forgetToken();
    return signInPage(e instanceof ApiError && e.status === 401 ? 'That token is not valid (or has expired).' : e.message);
  }
  who.textContent = '';
  who.append(el('span', { id: 'user-id' }, state.userId), ' ',
    el('button', { type: 'button', class: 'link', onclick: () => { forgetToken(); if (state.live) state.live.abort(); signInPage(); } }, 'Sign out'));
  state.keys = await myKeys(state.userId);
  if (!state.keys.registered) {
    try {
      state.keys = await register(state.client, state.keys);
    } catch (e) {
      say(`Your public key could not be registered (${e.message}); agents cannot encrypt for you yet.`);
    }
  }
  window.addEventListener('hashchange', route);
  startLiveStream();
  route();
}

function route() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.has('session')) sessionPage(fragment.get('session'));
  else feedPage();
}

function failed(e) {
  if (e instanceof ApiError && e.status === 401) {
    forgetToken();
    signInPage('Your sign-in has expired.');
    return true;
  }
  return false;
}

/**
 * Runs a page's refresh now, then again after the poll interval, and at once (debounced) when the live stream says
 * something happened. One timer at a time: a signal during a refresh asks for one more right after it.
 * onError(e) answers true when it took care of an error (and the page stops refreshing).
 */
function keepFresh(refresh, onError = () => false) {
  let failures = 0;
  let running = false;
  let again = false;
  let burst = [];
  const run = async () => {
    running = true;
    try {
      await refresh();
      failures = 0;
    } catch (e) {
      running = false;
      if (failed(e) || onError(e)) return;
      failures++;
      say(e.message);
    }
    running = false;
    const polling = Math.min(MAX_POLL_MS, (state.streaming ? STREAM_POLL_MS : POLL_MS) * 2 ** failures);
    const delay = again ? 0 : burst.length ? burst.shift() : polling;
    again = false;
    if (state.onLive === signal) state.poll = setTimeout(run, delay);
  };
  const signal = () => {
    burst = AFTER_SIGNAL_MS.slice(1);
    if (running) {
      again = true;
      return;
    }
    clearTimeout(state.poll);
    state.poll = setTimeout(run, AFTER_SIGNAL_MS[0]);
  };
  state.onLive = signal;
  run();
}

/** Reads a server-sent event stream with the token (EventSource cannot send it); returns when the stream ends. */
async function readEvents(path, signal, headers, onOpen, onEvent) {
  const answer = await state.client.fetch(path, { signal, headers });
  if (!answer.ok || !answer.body) throw new ApiError(answer.status, null);
  onOpen();
  const reader = answer.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = { id: null, type: 'message', data: [] };
      for (const line of block.split('\n')) {
        if (!line || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') event.id = text;
        else if (field === 'event') event.type = text;
        else if (field === 'data') event.data.push(text);
      }
      if (event.data.length) onEvent({ id: event.id, type: event.type, data: event.data.join('\n') });
    }
  }
}

/**
 * GET /v1/human/stream for as long as the page is open: every event of my sessions refreshes the page shown.
 * Reconnects with Last-Event-ID; until it is back, the pages poll every 5 s.
 */
function startLiveStream() {
  if (state.live) state.live.abort();
  const controller = new AbortController();
  state.live = controller;
  let lastId = null;
  const connect = async () => {
    try {
      await readEvents('/v1/human/stream', controller.signal, lastId ? { 'Last-Event-ID': lastId } : {},
        () => { state.streaming = true; },
        (event) => {
          if (event.id) lastId = event.id;
          if (state.onLive) state.onLive();
        });
    } catch (e) {
      if (controller.signal.aborted || (e instanceof ApiError && e.status === 401)) return;
      if (e instanceof ApiError && e.status === 400) lastId = null;
    }
    state.streaming = false;
    if (!controller.signal.aborted) setTimeout(connect, POLL_MS);
  };
  connect();
}

// ---- decryption, cached by envelope ----

function decrypt(envelope) {
  if (!envelope) return Promise.resolve(null);
  const key = envelope.ciphertext + '|' + envelope.wrappings.map((w) => w.wrappedKey).join();
  if (!opened.has(key)) opened.set(key, openJson(envelope, state.keys).catch(() => CANNOT));
  return opened.get(key);
}

const CANNOT = Symbol('cannot decrypt');

function cannotDecrypt() {
  return el('p', { class: 'cannot-decrypt', role: 'note' }, 'cannot decrypt');
}

function timeLeft(deadlineAt) {
  if (!deadlineAt) return null;
  const ms = new Date(deadlineAt).getTime() - Date.now();
  if (ms <= 0) return 'overdue';
  const minutes = Math.floor(ms / 60000);
  if (minutes < 1) return 'less than a minute left';
  if (minutes < 60) return `${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min left`;
  return `${Math.floor(hours / 24)} days left`;
}

function meta(message) {
  const left = timeLeft(message.deadlineAt);
  return el('div', { class: 'meta' },
    el('span', { class: `priority priority-${message.priority}` }, message.priority),
    left ? el('span', { class: 'deadline', title: message.deadlineAt }, left) : null,
    el('time', { datetime: message.createdAt }, new Date(message.createdAt).toLocaleString()));
}

async function contentNode(message) {
  const content = await decrypt(message.encryptedContent);
  if (content === CANNOT) return cannotDecrypt();
  return markdown(content && typeof content.text === 'string' ? content.text : '');
}

// ---- the feed ----

function feedPage() {
  const list = el('ol', { class: 'feed', id: 'feed' });
  page('Waiting for you', list);
  let seen = '';
  const refresh = async () => {
    const feed = await state.client.get('/v1/human/feed?pageSize=100');
    const items = [...feed.data].sort((a, b) => (PRIORITY[a.priority] - PRIORITY[b.priority])
      || ((a.deadlineAt ? Date.parse(a.deadlineAt) : Infinity) - (b.deadlineAt ? Date.parse(b.deadlineAt) : Infinity)));
    const key = items.map((m) => m.id + (m.editedAt || '')).join() + '|' + Math.floor(Date.now() / 60000);
    if (key === seen) return;
    seen = key;
    const nodes = await Promise.all(items.map(async (message) => el('li', { class: 'feed-item', 'data-message-id': message.id },
      meta(message),
      await contentNode(message),
      el('a', { href: `#session=${message.sessionId}`, class: 'open' }, 'Open the session'))));
    clear(list).append(...(nodes.length ? nodes : [el('li', { class: 'empty' }, 'Nothing waits for you.')]));
  };
  keepFresh(refresh);
}

// ---- a session ----

function sessionPage(sessionId) {
  const items = el('ol', { class: 'timeline', id: 'timeline' });
  const typing = el('p', { class: 'typing', id: 'typing', 'aria-live': 'polite' });
  const attachments = el('ul', { class: 'attachments', id: 'attachments' });
  page('Session', el('a', { href: '#', class: 'back' }, '← Back to what waits for me'), items, typing, attachments);
  const nodes = new Map();
  const refresh = async () => {
    const timeline = await state.client.get(`/v1/human/sessions/${encodeURIComponent(sessionId)}/timeline?limit=100`);
    const responses = new Map();
    for (const item of timeline.data) if (item.kind === 'response') responses.set(item.messageId, item);
    const fresh = [];
    for (const item of timeline.data) {
      if (item.kind === 'response') continue;
      const answer = responses.get(item.id);
      const key = [item.id, item.status, item.editedAt, item.deletedAt, answer && answer.id].join('|');
      let node = nodes.get(key);
      if (!node) node = item.kind === 'message' ? await messageNode(sessionId, item, answer) : systemNode(item);
      fresh.push([key, node]);
    }
    nodes.clear();
    for (const [key, node] of fresh) nodes.set(key, node);
    const wanted = fresh.map(([, node]) => node);
    if (wanted.length !== items.children.length || wanted.some((node, i) => items.children[i] !== node)) {
      clear(items).append(...wanted);
    }
  };
  keepFresh(refresh, (e) => {
    if (!(e instanceof ApiError && e.status === 404)) return false;
    page('No such session', el('p', {}, 'It does not exist, or you take no part in it.'));
    return true;
  });
  listenForTyping(sessionId, typing);
  listAttachments(sessionId, attachments);
}

function systemNode(item) {
  const text = { 'participant.added': `${item.userId} joined as ${item.role}`, 'participant.removed': `${item.userId} left`,
    'participant.role_changed': `${item.userId} is now ${item.role}`, 'session.closed': 'The session was closed',
    'session.archived': 'The session was archived' }[item.event] || item.event;
  return el('li', { class: 'system' }, text);
}

async function messageNode(sessionId, message, answer) {
  const node = el('li', { class: 'message', 'data-message-id': message.id, 'data-status': message.status });
  const from = message.senderType === 'Human' ? message.senderUserId : message.senderType === 'Agent' ? 'Agent' : 'System';
  node.append(el('div', { class: 'from' }, from), meta(message));
  if (message.deletedAt) {
    node.append(el('p', { class: 'deleted' }, 'This message was deleted.'));
    return node;
  }
  const content = await contentNode(message);
  node.append(content);
  // Nobody answers what they could not read.
  const readable = !content.classList.contains('cannot-decrypt');
  const answerable = readable && message.responseRequired && message.status === 'Pending' && !answer;
  const feedback = el('p', { class: 'answer-status', role: 'status' });
  if (message.encryptedComponents) {
    const components = await decrypt(message.encryptedComponents);
    if (components === CANNOT) node.append(cannotDecrypt());
    else node.append(renderComponents(components, {
      answerable,
      onAnswer: (response) => respond(sessionId, message, response, node, feedback),
      onTyping: () => typed(sessionId),
    }));
  } else if (answerable && message.responseRequired) {
    node.append(renderComponents([{ type: 'approve_reject', data: {} }], {
      answerable, onAnswer: (response) => respond(sessionId, message, response, node, feedback), onTyping: () => {} }));
  }
  if (answer) node.append(await answeredNode(answer));
  else if (message.responseRequired && message.status !== 'Pending') node.append(el('p', { class: 'answered' }, message.status));
  node.append(feedback);
  return node;
}

async function answeredNode(answer) {
  const response = await decrypt(answer.encryptedResponse);
  const what = response === CANNOT ? ' (cannot decrypt the answer)' : response && response.action ? `: ${response.action}` : '';
  const values = response !== CANNOT && response && response.values && typeof response.values === 'object'
    ? el('dl', { class: 'c-kv answer-values' }, ...Object.entries(response.values).flatMap(([key, value]) => [
      el('dt', {}, key), el('dd', {}, typeof value === 'string' ? value : JSON.stringify(value))]))
    : null;
  return el('div', { class: 'answer-given' },
    el('p', { class: 'answered' }, `Answered by ${answer.userId === state.userId ? 'you' : answer.userId}${what}`,
      el('time', { datetime: answer.createdAt }, ` · ${new Date(answer.createdAt).toLocaleString()}`)),
    values);
}

async function respond(sessionId, message, response, node, feedback) {
  for (const control of node.querySelectorAll('button, input, select')) control.disabled = true;
  feedback.textContent = 'Encrypting and sending…';
  try {
    const base = `/v1/human/sessions/${encodeURIComponent(sessionId)}`;
    const recipients = (await state.client.get(`${base}/recipients`)).items
      .filter((r) => r.kid && r.publicKey)
      .map((r) => ({ kid: r.kid, publicKey: fromBase64(r.publicKey) }));
    if (!recipients.some((r) => r.kid === state.keys.kid)) recipients.push({ kid: state.keys.kid, publicKey: state.keys.publicRaw });
    const encryptedResponse = await sealJson(response, recipients);
    const signature = await signDecision(state.keys.signingKey, {
      sessionId, messageId: message.id, encryptedContent: message.encryptedContent,
      encryptedComponents: message.encryptedComponents, encryptedResponse, decision: String(response.action).slice(0, 100) || 'answer',
    });
    await state.client.post(`${base}/messages/${encodeURIComponent(message.id)}/respond`, { encryptedResponse, signature });
    feedback.textContent = 'Sent.';
    node.classList.add('sent');
    say('Your answer was sent.');
  } catch (e) {
    if (failed(e)) return;
    feedback.textContent = `Not sent: ${e.message}`;
    for (const control of node.querySelectorAll('button, input, select')) control.disabled = false;
  }
}

// ---- typing, both ways ----

let typingSent = 0;
let typingIdle = null;

function typed(sessionId) {
  const path = `/v1/human/sessions/${encodeURIComponent(sessionId)}/typing`;
  if (Date.now() - typingSent > 3000) {
    typingSent = Date.now();
    state.client.post(path, { typing: true }).catch(() => {});
  }
  clearTimeout(typingIdle);
  typingIdle = setTimeout(() => {
    typingSent = 0;
    state.client.post(path, { typing: false }).catch(() => {});
  }, 4000);
}

function listenForTyping(sessionId, line) {
  const controller = new AbortController();
  state.stream = controller;
  const typing = new Map();
  const show = () => {
    const names = [...typing.keys()];
    line.textContent = names.length ? `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} typing…` : '';
  };
  const connect = async () => {
    try {
      await readEvents(`/v1/human/sessions/${encodeURIComponent(sessionId)}/typing`, controller.signal, {}, () => {},
        (event) => {
          const signal = JSON.parse(event.data);
          if (signal.kind === 'human' && signal.id === state.userId) return;
          const name = signal.kind === 'agent' ? 'The agent' : signal.id;
          clearTimeout(typing.get(name));
          if (signal.typing) typing.set(name, setTimeout(() => { typing.delete(name); show(); }, 8000));
          else typing.delete(name);
          show();
        });
    } catch (e) {
      if (controller.signal.aborted) return;
    }
    if (!controller.signal.aborted) setTimeout(connect, POLL_MS);
  };
  connect();
}

// ---- attachments ----

async function listAttachments(sessionId, list) {
  let page;
  try {
    page = await state.client.get(`/v1/human/sessions/${encodeURIComponent(sessionId)}/attachments?pageSize=100`);
  } catch (e) {
    return; // this server offers humans no attachment route
  }
  for (const attachment of page.data) {
    list.append(el('li', {}, el('button', { type: 'button', class: 'link', onclick: () => download(sessionId, attachment) },
      `${attachment.filename} (${attachment.size} bytes)`)));
  }
}

async function download(sessionId, attachment) {
  const answer = await state.client.fetch(
    `/v1/human/sessions/${encodeURIComponent(sessionId)}/attachments/${encodeURIComponent(attachment.id)}`);
  if (!answer.ok) return say(`The download failed (${answer.status}).`);
  const url = URL.createObjectURL(await answer.blob());
  const link = el('a', { href: url, download: attachment.filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

start().catch((e) => say(`The inbox failed to start: ${e.message}`));
