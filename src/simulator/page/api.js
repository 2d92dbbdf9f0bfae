// The simulator's own HTTP routes, as the page uses them.

async function answer(res) {
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  if (!res.ok) throw new Error(typeof body === 'string' && body ? body : `HTTP ${res.status}`);
  return body;
}

export const getJson = (path) => fetch(path).then(answer);

/** POST /sim/send: { openid, kind, … } → the outcome with the passive reply */
export const send = (openid, message) =>
  fetch('/sim/send', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid, ...message }) }).then(answer);

/** POST /sim/upload: the picture's bytes; send=false only registers it (for pic_* menu buttons) */
export const upload = (openid, file, sendNow = true) =>
  fetch(`/sim/upload?openid=${encodeURIComponent(openid)}&send=${sendNow ? 1 : 0}`, {
    method: 'POST',
    headers: { 'content-type': file.type || 'application/octet-stream' },
    body: file,
  }).then(answer);

/** The resident's timeline as server-sent events; returns the EventSource. */
export function openStream(openid, onEntry, onState) {
  const es = new EventSource(`/sim/stream?openid=${encodeURIComponent(openid)}`);
  for (const kind of ['sent', 'reply', 'api']) es.addEventListener(kind, (e) => onEntry(JSON.parse(e.data)));
  es.addEventListener('ready', () => onState('ready'));
  es.addEventListener('error', () => onState(es.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'));
  return es;
}
