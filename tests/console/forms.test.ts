import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { brotliDecompressSync } from 'node:zlib';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allKinds, CASE_KINDS } from '../../src/civic/index.js';
import { lifecyclesResponseSchema, type LifecyclesResponse } from '../../src/console/contract/lifecycles.js';
import { routes } from '../../src/console/contract/routes.js';
import { FIELD_NAMES } from '../../src/console/invalid-request.js';
import { AUDIT_ACTIONS, targetOf, targetWords } from '../../src/console/web/src/pages/admin/audit-words.js';
import { fieldData, fieldDefaults, fieldLabel, type TransitionField } from '../../src/console/web/src/pages/cases/field-values.js';
import { cases, milestones } from '../../src/db/schema.js';
import { startConsole, type Client, type ConsoleHarness } from './harness.js';

/**
 * Issue 13, item 7 (the server side of the console's forms): words instead of field names and
 * units that agree (元 typed, 分 kept), an identical milestone sent twice is one milestone, and a
 * bulk move says per case, in words, why a case was not moved.
 */

/** a field name or a unit in a label staff read: assignee, dueAt, （分） … */
const CODE_OR_UNIT = /[A-Za-z]|（分）|单位分/;

/** every key of a zod object (through optional, nullable, default, arrays), nested */
function keysOf(schema: unknown, out = new Set<string>()): Set<string> {
  let t = schema as z.ZodType | undefined;
  while (t instanceof z.ZodOptional || t instanceof z.ZodNullable || t instanceof z.ZodDefault) t = t.unwrap() as z.ZodType;
  if (t instanceof z.ZodObject) for (const [k, v] of Object.entries(t.shape as Record<string, z.ZodType>)) keysOf(v, out.add(k));
  if (t instanceof z.ZodArray) keysOf(t.element, out);
  return out;
}

describe('the labels of the console’s forms', () => {
  let h: ConsoleHarness;
  let lc: LifecyclesResponse;
  beforeAll(async () => {
    h = await startConsole('pglite');
    await h.user('labels', 'admin');
    lc = lifecyclesResponseSchema.parse((await (await h.login('labels')).get('/api/console/lifecycles')).json);
  });
  afterAll(() => h.close());

  it('name no field and mix no units: 「承办人（assignee）」 and 「确定经费（分）（元）」 are gone', () => {
    const report = lc.report.statuses.find((s) => s.key === 'submitted')!.transitions.find((t) => t.to === 'accepted')!;
    expect(report.needs).toBe('承办人和办理时限');
    const approved = lc.proposal.statuses.find((s) => s.key === 'reviewing')!.transitions.find((t) => t.to === 'approved')!;
    const cost = approved.fields.find((f) => f.name === 'approvedCost')!;
    // the form says the unit staff type in, once
    expect(fieldLabel(cost)).toBe('确定经费（元）');
    for (const kind of CASE_KINDS)
      for (const s of lc[kind].statuses)
        for (const t of s.transitions) {
          const move = `${kind} ${s.key} → ${t.to}`;
          expect(t.needs ?? '', move).not.toMatch(CODE_OR_UNIT);
          for (const f of t.fields) {
            expect(f.label, `${move} ${f.name}`).not.toMatch(CODE_OR_UNIT);
            expect(fieldLabel(f), `${move} ${f.name}`).not.toMatch(/（分）|（元）.*（元）/);
          }
        }
  });

  it('has words for every field a request may be refused for', () => {
    const keys = new Set<string>();
    for (const r of Object.values(routes) as { body?: unknown; query?: unknown }[]) {
      keysOf(r.body, keys);
      keysOf(r.query, keys);
    }
    for (const k of allKinds()) for (const e of k.lifecycle.edges) keysOf(e.data, keys);
    expect([...keys].filter((k) => !Object.hasOwn(FIELD_NAMES, k))).toEqual([]);
  });

  it('answers large JSON compressed when the browser takes it, and the session answer as it is', async () => {
    const c = await h.login('labels');
    // node's fetch decodes by itself: ask with a raw request to see what crosses the wire
    const raw = (p: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        const req = request(h.url + p, { headers: { cookie: c.cookie, 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (b: Buffer) => chunks.push(b));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
        req.end();
      });
    const lifecycles = await raw('/api/console/lifecycles');
    expect(lifecycles.headers['content-encoding']).toBe('br');
    expect(lifecycles.headers.vary).toMatch(/Accept-Encoding/i);
    expect(lifecyclesResponseSchema.parse(JSON.parse(brotliDecompressSync(lifecycles.body).toString())).report.label).toBe('报修');
    const me = await raw('/api/console/me');
    expect(me.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(me.body.toString()).csrfToken).toEqual(expect.any(String));
  });

  it('names a bad date in words', async () => {
    const c = await h.login('labels');
    const bad = await c.get('/api/console/cases?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toBe('开始日期不是有效的日期，请按 2026-03-02 这样的格式填写');
  });
});

describe('money in the forms', () => {
  const cost: TransitionField = { name: 'approvedCost', type: 'money', label: '确定经费', required: true };
  it('is typed in 元 and sent in 分, and a suggested amount in 分 is shown in 元', () => {
    expect(fieldData([cost], { approvedCost: 150000.5 })).toEqual({ approvedCost: 15_000_050 });
    // binary fractions do not lose a fen
    expect(fieldData([cost], { approvedCost: 19.99 })).toEqual({ approvedCost: 1999 });
    expect(fieldData([cost], { approvedCost: 0.07 })).toEqual({ approvedCost: 7 });
    expect(fieldDefaults([cost], { approvedCost: 15_000_050 })).toEqual({ approvedCost: 150000.5 });
    for (const fen of [1, 99, 1999, 100_000_001]) expect(fieldData([cost], fieldDefaults([cost], { approvedCost: fen }))).toEqual({ approvedCost: fen });
  });
});

describe.each(['postgres', 'pglite'] as const)('milestones and bulk moves (%s)', (kind) => {
  let h: ConsoleHarness;
  let nt: Client;
  beforeAll(async () => {
    h = await startConsole(kind);
    await h.user('nt', 'community', { communityId: 'nantoucheng' });
    nt = await h.login('nt');
  });
  afterAll(() => h.close());

  it('records an identical milestone sent twice once, and says so', async () => {
    const p = await h.proposal({ communityId: 'nantoucheng' });
    await h.db.update(cases).set({ status: 'implementing' }).where(eq(cases.id, p));
    const body = { date: '2026-03-10', note: '已开工，完成路灯基座', percent: 30 };
    const post = (b: object) => nt.post(`/api/console/cases/${p}/milestones`, b);
    expect((await post(body)).status).toBe(201);
    const again = await post(body);
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'conflict', reason: 'repeated' });
    expect(again.json.error.message).toContain('刚刚已经记录过了');
    // two at once: still one
    const both = await Promise.all([post({ ...body, percent: 40 }), post({ ...body, percent: 40 })]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    // new words, or the same words days later, are news
    expect((await post({ ...body, note: '路灯基座完成，开始布线' })).status).toBe(201);
    h.clock.advance(11 * 60_000);
    expect((await post(body)).status).toBe(201);
    const rows = await h.db.select().from(milestones).where(eq(milestones.caseId, p));
    expect(rows.map((r) => `${r.percent} ${r.note}`)).toEqual(['30 已开工，完成路灯基座', '40 已开工，完成路灯基座', '30 路灯基座完成，开始布线', '30 已开工，完成路灯基座']);
  });

  it('says per case, in words, why a bulk move left it alone', async () => {
    const ok = await h.report({ communityId: 'nantoucheng' });
    const closed = await h.report({ communityId: 'nantoucheng' });
    const resolved = await h.report({ communityId: 'nantoucheng' });
    const elsewhere = await h.report({ communityId: 'longzhu' });
    await h.db.update(cases).set({ status: 'closed' }).where(eq(cases.id, closed));
    await h.db.update(cases).set({ status: 'resolved' }).where(eq(cases.id, resolved));
    const r = await nt.post('/api/console/cases/bulk-transition', { ids: [ok, closed, resolved, elsewhere, 999_999], to: 'accepted', data: { assignee: '电工班' } });
    expect(r.status).toBe(200);
    expect(r.json.results).toEqual([
      { id: ok, ok: true, status: 'accepted' },
      { id: closed, ok: false, error: { status: 400, reason: 'illegal_transition', message: '已结案，不能再受理' } },
      { id: resolved, ok: false, error: { status: 400, reason: 'illegal_transition', message: '已办结，不能再受理' } },
      { id: elsewhere, ok: false, error: { status: 403, reason: 'out_of_scope', message: '无权访问其他社区的事项' } },
      { id: 999_999, ok: false, error: { status: 404, reason: 'unknown_case', message: '没有找到编号为 999999 的事项' } },
    ]);
    // a move further along than a case has come: 还不能
    const early = await h.report({ communityId: 'nantoucheng' });
    const skip = await nt.post('/api/console/cases/bulk-transition', { ids: [early], to: 'closed' });
    expect(skip.json.results[0].error).toMatchObject({ reason: 'illegal_transition', message: '已提交，还不能结案' });
    // what is missing, in the form's words
    const missing = await nt.post('/api/console/cases/bulk-transition', { ids: [early], to: 'accepted' });
    expect(missing.json.results[0].error.message).toBe('「已提交」→「已受理」需要承办人和办理时限');
    expect((await h.db.select().from(cases).where(inArray(cases.id, [closed, resolved, elsewhere, early]))).map((c) => c.status).sort()).toEqual([
      'closed',
      'resolved',
      'submitted',
      'submitted',
    ]);
  });
});

describe('the audit log’s words', () => {
  /** every dotted audit action the server writes (writeAudit's action, the inbox's changed(…, 'ticket.claim')) */
  const written = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return p.includes(`${path.sep}web`) ? [] : written(p);
      if (!e.name.endsWith('.ts')) return [];
      return [...readFileSync(p, 'utf8').matchAll(/'((?:auth|case|ticket|keyword_reply|menu|staff|open311_key|open311)\.[a-z_]+)'/g)].map((m) => m[1]!).filter((a) => !/\.(js|ts)$/.test(a));
    });

  it('has words for every action the server writes, and every filter choice is one', () => {
    const actions = new Set([...written('src/console'), ...written('src/cli'), ...written('src/open311')]);
    expect(actions.size).toBeGreaterThan(20);
    expect([...actions].filter((a) => !Object.hasOwn(AUDIT_ACTIONS, a))).toEqual([]);
    expect(AUDIT_ACTIONS['case.reassign']).toBe('改派社区');
    for (const words of Object.values(AUDIT_ACTIONS)) expect(words).not.toMatch(/[A-Za-z]/);
  });

  it('names targets in words, and builds the stored target from the filter', () => {
    expect(targetWords('case:12')).toBe('事项 #12');
    expect(targetWords('username:alice')).toBe('用户名 alice');
    expect(targetWords('wechat_menu:3')).toBe('菜单版本 #3');
    expect(targetWords('cases')).toBe('事项列表');
    expect(targetWords('robot:1')).toBe('robot:1');
    expect(targetOf('case', '#12')).toBe('case:12');
    expect(targetOf('case', '十二')).toBeUndefined();
    expect(targetOf('username', ' alice ')).toBe('username:alice');
  });
});
