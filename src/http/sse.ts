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
  // written to the raw response: a client going away is the normal end of a stream, not an
  // error for Koa to report
  ctx.respond = false;
  ctx.status = 200;
  const body = ctx.res;
  ctx.req.socket.setTimeout(0);
  ctx.req.socket.setNoDelay(true);
  ctx.req.socket.setKeepAlive(true);
  body.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    'X-Accel-Buffering': 'no',
  });
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
