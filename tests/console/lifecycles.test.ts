import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionLabel, CASE_KINDS, kindLabel, kindModule, kindTexts, needsLabel, nextStatuses, type CaseKind, type StatusAttrs } from '../../src/civic/index.js';
import { lifecyclesResponseSchema, type LifecycleInfo } from '../../src/console/contract/lifecycles.js';
import { startConsole, type ConsoleHarness } from './harness.js';

/** GET /lifecycles is the civic transition tables, as staff see them; the SPA has no other source. */
describe('GET /lifecycles', () => {
  let h: ConsoleHarness;
  let answer: Record<CaseKind, LifecycleInfo>;
  beforeAll(async () => {
    h = await startConsole();
    await h.user('deputy1', 'deputy', { communityId: 'nantoucheng' });
    const a = await (await h.login('deputy1')).get('/api/console/lifecycles');
    expect(a.status).toBe(200);
    answer = lifecyclesResponseSchema.parse(a.json);
  });
  afterAll(() => h.close());

  it('needs a session, and answers every staff role including deputies', async () => {
    const anon = await h.fetch('GET', '/api/console/lifecycles');
    expect(anon.status).toBe(401);
    expect(anon.json.error).toMatchObject({ code: 'unauthorized', reason: 'no_session' });
    expect(Object.keys(answer)).toEqual([...CASE_KINDS]);
  });

  it.each(CASE_KINDS)('has the %s lifecycle’s statuses, labels, open and terminal ones', (kind) => {
    const lc = kindModule(kind).lifecycle;
    const info = answer[kind];
    expect(info.kind).toBe(kind);
    expect(info.label).toBe(kindLabel(kind));
    expect(info.statuses.map((s) => [s.key, s.label])).toEqual(Object.entries(kindTexts(kind).status));
    expect(info.statuses.filter((s) => s.initial).map((s) => s.key)).toEqual([lc.initial]);
    const attrs = lc.statuses as Readonly<Record<string, StatusAttrs>>;
    expect(info.statuses.filter((s) => s.open).map((s) => s.key).sort()).toEqual(Object.keys(attrs).filter((k) => attrs[k]!.open).sort());
    for (const s of info.statuses) expect([s.phase, s.public], s.key).toEqual([attrs[s.key]!.phase, attrs[s.key]!.public]);
    for (const s of info.statuses) expect(s.terminal, s.key).toBe(nextStatuses(kind, s.key).length === 0);
  });

  it.each(CASE_KINDS)('has every %s move staff may make, with the fields the server validates', (kind) => {
    const lc = kindModule(kind).lifecycle;
    for (const s of answer[kind].statuses) {
      const edges = lc.edges.filter((e) => e.from.includes(s.key) && e.actors.includes('staff'));
      expect(s.transitions.map((t) => t.to), s.key).toEqual(edges.map((e) => e.to));
      for (const [i, t] of s.transitions.entries()) {
        const e = edges[i]!;
        const move = `${kind} ${s.key} → ${t.to}`;
        expect(t.label, move).toBe(kindTexts(kind).status[t.to]);
        expect(t.action, move).toBe(actionLabel(kind, e));
        expect(t.needs, move).toBe(needsLabel(kind, e));
        expect(t.publicNoteRequired, move).toBe(e.publicNote === 'required');
        expect(t.public, move).toBe(e.public);
        // the field list is the edge's schema: a required field is one the schema refuses to miss
        const shape = (e.data as { shape?: Record<string, { safeParse(v: unknown): { success: boolean } }> } | undefined)?.shape ?? {};
        expect(t.fields.map((f) => f.name), move).toEqual(Object.keys(shape));
        for (const f of t.fields) expect(f.required, `${move} ${f.name}`).toBe(!shape[f.name]!.safeParse(undefined).success);
        // every move has words of its own (flows/kinds.zh-CN.yaml <kind>.actions)
        expect(t.action.trim(), move).not.toBe('');
      }
    }
  });

  it('names the fields staff fill in: budget, batch, reason, 公示 dates, spend', () => {
    const move = (kind: CaseKind, from: string, to: string) => answer[kind].statuses.find((s) => s.key === from)!.transitions.find((t) => t.to === to)!;
    const fields = (kind: CaseKind, from: string, to: string) => move(kind, from, to).fields.map((f) => `${f.name}:${f.type}:${f.required ? 'required' : 'optional'}`);
    expect(fields('proposal', 'reviewing', 'approved')).toEqual(['approvedCost:money:required', 'batch:text:optional', 'overrideReason:text:optional']);
    expect(fields('proposal', 'approved', 'publicised')).toEqual(['publicityStart:date:required', 'publicityEnd:date:required']);
    expect(fields('proposal', 'implementing', 'completed')).toEqual(['actualCost:money:required', 'acceptanceNote:text:optional']);
    expect(fields('report', 'submitted', 'rejected')).toEqual(['reason:text:optional']);
    expect(fields('report', 'submitted', 'duplicate')).toEqual(['duplicateOf:case:required']);
    expect(move('report', 'submitted', 'accepted').action).toBe('受理');
    expect(move('report', 'resolved', 'in_progress')).toMatchObject({ action: '重办', publicNoteRequired: true, fields: [] });
    expect(move('report', 'accepted', 'in_progress')).toMatchObject({ action: '开始办理', publicNoteRequired: false });
  });

  it('marks the forward move the picker preselects: one per status at most, never a refusal, merge, 退回 or 重办', () => {
    const forward = (kind: CaseKind, from: string) =>
      answer[kind].statuses.find((s) => s.key === from)!.transitions.filter((t) => t.forward).map((t) => t.action);
    expect(forward('report', 'submitted')).toEqual(['受理']);
    expect(forward('report', 'accepted')).toEqual(['开始办理']);
    expect(forward('report', 'in_progress')).toEqual([answer.report.statuses.find((s) => s.key === 'in_progress')!.transitions.find((t) => t.to === 'resolved')!.action]);
    // 已办结: 结案 goes forward, 重办 (back to 处理中) is never the default
    expect(answer.report.statuses.find((s) => s.key === 'resolved')!.transitions.filter((t) => t.forward).map((t) => t.to)).toEqual(['closed']);
    expect(answer.proposal.statuses.find((s) => s.key === 'reviewing')!.transitions.filter((t) => t.forward).map((t) => t.to)).toEqual(['approved']);
    // 公示中: 开始实施, not 重新审核
    expect(answer.proposal.statuses.find((s) => s.key === 'publicised')!.transitions.filter((t) => t.forward).map((t) => t.to)).toEqual(['implementing']);
    expect(answer.wish.statuses.find((s) => s.key === 'fulfilled')!.transitions.filter((t) => t.forward).map((t) => t.to)).toEqual(['thanked']);
    const offPath = new Set(['rejected', 'duplicate', 'declined', 'reserve', 'withheld']);
    for (const kind of CASE_KINDS)
      for (const s of answer[kind].statuses) {
        const marked = s.transitions.filter((t) => t.forward);
        expect(marked.length, `${kind} ${s.key}`).toBeLessThanOrEqual(1);
        for (const t of marked) {
          expect(offPath.has(t.to), `${kind} ${s.key} → ${t.to}`).toBe(false);
          const step = (k: string) => (kindModule(kind).lifecycle.statuses as Readonly<Record<string, StatusAttrs>>)[k]!.step;
          expect(step(t.to), `${kind} ${s.key} → ${t.to}`).toBeGreaterThan(step(s.key));
        }
      }
  });

  it('agrees with the moves a case detail offers', async () => {
    await h.user('admin1', 'admin');
    const c = await h.login('admin1');
    const id = await h.report({ communityId: 'nantoucheng' });
    const d = await c.get(`/api/console/cases/${id}`);
    const fromTable = answer.report.statuses.find((s) => s.key === 'submitted')!.transitions;
    expect(d.json.nextTransitions.map((t: { to: string; fields: unknown }) => ({ to: t.to, fields: t.fields }))).toEqual(
      fromTable.map((t) => ({ to: t.to, fields: t.fields })),
    );
  });

  it('lists the side actions of each status, as the server enforces them', async () => {
    const side = (kind: CaseKind, status: string) => answer[kind].statuses.find((s) => s.key === status)!.sideActions;
    expect(side('report', 'submitted')).toEqual(['assign']);
    expect(side('report', 'accepted')).toEqual(['assign', 'transfer']);
    expect(side('report', 'resolved')).toEqual([]);
    expect(side('proposal', 'implementing')).toEqual(['milestone']);
    expect(side('proposal', 'reviewing')).toEqual([]);

    await h.user('admin2', 'admin');
    const c = await h.login('admin2');
    const report = await h.report({ communityId: 'nantoucheng' });
    const proposal = await h.proposal({ communityId: 'nantoucheng' });
    // a submitted report: assign yes, transfer no; a collected proposal: neither assign nor milestone
    expect((await c.post(`/api/console/cases/${report}/assign`, { assignee: '网格员小王' })).status).toBe(200);
    const transfer = await c.post(`/api/console/cases/${report}/transfer`, { department: '区城管局' });
    expect(transfer.status).toBe(400);
    expect(transfer.json.error.reason).toBe('illegal_state');
    for (const [path, body] of [
      ['assign', { assignee: '施工队' }],
      ['milestones', { date: '2026-03-10', note: '开工', percent: 10 }],
    ] as const) {
      const r = await c.post(`/api/console/cases/${proposal}/${path}`, body);
      expect(r.status, path).toBe(400);
      expect(r.json.error.reason, path).toBe('illegal_state');
    }
  });
});
