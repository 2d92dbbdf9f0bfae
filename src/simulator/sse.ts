import { PassThrough } from 'node:stream';
import type Koa from 'koa';

/**
 * A server-sent-events response on a Koa context. The stream stays open until the client goes
 * away or close() is called; a comment every `heartbeatMs` keeps proxies from closing it.
 */
export interface EventStream {
  send(event: string, data: unknown, id?: number): void;
  close(): void;
  readonly closed: boolean;
}

export function openEventStream(ctx: Koa.Context, opts: { heartbeatMs?: number; onClose?: () => void } = {}): EventStream {
  const body = new PassThrough();
  ctx.req.socket.setTimeout(0);
  ctx.req.socket.setNoDelay(true);
  ctx.req.socket.setKeepAlive(true);
  ctx.status = 200;
  ctx.set('Content-Type', 'text/event-stream; charset=utf-8');
  ctx.set('Cache-Control', 'no-cache, no-transform');
  ctx.set('X-Accel-Buffering', 'no');
  ctx.body = body;
  let closed = false;
  const heartbeat = setInterval(() => body.write(': ping\n\n'), opts.heartbeatMs ?? 15_000);
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    opts.onClose?.();
    body.end();
  };
  ctx.req.on('close', close);
  body.on('error', close);
  body.write('retry: 2000\n\n');
  return {
    send(event, data, id) {
      if (closed) return;
      // JSON never contains a raw newline, so one data line is always enough
      body.write(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    close,
    get closed() {
      return closed;
    },
  };
}
