/**
 * Shared bits of the baseline servers (after the scratch code in
 * shared/reference/perf-baseline.md, ported to TypeScript ESM). They listen on PORT (0 = free) and
 * report `{ready, port, pid}` over IPC like bench/serve.ts.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TOKEN = process.env.WECHAT_TOKEN ?? 'benchToken2024';
export const PORT = Number(process.env.PORT ?? 0);
export const HOST = '127.0.0.1';

/** about 250 B, the shape of a real passive text reply */
export const FIXED_REPLY =
  '<xml><ToUserName><![CDATA[oPerf00000000000000000000000]]></ToUserName>' +
  '<FromUserName><![CDATA[gh_0123456789ab]]></FromUserName>' +
  '<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType>' +
  '<Content><![CDATA[你好，我想查询订单 #0]]></Content></xml>';

/** sha1 of the sorted [token, timestamp, nonce] */
export function sign(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const cdata = (s: unknown) => String(s ?? '').split(']]>').join(']]]]><![CDATA[>');

export function textReply(to: unknown, from: unknown, content: unknown): string {
  return (
    `<xml><ToUserName><![CDATA[${cdata(to)}]]></ToUserName>` +
    `<FromUserName><![CDATA[${cdata(from)}]]></FromUserName>` +
    `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime>` +
    `<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${cdata(content)}]]></Content></xml>`
  );
}

export function ready(server: Server): void {
  const port = (server.address() as AddressInfo).port;
  const msg = { ready: true, port, pid: process.pid };
  process.stderr.write(JSON.stringify(msg) + '\n');
  process.send?.(msg);
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('message', (m) => m === 'stop' && stop());
}
