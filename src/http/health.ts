import type Router from '@koa/router';
import type { Metrics } from './metrics.js';

export interface Probe {
  name: string;
  check: () => Promise<void>;
}

/** /healthz: the process is alive. /readyz: every dependency answers. /metrics: Prometheus. */
export function mountHealth(router: Router, probes: Probe[], metrics: Metrics): void {
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const results = await Promise.all(
      probes.map(async (p) => {
        const t = performance.now();
        try {
          await withTimeout(p.check(), 2000);
          return { name: p.name, ok: true, ms: Math.round(performance.now() - t) };
        } catch (e) {
          return { name: p.name, ok: false, error: e instanceof Error ? e.message : String(e) };
        }
      }),
    );
    const ready = results.every((r) => r.ok);
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : 'unavailable', checks: results };
  });
  router.get('/metrics', async (ctx) => {
    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.registry.metrics();
  });
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let t: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(t)),
    new Promise<T>((_, reject) => {
      t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]);
}
