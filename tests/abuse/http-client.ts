import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A keep-alive client for thousands of requests to one local server: a handful of sockets reused,
 * not one connection per request, and bodies sent as exact bytes (invalid UTF-8 included).
 */
export class KeepAliveClient {
  private readonly agent: http.Agent;
  count = 0;

  constructor(
    private readonly baseUrl: string,
    sockets = 8,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  request(
    method: string,
    path: string,
    body?: Buffer | string,
    headers: Record<string, string> = {},
    opts: { chunked?: boolean; timeoutMs?: number } = {},
  ): Promise<RawResponse> {
    this.count++;
    const url = new URL(path, this.baseUrl);
    const buf = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
    const h: Record<string, string> = { ...headers };
    if (buf && !opts.chunked) h['content-length'] = String(buf.length);
    return new Promise((resolve, reject) => {
      const req = http.request(
        { method, host: url.hostname, port: url.port, path: url.pathname + url.search, headers: h, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      req.setTimeout(opts.timeoutMs ?? 20_000, () => req.destroy(new Error(`timeout ${method} ${path.slice(0, 80)}`)));
      req.on('error', reject);
      if (buf && opts.chunked) {
        // several chunks, so a streamed body has no Content-Length to refuse it by
        for (let i = 0; i < buf.length; i += 16 * 1024) req.write(buf.subarray(i, i + 16 * 1024));
        req.end();
      } else {
        req.end(buf);
      }
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
