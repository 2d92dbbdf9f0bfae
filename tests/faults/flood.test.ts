import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoadLoop, pctl, say, sleep, startFaultStack, text, type Exchange, type FaultStack } from './harness.js';

/**
 * One resident floods the account (50 messages a second, not waiting for answers) while others
 * talk normally. The flooder is told politely to slow down (once) and then gets silence
 * (`success`); the others are still answered, not told 系统繁忙, and their latency barely moves.
 * A behaviour test: the latency bound is loose on purpose (a shared 2-core machine).
 */
describe('faults: one resident flooding', () => {
  let stack: FaultStack;
  beforeAll(async () => {
    stack = await startFaultStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('rate limited with a polite reply; other residents keep being answered at about the same speed', async () => {
    const loop = new LoadLoop({ url: stack.svc.url, residents: 10, persona: 'mix', pauseMs: 300, maxMessages: 3000, maxMs: 40_000 }).start();
    await sleep(1500);
    const baseFrom = Date.now();
    await sleep(5000);
    const floodFrom = Date.now();
    const flooder = `oFlood${Date.now().toString(36)}`.padEnd(28, '0');
    const sends: Promise<Awaited<ReturnType<typeof say>> & { ms: number }>[] = [];
    const PER_SECOND = 50;
    const SECONDS = 5;
    for (let i = 0; i < PER_SECOND * SECONDS; i++) {
      const t0 = performance.now();
      sends.push(say(stack.svc.url, flooder, text(i % 2 ? '帮助' : `查询 ${i}`)).then((r) => ({ ...r, ms: performance.now() - t0 })));
      await sleep(1000 / PER_SECOND);
    }
    const floodTo = Date.now();
    const flood = await Promise.all(sends);
    await loop.stop();

    const answered = (xs: Exchange[]) => xs.filter((e) => e.outcome === 'answer').map((e) => e.doneAt - e.sentAt);
    const base = loop.exchanges.filter((e) => e.sentAt >= baseFrom && e.sentAt < floodFrom);
    const during = loop.exchanges.filter((e) => e.sentAt >= floodFrom && e.sentAt < floodTo);
    const p50Base = pctl(answered(base), 0.5);
    const p50Flood = pctl(answered(during), 0.5);
    const b = loop.tally(base);
    const d = loop.tally(during);
    const f = {
      total: flood.length,
      answered: flood.filter((r) => r.kind === 'text' && !r.content.includes('发送得太快') && !r.content.includes('系统繁忙')).length,
      polite: flood.filter((r) => r.content.includes('发送得太快')).length,
      silent: flood.filter((r) => r.kind === 'success').length,
      busy: flood.filter((r) => r.content.includes('系统繁忙')).length,
      fivexx: flood.filter((r) => r.status >= 500).length,
      errors: flood.filter((r) => r.status === 0).length,
      p50: Math.round(pctl(flood.map((r) => r.ms), 0.5)),
    };
    console.log(
      `[flood] injected: one resident sending ${PER_SECOND}/s for ${SECONDS} s without waiting (${f.total} messages) beside ${loop.residents.length} residents talking normally\n` +
        `  flooder: answered ${f.answered}, polite "slow down" ${f.polite}, silent (success) ${f.silent}, busy ${f.busy}, 5xx ${f.fivexx}, no answer ${f.errors}, p50 ${f.p50} ms\n` +
        `  others: before ${b.total} messages (busy ${b.busy}) p50 ${p50Base} ms; during ${d.total} messages (answered ${d.answer}, busy ${d.busy}, 5xx ${d['5xx']}) p50 ${p50Flood} ms`,
    );
    expect(f.fivexx + f.errors).toBe(0);
    expect(f.polite).toBeGreaterThanOrEqual(1);
    // the bot's limit is 30 messages per 10 s per resident
    expect(f.answered).toBeLessThanOrEqual(35);
    expect(f.silent).toBeGreaterThan(f.total / 2);
    expect(d['5xx'] + d.error + d.http_error).toBe(0);
    expect(d.busy).toBe(0);
    expect(d.answer).toBeGreaterThan(d.total * 0.9);
    expect(p50Flood).toBeLessThan(Math.max(3 * p50Base, p50Base + 100));
  });
});
