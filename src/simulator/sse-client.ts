/**
 * Reads a server-sent-events stream with fetch (Node has no EventSource): calls `onEvent` for
 * each event until the stream ends or `signal` aborts. Used by the terminal client and tests.
 */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

export function parseSseBlock(block: string): SseEvent | undefined {
  let event = 'message';
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
  }
  if (data.length === 0) return undefined;
  return { event, data: data.join('\n'), ...(id === undefined ? {} : { id }) };
}

export async function readEventStream(url: string, onEvent: (e: SseEvent) => void, signal?: AbortSignal): Promise<void> {
  const res = await fetch(url, { headers: { accept: 'text/event-stream' }, ...(signal ? { signal } : {}) });
  if (!res.ok || !res.body) throw new Error(`event stream ${url}: HTTP ${res.status}`);
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.search(/\r?\n\r?\n/)) !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
        const e = parseSseBlock(block);
        if (e) onEvent(e);
      }
    }
  } catch (e) {
    if (signal?.aborted) return;
    throw e;
  }
}
