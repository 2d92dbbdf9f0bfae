import type Router from '@koa/router';
import type { Metrics } from './metrics.js';

export interface Probe {
  name: string;
  check: () => Promise<void>;
  /**
   * false: a failure is reported (status degraded) but the instance stays ready — a stalled push
   * worker must not take the webhook out of the load balancer
   */
  critical?: boolean;
}

/**
 * /healthz: the process is alive. /readyz: every dependency answers (503 unavailable when a critical
 * one does not; 200 degraded when only a non-critical one fails). /metrics: Prometheus.
 */
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
          return { name: p.name, ok: false, critical: p.critical ?? true, error: e instanceof Error ? e.message : String(e) };
        }
      }),
    );
    const ready = results.every((r) => r.ok || !r.critical);
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: !ready ? 'unavailable' : results.every((r) => r.ok) ? 'ready' : 'degraded', checks: results };
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
