import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kindTexts, statusLabel } from '../../src/civic/kinds/kind-texts.js';
import { CASE_KINDS } from '../../src/civic/kinds/names.js';
import { recordAcceptance } from '../../src/civic/delivery/acceptance.js';
import { nextStatuses, transition } from '../../src/civic/lifecycle/transition.js';
import type { Database } from '../../src/db/client.js';
import { caseRow, ctxAt, errorOf, eventsOf, forceStatus, openSeeded, proposal, report, staff, T0, wish } from './fixtures.js';

const system = { type: 'system', id: 'reserve-expiry' } as const;

/** The specification, written out by hand: every legal move; everything else must be refused. */
const REPORT_LEGAL: Record<string, string[]> = {
  submitted: ['accepted', 'rejected', 'duplicate'],
  accepted: ['in_progress', 'resolved', 'rejected', 'duplicate'],
  in_progress: ['resolved', 'duplicate'],
  resolved: ['closed', 'in_progress'],
  closed: [],
  rejected: [],
  duplicate: [],
};
const PROPOSAL_LEGAL: Record<string, string[]> = {
  collected: ['reviewing'],
  reviewing: ['approved', 'reserve', 'declined'],
  // back to review, promoted to 确定 (the envelope rule), or closed when its time in the 备选库 is over (system only)
  reserve: ['reviewing', 'approved', 'declined'],
  approved: ['publicised'],
  publicised: ['implementing', 'reviewing'],
  implementing: ['completed'],
  completed: ['evaluated'],
  declined: [],
  evaluated: [],
};

const WISH_LEGAL: Record<string, string[]> = {
  pending: ['published', 'withheld'],
  published: ['claimed'],
  claimed: ['published', 'fulfilled'],
  fulfilled: ['thanked', 'claimed'],
  thanked: [],
  withheld: [],
};

describe('status labels', () => {
  it('has a short zh label for every status', () => {
    expect(kindTexts('report').status).toEqual({
      submitted: '已提交',
      accepted: '已受理',
      in_progress: '处理中',
      resolved: '已办结',
      closed: '已结案',
      rejected: '不予受理',
      duplicate: '已合并',
    });
    expect(statusLabel('proposal', 'publicised')).toBe('公示中');
    expect(statusLabel('proposal', 'reserve')).toBe('备选库');
    expect(Object.keys(kindTexts('proposal').status).sort()).toEqual(Object.keys(PROPOSAL_LEGAL).sort());
  });
  it('no two kinds share a status key (the console filters and moves cases by key across kinds)', () => {
    const keys = CASE_KINDS.flatMap((k) => Object.keys(kindTexts(k).status));
    expect(keys.length).toBe(new Set(keys).size);
  });
  it('the tables match the specification', () => {
    for (const [from, tos] of Object.entries(REPORT_LEGAL)) expect(nextStatuses('report', from).sort()).toEqual([...tos].sort());
    for (const [from, tos] of Object.entries(PROPOSAL_LEGAL))
      expect(nextStatuses('proposal', from).sort()).toEqual([...tos].sort());
    for (const [from, tos] of Object.entries(WISH_LEGAL)) expect(nextStatuses('wish', from).sort()).toEqual([...tos].sort());
    expect(Object.keys(kindTexts('wish').status).sort()).toEqual(Object.keys(WISH_LEGAL).sort());
  });
});

describe('备选库 closing is the system\'s move', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openSeeded();
  });
  afterAll(() => database.close());
  it('staff cannot close a reserve proposal as expired; the job can', async () => {
    const id = await proposal(database.db);
    await forceStatus(database.db, id, 'reserve');
    const e = await errorOf(transition(database.db, { caseId: id, to: 'declined', actor: staff }, ctxAt()));
    expect(e.code).toBe('forbidden');
    await transition(database.db, { caseId: id, to: 'declined', actor: system }, ctxAt());
    expect((await eventsOf(database.db, id)).at(-1)).toMatchObject({ toStatus: 'declined', publicNote: '备选库保留期已满，提议关闭' });
  });
});

describe('every transition of both tables', () => {
  let database: Database;
  let target: number;
  beforeAll(async () => {
    database = await openSeeded();
    target = await report(database.db, { description: '合并目标' });
  });
  afterAll(() => database.close());

  const reportData = (): Record<string, Record<string, unknown>> => ({
    accepted: { assignee: '南头街道城管办' },
    rejected: { reason: '不属于受理范围' },
    duplicate: { duplicateOf: target },
  });
  const proposalData: Record<string, Record<string, unknown>> = {
    approved: { approvedCost: 25_000_00, batch: '2026年第一批' },
    declined: { reason: '属于物业管理职责' },
    publicised: { publicityStart: '2026-03-03T00:00:00+08:00', publicityEnd: '2026-03-10T00:00:00+08:00' },
    completed: { actualCost: 24_500_00 },
  };

  const wishData: Record<string, Record<string, unknown>> = {
    withheld: { reason: '不属于微心愿范围' },
    claimed: { claimerName: '某某电器公司', claimerType: 'company', contactName: '李经理', contactPhone: '13800000001' },
  };

  const tables = [
    { kind: 'report' as const, legal: REPORT_LEGAL, data: () => reportData(), make: () => report(database.db) },
    { kind: 'proposal' as const, legal: PROPOSAL_LEGAL, data: () => proposalData, make: () => proposal(database.db) },
    { kind: 'wish' as const, legal: WISH_LEGAL, data: () => wishData, make: () => wish(database.db) },
  ];
  for (const t of tables) {
    const statuses = Object.keys(t.legal);
    for (const from of statuses)
      for (const to of statuses) {
        const ok = t.legal[from]!.includes(to);
        it(`${t.kind}: ${from} → ${to} is ${ok ? 'legal' : 'refused'}`, async () => {
          const { db } = database;
          const id = await t.make();
          await forceStatus(db, id, from, { resolvedAt: from === 'resolved' ? T0 : null });
          // 完成 needs a passed acceptance (验收): recorded as it would be, in 实施
          if (t.kind === 'proposal' && to === 'completed' && from === 'implementing')
            await recordAcceptance(db, { caseId: id, acceptedOn: '2026-03-01', acceptedBy: '街道城建办', result: 'passed', actor: staff }, ctxAt());
          // the 备选库's time running out is the lifecycle job's move, nobody's else (tests/civic/reserve-expiry.test.ts)
          const actor = t.kind === 'proposal' && from === 'reserve' && to === 'declined' ? system : staff;
          const call = transition(
            db,
            { caseId: id, to, actor, publicNote: '说明', data: t.data()[to] ?? {} },
            ctxAt(),
          );
          if (ok) {
            const r = await call;
            expect(r).toMatchObject({ from, to, statusLabel: statusLabel(t.kind, to) });
            expect((await caseRow(db, id)).status).toBe(to);
            const last = (await eventsOf(db, id)).at(-1)!;
            expect(last).toMatchObject({ type: 'status_changed', fromStatus: from, toStatus: to, actorType: actor.type });
          } else {
            const e = await errorOf(call);
            expect(e.code).toBe('bad_request');
            // in the words staff click: 「已办结，不能再受理」, 「已提交，还不能结案」
            expect(e.message).toMatch(new RegExp(`^${statusLabel(t.kind, from)}，(不能再|还不能)\\S+$`));
            expect((await caseRow(db, id)).status).toBe(from);
            expect((await eventsOf(db, id)).length).toBe(1);
          }
        });
      }
  }
});

describe('the proposal table: 完成 waits for 验收', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openSeeded();
  });
  afterAll(() => database.close());

  it('implementing → completed is refused without a passed latest acceptance, in the words staff read', async () => {
    const { db } = database;
    const complete = (id: number) => transition(db, { caseId: id, to: 'completed', actor: staff, publicNote: '已完工', data: { actualCost: 1 } }, ctxAt());
    const accept = (id: number, result: 'passed' | 'failed') =>
      recordAcceptance(db, { caseId: id, acceptedOn: '2026-03-01', acceptedBy: '街道城建办', result, actor: staff }, ctxAt());
    const cases: Array<[string, Array<'passed' | 'failed'>, boolean]> = [
      ['none', [], false],
      ['failed', ['failed'], false],
      ['passed then failed', ['passed', 'failed'], false],
      ['failed then passed', ['failed', 'passed'], true],
    ];
    for (const [what, results, ok] of cases) {
      const id = await proposal(db);
      await forceStatus(db, id, 'implementing');
      for (const r of results) await accept(id, r);
      if (ok) await complete(id);
      else expect(await errorOf(complete(id)), what).toMatchObject({ code: 'bad_request', message: '完成前需要登记一次通过的验收' });
      expect((await caseRow(db, id)).status, what).toBe(ok ? 'completed' : 'implementing');
    }
  });
});
