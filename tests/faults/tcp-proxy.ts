import net from 'node:net';

/**
 * A small TCP proxy on a loopback port in front of Redis or PostgreSQL, for fault injection and
 * for counting round trips. It never touches the server behind it: faults happen on the proxy's
 * own sockets.
 *
 * - pass:   bytes flow both ways (default)
 * - cut():  every open connection is reset (RST) and new ones are accepted and reset at once, so
 *           clients see ECONNRESET quickly (the server "went away")
 * - stall(): open and new connections stay up but no byte moves either way (a frozen server or a
 *           black-holed network); restore() releases what was held, in order
 * - reset(): the open connections are reset once; new ones pass (a failover, a restart)
 * - restore(): back to pass
 *
 * Counters: connections accepted, bytes each way, and `turns`: how many times a connection sent
 * data after the server had answered (the round trips of a request/response protocol, exact when
 * requests are sequential). `observe` hooks see every chunk (the bench parses PostgreSQL messages
 * with it).
 */
export type ProxyMode = 'pass' | 'cut' | 'stall';

export interface ProxyCounters {
  connections: number;
  bytesUp: number;
  bytesDown: number;
  turns: number;
  resets: number;
}

export interface ProxyObserver {
  /** a chunk the client sent, per connection id */
  up?(conn: number, chunk: Buffer): void;
  down?(conn: number, chunk: Buffer): void;
}

interface Pair {
  id: number;
  client: net.Socket;
  server: net.Socket;
  /** chunks held while stalled: [direction, chunk] */
  held: { up: boolean; chunk: Buffer }[];
  /** true once the client has sent something since the server last answered */
  awaiting: boolean;
}

export class TcpProxy {
  readonly counters: ProxyCounters = { connections: 0, bytesUp: 0, bytesDown: 0, turns: 0, resets: 0 };
  private modeNow: ProxyMode = 'pass';
  private readonly pairs = new Set<Pair>();
  private nextId = 0;
  private observers: ProxyObserver[] = [];

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
    readonly target: { host: string; port: number },
  ) {}

  /** Listens on 127.0.0.1 (a free port unless one is given) and forwards to target. */
  static async start(target: { host?: string; port: number }, listenPort = 0): Promise<TcpProxy> {
    const t = { host: target.host ?? '127.0.0.1', port: target.port };
    let proxy: TcpProxy | undefined;
    const server = net.createServer((client) => proxy!.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(listenPort, '127.0.0.1', () => resolve());
    });
    const port = (server.address() as net.AddressInfo).port;
    proxy = new TcpProxy(server, port, t);
    return proxy;
  }

  get mode(): ProxyMode {
    return this.modeNow;
  }

  /** number of client connections currently open through the proxy */
  get open(): number {
    return this.pairs.size;
  }

  /** `redis://127.0.0.1:<port>` style URL: the target URL with host and port replaced */
  urlFor(targetUrl: string): string {
    const u = new URL(targetUrl);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  observe(o: ProxyObserver): () => void {
    this.observers.push(o);
    return () => {
      this.observers = this.observers.filter((x) => x !== o);
    };
  }

  cut(): void {
    this.modeNow = 'cut';
    for (const p of [...this.pairs]) this.kill(p);
  }

  stall(): void {
    this.modeNow = 'stall';
  }

  reset(): void {
    for (const p of [...this.pairs]) this.kill(p);
  }

  restore(): void {
    const wasStalled = this.modeNow === 'stall';
    this.modeNow = 'pass';
    if (!wasStalled) return;
    for (const p of this.pairs) {
      const held = p.held.splice(0);
      for (const h of held) this.forward(p, h.up, h.chunk);
    }
  }

  snapshot(): ProxyCounters {
    return { ...this.counters };
  }

  async close(): Promise<void> {
    for (const p of [...this.pairs]) this.kill(p);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    this.counters.connections++;
    client.setNoDelay(true);
    if (this.modeNow === 'cut') {
      client.on('error', () => {});
      client.resetAndDestroy();
      this.counters.resets++;
      return;
    }
    const server = net.connect(this.target.port, this.target.host);
    server.setNoDelay(true);
    const pair: Pair = { id: ++this.nextId, client, server, held: [], awaiting: false };
    this.pairs.add(pair);
    const drop = () => this.kill(pair, false);
    client.on('error', drop);
    server.on('error', drop);
    client.on('close', drop);
    server.on('close', drop);
    client.on('data', (chunk: Buffer) => this.onData(pair, true, chunk));
    server.on('data', (chunk: Buffer) => this.onData(pair, false, chunk));
  }

  private onData(p: Pair, up: boolean, chunk: Buffer): void {
    if (this.modeNow === 'stall') {
      p.held.push({ up, chunk });
      return;
    }
    this.forward(p, up, chunk);
  }

  private forward(p: Pair, up: boolean, chunk: Buffer): void {
    if (up) {
      this.counters.bytesUp += chunk.length;
      if (!p.awaiting) {
        p.awaiting = true;
        this.counters.turns++;
      }
      for (const o of this.observers) o.up?.(p.id, chunk);
      if (!p.server.destroyed) p.server.write(chunk);
    } else {
      this.counters.bytesDown += chunk.length;
      p.awaiting = false;
      for (const o of this.observers) o.down?.(p.id, chunk);
      if (!p.client.destroyed) p.client.write(chunk);
    }
  }

  private kill(p: Pair, rst = true): void {
    if (!this.pairs.delete(p)) return;
    p.held.length = 0;
    if (rst) {
      this.counters.resets++;
      if (!p.client.destroyed) p.client.resetAndDestroy();
      if (!p.server.destroyed) p.server.resetAndDestroy();
    } else {
      p.client.destroy();
      p.server.destroy();
    }
  }
}

/**
 * Counts PostgreSQL frontend messages passing a TcpProxy: simple queries ('Q'), extended-protocol
 * executions ('E'), parses ('P') and syncs ('S'). Statements = Q + E. The first message of a
 * connection (StartupMessage, or SSLRequest then StartupMessage) has no type byte.
 */
export class PgMessageCounter {
  readonly counts = { query: 0, parse: 0, execute: 0, sync: 0 };
  private readonly conns = new Map<number, { buf: Buffer; started: boolean }>();

  attach(proxy: TcpProxy): () => void {
    return proxy.observe({ up: (id, chunk) => this.feed(id, chunk) });
  }

  get statements(): number {
    return this.counts.query + this.counts.execute;
  }

  private feed(id: number, chunk: Buffer): void {
    let st = this.conns.get(id);
    if (!st) {
      st = { buf: Buffer.alloc(0), started: false };
      this.conns.set(id, st);
    }
    st.buf = st.buf.length ? Buffer.concat([st.buf, chunk]) : chunk;
    for (;;) {
      if (!st.started) {
        if (st.buf.length < 8) return;
        const len = st.buf.readUInt32BE(0);
        if (st.buf.length < len) return;
        const code = st.buf.readUInt32BE(4);
        st.buf = st.buf.subarray(len);
        // SSLRequest / GSSENCRequest are followed by the real StartupMessage
        if (code !== 80877103 && code !== 80877104) st.started = true;
        continue;
      }
      if (st.buf.length < 5) return;
      const type = String.fromCharCode(st.buf[0]!);
      const len = st.buf.readUInt32BE(1);
      if (st.buf.length < len + 1) return;
      st.buf = st.buf.subarray(len + 1);
      if (type === 'Q') this.counts.query++;
      else if (type === 'P') this.counts.parse++;
      else if (type === 'E') this.counts.execute++;
      else if (type === 'S') this.counts.sync++;
    }
  }
}
