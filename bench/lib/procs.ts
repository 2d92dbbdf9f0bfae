import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadOptions, LoadResult } from '../load.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The node flags `npm start` runs the service with (package.json's start script, between `node` and
 * `--import`): every server of the bench runs under them, baselines included, so the ratios compare
 * code, not runtime settings; the experiment row runs the service without them.
 */
export const SERVICE_NODE_FLAGS: readonly string[] = (() => {
  const start = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(' ');
  return start.slice(1, start.indexOf('--import'));
})();

/** every child this bench started, so an interrupted run can end exactly those */
const children = new Set<ChildProcess>();

export function killChildren(): void {
  for (const c of children) if (c.exitCode === null && c.pid) process.kill(c.pid, 'SIGKILL');
}

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

export interface Server {
  pid: number;
  port: number;
  url: string;
  /** exit code, or null while it runs */
  exitCode(): number | null;
  /** the last few KB of its stderr (crashes land there) */
  stderrTail(): string;
  stop(): Promise<void>;
}

/**
 * Starts a server file (bench/serve.ts or a baseline) as its own node process with tsx, waits for
 * its `{ready, port, pid}` IPC message. stdout (the service's JSON logs) goes to /dev/null.
 */
export async function startServer(file: string, env: Record<string, string>, nodeArgs: readonly string[] = SERVICE_NODE_FLAGS, timeoutMs = 60_000): Promise<Server> {
  // BENCH_SERVER_LOG=<file>: the servers' stdout (the service's JSON logs) appended there
  const logFd = process.env.BENCH_SERVER_LOG ? openSync(process.env.BENCH_SERVER_LOG, 'a') : 'ignore';
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(ROOT, file)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', logFd, 'pipe', 'ipc'],
  });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const ready = await new Promise<{ port: number; pid: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} did not start in ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
    child.on('message', (m: unknown) => {
      const r = m as { ready?: boolean; port: number; pid: number };
      if (r?.ready) {
        clearTimeout(timer);
        resolve(r);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited with ${code} before listening:\n${stderr}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: ready.pid,
    port: ready.port,
    url: `http://127.0.0.1:${ready.port}`,
    exitCode: () => child.exitCode ?? (child.signalCode ? -1 : null),
    stderrTail: () => stderr,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.send('stop');
      const t1 = setTimeout(() => child.kill('SIGTERM'), 12_000);
      const t2 = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(t1);
      clearTimeout(t2);
      children.delete(child);
    },
  };
}

/** One run of the load generator in its own process (bench/load.ts). */
export async function runLoadProcess(opts: LoadOptions): Promise<LoadResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/load.ts'), JSON.stringify(opts)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const cap = ((opts.warmupSec ?? 0) + opts.durationSec) * 1000 + 60_000;
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), cap);
    child.once('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  children.delete(child);
  const line = out.trim().split('\n').pop() ?? '';
  if (code !== 0 || !line.startsWith('{')) throw new Error(`load generator failed (${code}): ${err}`);
  return JSON.parse(line) as LoadResult;
}

/** A private redis-server on a free loopback port (no persistence), so INFO commandstats is ours alone. */
export async function startRedis(): Promise<{ port: number; url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('redis-server did not start')), 10_000);
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (c) => reject(new Error(`redis-server exited with ${c}`)));
  });
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const done = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      await done;
      children.delete(child);
    },
  };
}
