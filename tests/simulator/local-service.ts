import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config.js';
import { startService, type Service } from '../../src/service.js';
import { readEventStream, type SseEvent } from '../../src/simulator/sse-client.js';
import type { MessageHandler } from '../../src/wechat/webhook.js';
import { cloneTemplate } from '../helpers/pg-template.js';

/**
 * The whole service in local mode (no official account: the simulator mounted, in-process state) on
 * a free port. Its database is a PostgreSQL clone, ready at once, rather than the embedded PGlite
 * created at every boot: these tests are about the simulator (runtime/bot and runtime/follow-up run
 * local mode on the embedded database).
 */
export async function startLocalService(handler: MessageHandler, env: Record<string, string> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sim-'));
  const db = await cloneTemplate();
  const service: Service = await startService(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'silent', DATABASE_URL: db.url, ...env }), { handler });
  return {
    service,
    url: service.url,
    simulator: service.simulator!,
    stop: async () => {
      await service.stop();
      rmSync(dir, { recursive: true, force: true });
      await db.drop();
    },
  };
}

export async function postJson(url: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

/** Collects a /sim/stream; `next(pred)` resolves with the first event (seen or to come) matching. */
export function watchStream(url: string) {
  const controller = new AbortController();
  const events: SseEvent[] = [];
  const waiters: { pred: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
  const done = readEventStream(
    url,
    (e) => {
      events.push(e);
      for (const w of [...waiters]) {
        if (w.pred(e)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(e);
        }
      }
    },
    controller.signal,
  ).catch(() => {});
  return {
    events,
    next: (pred: (e: SseEvent) => boolean) =>
      new Promise<SseEvent>((resolve) => {
        const seen = events.find(pred);
        if (seen) resolve(seen);
        else waiters.push({ pred, resolve });
      }),
    close: async () => {
      controller.abort();
      await done;
    },
  };
}

export async function getJson(url: string): Promise<any> {
  return (await fetch(url)).json();
}
