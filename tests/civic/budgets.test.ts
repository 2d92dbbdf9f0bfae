import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToBatch, createBatch, envelopeOf, listBatches, listEnvelopes, publishBatch, removeFromBatch, setEnvelope } from '../../src/civic/budgets/index.js';
import { CouncilRefusal, recordMeeting } from '../../src/civic/council/index.js';
import { transition } from '../../src/civic/lifecycle/transition.js';
import { supportProposal } from '../../src/civic/support.js';
import type { Database } from '../../src/db/client.js';
import { AppError } from '../../src/errors.js';
import { T0, caseRow, ctxAt, days, errorOf, eventsOf, forceStatus, openSeeded, outboxOf, proposal, staff } from './fixtures.js';

const attendees = { party: 3, committee: 5, workstation: 2, residents: 12, experts: 2, deputies: 1 };
const wan = (n: number) => n * 10_000_00;
let n = 0;
const fresh = (p: string) => `${p}-${++n}`;

describe('年度预算: approving spends the year\'s envelope', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openSeeded();
  });
  afterAll(() => database.close());

  /** a proposal of the community in review */
  const reviewing = async (communityId: string, over: Record<string, unknown> = {}) => {
    const id = await proposal(database.db, { communityId, ...over });
    await forceStatus(database.db, id, 'reviewing');
    return id;
  };
  const approve = (caseId: number, approvedCost: number, o: { overrideReason?: string; authorizeOverride?: () => void } = {}) =>
    transition(
      database.db,
      {
        caseId,
        to: 'approved',
        actor: staff,
        data: { approvedCost, ...(o.overrideReason ? { overrideReason: o.overrideReason } : {}) },
        ...(o.authorizeOverride ? { authorizeOverride: o.authorizeOverride } : {}),
      },
      ctxAt(),
    );
  const envelope = (communityId: string | null, amount: number, year = 2026, streetId = 'nanshui') =>
    setEnvelope(database.db, { envelope: { streetId, communityId, year, amount }, actor: staff }, T0);

  it('where no envelope is set, nothing is refused', async () => {
    const id = await reviewing('gaolan');
    await approve(id, wan(900));
    expect(await caseRow(database.db, id)).toMatchObject({ status: 'approved', approvedCost: wan(900), approvedAt: T0 });
    expect(await envelopeOf(database.db, { streetId: 'nanshui', communityId: 'gaolan', year: 2026 })).toBeUndefined();
  });

  // the rule, row by row: the envelope, what the year already spent, the budget asked, a reason given, may the caller override
  const rows: Array<{ name: string; amount: number; spent: number; cost: number; reason?: string; manager?: boolean; refused?: string }> = [
    { name: 'within what is left', amount: wan(10), spent: wan(4), cost: wan(5) },
    { name: 'exactly what is left', amount: wan(10), spent: wan(4), cost: wan(6) },
    { name: 'one fen beyond, no reason', amount: wan(10), spent: wan(4), cost: wan(6) + 1, refused: 'over_budget' },
    { name: 'beyond, a reason, not a manager', amount: wan(10), spent: wan(4), cost: wan(8), reason: '雨季前必须完工', refused: 'override_not_allowed' },
    { name: 'beyond, a manager without a reason', amount: wan(10), spent: wan(4), cost: wan(8), manager: true, refused: 'over_budget' },
    { name: 'beyond, a manager with a reason', amount: wan(10), spent: wan(4), cost: wan(8), reason: '雨季前必须完工', manager: true },
    { name: 'an envelope of nothing', amount: 0, spent: 0, cost: 1, refused: 'over_budget' },
  ];
  let year = 2030;
  for (const r of rows)
    it(`envelope rule: ${r.name} → ${r.refused ?? 'approved'}`, async () => {
      // each row its own year: the envelope and what it spent are the row's alone
      year += 1;
      const now = new Date(`${year}-03-02T02:00:00Z`);
      await setEnvelope(database.db, { envelope: { streetId: 'nanshui', communityId: 'nanshui-sq', year, amount: r.amount }, actor: staff }, now);
      if (r.spent) {
        const before = await reviewing('nanshui-sq');
        await transition(database.db, { caseId: before, to: 'approved', actor: staff, data: { approvedCost: r.spent } }, { now });
      }
      const id = await reviewing('nanshui-sq');
      const call = transition(
        database.db,
        { caseId: id, to: 'approved', actor: staff, data: { approvedCost: r.cost, ...(r.reason ? { overrideReason: r.reason } : {}) }, ...(r.manager ? { authorizeOverride: () => undefined } : {}) },
        { now },
      );
      if (r.refused) {
        const e = (await errorOf(call)) as AppError;
        expect(e.reason).toBe(r.refused);
        expect((await caseRow(database.db, id)).status).toBe('reviewing');
      } else {
        await call;
        const row = await caseRow(database.db, id);
        expect(row).toMatchObject({ status: 'approved', approvedCost: r.cost });
        const standing = await envelopeOf(database.db, { streetId: 'nanshui', communityId: 'nanshui-sq', year });
        expect(standing).toMatchObject({ amount: r.amount, spent: r.spent + r.cost, remaining: r.amount - r.spent - r.cost });
        if (r.reason) expect((await eventsOf(database.db, id)).at(-1)!.data).toMatchObject({ overrideReason: r.reason });
      }
    });

  it('the refusal names what is left, in words; a refused override leaves nothing', async () => {
    await envelope('shabaishi', wan(10), 2026);
    const a = await reviewing('shabaishi');
    await approve(a, wan(5.5));
    const b = await reviewing('shabaishi');
    const e = await errorOf(approve(b, wan(6)));
    expect(e.code).toBe('bad_request');
    expect(e.message).toContain('经费6万元超出2026年度预算余额4.5万元（年度预算10万元）');
    const forbidden = await errorOf(approve(b, wan(6), { overrideReason: '汛期抢修', authorizeOverride: () => { throw new AppError('forbidden', 'no', { reason: 'nope' }); } }));
    expect(forbidden.code).toBe('forbidden');
    const noManager = await errorOf(approve(b, wan(6), { overrideReason: '汛期抢修' }));
    expect(noManager.message).toContain('只有主管可以确认超出预算');
    expect((await eventsOf(database.db, b)).length).toBe(1);
    // the manager's override: approved beyond, the reason on the move's event, and what is left goes below nothing
    await approve(b, wan(6), { overrideReason: '汛期抢修', authorizeOverride: () => undefined });
    expect((await eventsOf(database.db, b)).at(-1)).toMatchObject({ toStatus: 'approved', data: expect.objectContaining({ overrideReason: '汛期抢修', approvedCost: wan(6) }) });
    expect(await envelopeOf(database.db, { streetId: 'nanshui', communityId: 'shabaishi', year: 2026 })).toMatchObject({ spent: wan(11.5), remaining: -wan(1.5) });
  });

  it('what spends: proposals approved that year still on the path; sent back, declined, another year or another community do not', async () => {
    await envelope('nanshui-sq', wan(50), 2027);
    const now = new Date('2027-05-01T02:00:00Z');
    const mk = async (cost: number, communityId = 'nanshui-sq', at = now) => {
      const id = await reviewing(communityId);
      await transition(database.db, { caseId: id, to: 'approved', actor: staff, data: { approvedCost: cost } }, { now: at });
      return id;
    };
    const kept = await mk(wan(10));
    const implementing = await mk(wan(5));
    await forceStatus(database.db, implementing, 'implementing');
    const sentBack = await mk(wan(7));
    await forceStatus(database.db, sentBack, 'reviewing');
    await mk(wan(3), 'gaolan');
    await mk(wan(2), 'nanshui-sq', new Date('2026-12-31T15:59:00Z')); // 2026 in China
    expect(await envelopeOf(database.db, { streetId: 'nanshui', communityId: 'nanshui-sq', year: 2027 })).toMatchObject({ spent: wan(15), remaining: wan(35) });
    // approving again (sent back and approved again) does not count the case twice
    await transition(database.db, { caseId: sentBack, to: 'approved', actor: staff, data: { approvedCost: wan(35) } }, { now });
    expect(await envelopeOf(database.db, { streetId: 'nanshui', communityId: 'nanshui-sq', year: 2027 })).toMatchObject({ remaining: 0 });
    expect(kept).toBeGreaterThan(0);
  });

  it('the street sets envelopes of its own communities, and one of its own; setting again changes it', async () => {
    const e = await errorOf(envelope('nantoucheng', wan(1), 2026));
    expect(e.code).toBe('bad_request');
    expect(e.message).toBe('这个社区不属于该街道，不能为它设定预算');
    const first = await envelope(null, wan(100), 2028);
    expect(first).toMatchObject({ before: null, envelope: { communityId: null, amount: wan(100), spent: 0 } });
    const again = await envelope(null, wan(120), 2028);
    expect(again).toMatchObject({ before: wan(100), envelope: { amount: wan(120) } });
    const list = await listEnvelopes(database.db, { streetIds: ['nanshui'], year: 2028 });
    expect(list).toEqual([expect.objectContaining({ communityId: null, amount: wan(120) })]);
    const seen: string[] = [];
    const refused = await errorOf(
      setEnvelope(database.db, { envelope: { streetId: 'nanshui', year: 2028, amount: 1 }, actor: staff, authorizeStreet: (s) => { seen.push(s); throw new AppError('forbidden', 'no', { reason: 'out_of_scope' }); } }, T0),
    );
    expect([refused.code, seen]).toEqual(['forbidden', ['nanshui']]);
    expect((await listEnvelopes(database.db, { streetIds: ['nanshui'], year: 2028 }))[0]!.amount).toBe(wan(120));
  });

  it('a 议事会 确定 goes through the same rule: refused as a whole beyond the envelope, kept with a manager\'s reason', async () => {
    await envelope('gaolan', wan(10), 2029);
    const now = new Date('2029-03-02T02:00:00Z');
    const a = await proposal(database.db, { communityId: 'gaolan' });
    const b = await proposal(database.db, { communityId: 'gaolan' });
    const meeting = { communityId: 'gaolan', heldOn: '2029-03-02', title: '2029年议事会', attendees };
    const decisions = [
      { caseId: a, outcome: 'approved' as const, approvedCost: wan(6) },
      { caseId: b, outcome: 'approved' as const, approvedCost: wan(6) },
    ];
    const refused = await errorOf(recordMeeting(database.db, { meeting: { ...meeting, decisions }, actor: staff }, { now }));
    expect(refused).toBeInstanceOf(CouncilRefusal);
    expect((refused as CouncilRefusal).refusals).toEqual([expect.objectContaining({ caseId: b, reason: 'over_budget' })]);
    expect((await caseRow(database.db, a)).status).toBe('collected');
    const r = await recordMeeting(
      database.db,
      { meeting: { ...meeting, decisions: [decisions[0]!, { ...decisions[1]!, overrideReason: '议事会一致同意先行实施' }] }, actor: staff, authorizeOverride: () => undefined },
      { now },
    );
    expect(r.decisions.map((d) => d.status)).toEqual(['approved', 'approved']);
    expect((await eventsOf(database.db, b)).at(-1)!.data).toMatchObject({ overrideReason: '议事会一致同意先行实施' });
  });

  it('备选库 → 确定: promoted by the same rule', async () => {
    await envelope('nanshui-sq', wan(1), 2045);
    const now = new Date('2045-06-01T02:00:00Z');
    const id = await reviewing('nanshui-sq');
    await transition(database.db, { caseId: id, to: 'reserve', actor: staff }, { now });
    const promote = (approvedCost: number) => transition(database.db, { caseId: id, to: 'approved', actor: staff, data: { approvedCost } }, { now });
    const e = (await errorOf(promote(wan(2)))) as AppError;
    expect(e.reason).toBe('over_budget');
    const r = await promote(wan(1));
    expect(r).toMatchObject({ from: 'reserve', to: 'approved' });
    expect(await caseRow(database.db, id)).toMatchObject({ status: 'approved', approvedCost: wan(1), approvedAt: now });
  });
});

describe('批次: numbered, filled with approved proposals, published together', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openSeeded();
  });
  afterAll(() => database.close());

  const approved = async (openid: string, communityId = 'shabaishi') => {
    const id = await proposal(database.db, { openid, communityId });
    await forceStatus(database.db, id, 'approved', { approvedCost: wan(2) });
    return id;
  };

  it('numbers each street\'s batches of a year from one; another year starts again', async () => {
    const one = await createBatch(database.db, { batch: { streetId: 'taoyuan', year: 2026, title: '第一批' }, actor: staff }, ctxAt());
    const two = await createBatch(database.db, { batch: { streetId: 'taoyuan', year: 2026, title: '第二批' }, actor: staff }, ctxAt());
    const other = await createBatch(database.db, { batch: { streetId: 'taoyuan', year: 2027, title: '第一批' }, actor: staff }, ctxAt());
    expect([one.number, two.number, other.number]).toEqual([1, 2, 1]);
  });

  it('takes approved proposals of its street only, all or none', async () => {
    const b = await createBatch(database.db, { batch: { streetId: 'nanshui', year: 2026, title: '2026年第一批' }, actor: staff }, ctxAt());
    const a = await approved(fresh('o-p'));
    const collected = await proposal(database.db, { communityId: 'shabaishi' });
    const elsewhere = await proposal(database.db, { communityId: 'nantoucheng' });
    await forceStatus(database.db, elsewhere, 'approved');
    const e1 = await errorOf(addToBatch(database.db, { batchId: b.id, caseIds: [a, collected], actor: staff }, ctxAt()));
    expect(e1.message).toBe(`#${collected} 现在是“已征集”，只有已确定的提议才能放入批次`);
    const e2 = (await errorOf(addToBatch(database.db, { batchId: b.id, caseIds: [elsewhere], actor: staff }, ctxAt()))) as AppError;
    expect(e2.reason).toBe('other_street');
    expect((await caseRow(database.db, a)).batchId).toBeNull();
    await addToBatch(database.db, { batchId: b.id, caseIds: [a], actor: staff }, ctxAt());
    expect(await caseRow(database.db, a)).toMatchObject({ batchId: b.id, batch: '2026年第一批' });
    expect((await eventsOf(database.db, a)).at(-1)).toMatchObject({ type: 'note', publicNote: null, internalNote: '放入批次：2026年第一批' });
    // out again, by mistake put in: the title goes with it; a case not in the batch is not found
    await removeFromBatch(database.db, { batchId: b.id, caseId: a, actor: staff }, ctxAt());
    expect(await caseRow(database.db, a)).toMatchObject({ batchId: null, batch: null });
    expect((await eventsOf(database.db, a)).at(-1)).toMatchObject({ internalNote: '移出批次：2026年第一批' });
    expect(((await errorOf(removeFromBatch(database.db, { batchId: b.id, caseId: a, actor: staff }, ctxAt()))) as AppError).reason).toBe('unknown_case');
  });

  it('publishing tells each proposer and supporter once, however many of their proposals the batch holds; then it is closed', async () => {
    const b = await createBatch(database.db, { batch: { streetId: 'nanshui', year: 2026, title: '2026年第二批' }, actor: staff }, ctxAt());
    const empty = (await errorOf(publishBatch(database.db, { batchId: b.id, actor: staff }, ctxAt()))) as AppError;
    expect(empty.reason).toBe('batch_empty');
    const proposer = fresh('o-p');
    const supporter = fresh('o-s');
    const x = await proposal(database.db, { openid: proposer, communityId: 'shabaishi' });
    const y = await proposal(database.db, { openid: proposer, communityId: 'shabaishi' });
    const z = await proposal(database.db, { openid: fresh('o-p'), communityId: 'shabaishi' });
    for (const id of [x, z]) await supportProposal(database.db, id, supporter, T0, { milestones: [] });
    for (const id of [x, y, z]) await forceStatus(database.db, id, 'approved', { approvedCost: wan(3) });
    await addToBatch(database.db, { batchId: b.id, caseIds: [x, y, z], actor: staff }, ctxAt());
    const before = (await outboxOf(database.db)).length;
    const later = days(10);
    const r = await publishBatch(database.db, { batchId: b.id, actor: staff }, ctxAt(later));
    expect(r).toMatchObject({ cases: 3, queued: 3, batch: { publishedAt: later } });
    const pushes = (await outboxOf(database.db)).slice(before);
    expect(pushes.map((p) => p.openid).sort()).toEqual([proposer, supporter, (await caseRow(database.db, z)).openid!].sort());
    expect(pushes.every((p) => p.idempotencyKey.startsWith(`batch:${b.id}:`))).toBe(true);
    for (const id of [x, y, z]) expect((await eventsOf(database.db, id)).at(-1)).toMatchObject({ type: 'note', publicNote: '2026年第二批项目已公布' });
    const again = (await errorOf(publishBatch(database.db, { batchId: b.id, actor: staff }, ctxAt(later)))) as AppError;
    expect(again.reason).toBe('batch_published');
    const more = await approved(fresh('o-p'));
    const closed = await errorOf(addToBatch(database.db, { batchId: b.id, caseIds: [more], actor: staff }, ctxAt(later)));
    expect(closed.message).toBe('2026年第二批已经公布，不能再调整其中的项目');
    const listed = await listBatches(database.db, { streetIds: ['nanshui'], year: 2026, publishedOnly: true });
    expect(listed).toEqual([expect.objectContaining({ id: b.id, count: 3, approvedCost: wan(9) })]);
  });

  it('published with a 公示: its approved proposals enter it with the batch\'s dates through the lifecycle, each pushed as a 公示 naming the batch; one already past 确定 stays', async () => {
    const b = await createBatch(database.db, { batch: { streetId: 'nanshui', year: 2026, title: '2026年第三批' }, actor: staff }, ctxAt());
    const proposer = fresh('o-p');
    const [x, y] = [await approved(proposer), await approved(fresh('o-p'))];
    await addToBatch(database.db, { batchId: b.id, caseIds: [x, y], actor: staff }, ctxAt());
    // y went on to 公示 by itself before the batch was published
    await transition(database.db, { caseId: y, to: 'publicised', actor: staff, data: { publicityStart: days(1), publicityEnd: days(9) } }, ctxAt(days(1)));
    const before = (await outboxOf(database.db)).length;
    const start = days(10);
    const end = days(17);
    // too short a notice is refused in words, and nothing is published
    const short = (await errorOf(publishBatch(database.db, { batchId: b.id, actor: staff, publicity: { start, end: days(12) } }, ctxAt(start)))) as AppError;
    expect(short.reason).toBe('publicity_too_short');
    expect((await caseRow(database.db, x)).status).toBe('approved');
    const r = await publishBatch(database.db, { batchId: b.id, actor: staff, publicity: { start, end } }, ctxAt(start));
    expect(r).toMatchObject({ cases: 2, publicised: 1 });
    expect(await caseRow(database.db, x)).toMatchObject({ status: 'publicised', publicityStart: start, publicityEnd: end });
    const moved = (await eventsOf(database.db, x)).at(-1)!;
    expect(moved).toMatchObject({ type: 'status_changed', toStatus: 'publicised' });
    expect(moved.publicNote).toMatch(new RegExp(`^2026年第三批项目已公布，公示到.+。有不同意见请回复“异议 ${x} 和理由”$`));
    const pushes = (await outboxOf(database.db)).slice(before);
    expect(pushes.some((p) => p.openid === proposer && p.caseId === x)).toBe(true);
    expect(r.queued).toBe(pushes.length);
    // y, already in its own 公示, is only told the batch is out
    expect((await eventsOf(database.db, y)).at(-1)).toMatchObject({ type: 'note', publicNote: '2026年第三批项目已公布' });
  });
});

