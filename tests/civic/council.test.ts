import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseCouncilDecisions, CouncilRefusal, councilCandidates, meetingDetail, recordMeeting, type CouncilMeetingInput } from '../../src/civic/council/index.js';
import type { CaseRow } from '../../src/civic/kinds/kind.js';
import { supportProposal } from '../../src/civic/support.js';
import { loadPushTexts } from '../../src/notify/push-config.js';
import { customText, owesFullNote, pushPayloadSchema, pushValues } from '../../src/notify/push-content.js';
import type { Database, Db } from '../../src/db/client.js';
import { councilDecisions, councilMeetings } from '../../src/db/schema.js';
import { AppError } from '../../src/errors.js';
import type { DbKind } from '../helpers/db.js';
import { T0, caseRow, errorOf, eventsOf, forceStatus, openSeeded, outboxOf, proposal, report, staff } from './fixtures.js';

const rules = { milestones: [50] };
const attendees = { party: 3, committee: 5, workstation: 2, residents: 12, experts: 2, deputies: 1 };
/** a meeting of 沙白石村 on the day of T0 deciding these */
const meeting = (decisions: CouncilMeetingInput['decisions'], over: Partial<CouncilMeetingInput> = {}): CouncilMeetingInput => ({
  communityId: 'shabaishi',
  heldOn: '2026-03-02',
  title: '2026年第一季度居民议事会',
  attendees,
  decisions,
  ...over,
});

let n = 0;
const fresh = (p: string) => `${p}-${++n}`;

async function countOf(db: Db, table: 'council_meetings' | 'council_decisions'): Promise<number> {
  const rows = await db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`);
  const list = (Array.isArray(rows) ? rows : (rows as unknown as { rows: unknown[] }).rows) as { n: number }[];
  return Number(list[0]!.n);
}

describe.each<DbKind>(['postgres', 'pglite'])('居民议事会 decides many proposals at once (%s)', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openSeeded(kind);
  });
  afterAll(() => database.close());

  /** a proposal of 沙白石村 by its own proposer, supported by `supporters` residents */
  const supported = async (supporters: number, status = 'collected') => {
    const proposer = fresh('o-proposer');
    const p = await proposal(database.db, { openid: proposer });
    const names: string[] = [];
    for (let i = 0; i < supporters; i++) {
      const s = fresh('o-supporter');
      names.push(s);
      await supportProposal(database.db, p, s, T0, rules);
    }
    if (status !== 'collected') await forceStatus(database.db, p, status);
    return { id: p, proposer, supporters: names };
  };

  it('one call: 确定 with its budget, 备选, 不予采纳 with a reason — each by the lifecycle, with the support it had', async () => {
    const a = await supported(3);
    const b = await supported(1, 'reviewing');
    const c = await supported(0);
    const r = await recordMeeting(
      database.db,
      {
        meeting: meeting([
          { caseId: a.id, outcome: 'approved', approvedCost: 45_000_00, votes: { for: 20, against: 3, abstain: 2 } },
          { caseId: b.id, outcome: 'reserve' },
          { caseId: c.id, outcome: 'declined', reason: '属于市政道路维修范围，已转交城管部门' },
        ]),
        actor: staff,
      },
      { now: T0 },
    );
    expect(r.decisions.map((d) => [d.caseId, d.outcome, d.status])).toEqual([
      [a.id, 'approved', 'approved'],
      [b.id, 'reserve', 'reserve'],
      [c.id, 'declined', 'declined'],
    ]);
    // the approved edge takes no batch from a meeting
    expect(await caseRow(database.db, a.id)).toMatchObject({ status: 'approved', approvedCost: 45_000_00, batch: null });
    expect(await caseRow(database.db, c.id)).toMatchObject({ status: 'declined', rejectReason: '属于市政道路维修范围，已转交城管部门' });
    // a collected proposal went to review first, then to its outcome: both moves on its timeline
    const moves = (await eventsOf(database.db, a.id)).filter((e) => e.type === 'status_changed');
    expect(moves.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      ['collected', 'reviewing'],
      ['reviewing', 'approved'],
    ]);
    expect(moves[1]).toMatchObject({ publicNote: '3月2日议事会确定，经费4.5万元', data: expect.objectContaining({ meetingId: r.meetingId }) });
    const detail = await meetingDetail(database.db, r.meetingId);
    expect(detail).toMatchObject({ communityId: 'shabaishi', streetId: expect.any(String), heldOn: '2026-03-02', attendees, outcomes: { approved: 1, reserve: 1, declined: 1 }, minutes: null });
    expect(detail.decisions.map((d) => [d.caseId, d.supportCount, d.votes.for])).toEqual([
      [a.id, 3, 20],
      [b.id, 1, null],
      [c.id, 0, null],
    ]);
    expect(await caseCouncilDecisions(database.db, c.id)).toEqual([
      expect.objectContaining({ meetingId: r.meetingId, heldOn: '2026-03-02', outcome: 'declined', reason: '属于市政道路维修范围，已转交城管部门', attendees }),
    ]);
  });

  it('the proposer and every supporter are pushed once, with the meeting’s words (the step to review pushes no one)', async () => {
    const a = await supported(2);
    const c = await supported(1, 'reviewing');
    await recordMeeting(
      database.db,
      {
        meeting: meeting([
          { caseId: a.id, outcome: 'approved', approvedCost: 8_000_00 },
          { caseId: c.id, outcome: 'declined', reason: '预算超出微实事范围' },
        ]),
        actor: staff,
      },
      { now: T0 },
    );
    const pushed = async (id: number) =>
      (await outboxOf(database.db, id)).filter((o) => o.kind === 'status_changed').map((o) => [o.openid, (o.payload as { status: string; publicNote: string }).status, (o.payload as { publicNote: string }).publicNote]);
    expect((await pushed(a.id)).sort()).toEqual(
      [a.proposer, ...a.supporters].sort().map((who) => [who, 'approved', '3月2日议事会确定，经费8,000元']),
    );
    expect((await pushed(c.id)).sort()).toEqual([c.proposer, ...c.supporters].sort().map((who) => [who, 'declined', '3月2日议事会决定不予采纳：预算超出微实事范围']));

    // what a supporter reads: the status and the meeting's words, which fit the template's field
    const [push] = (await outboxOf(database.db, a.id)).filter((o) => o.openid === a.supporters[0] && o.kind === 'status_changed');
    const payload = pushPayloadSchema.parse(push!.payload);
    expect(owesFullNote(payload)).toBe(false);
    const texts = loadPushTexts();
    expect(customText('status_changed', payload, texts, pushValues(payload, texts, 'https://example.org')).split('\n').slice(0, 2)).toEqual([
      `您关注的微实事 #${a.id}「村巷加装照明灯」状态更新为：已确定`,
      '说明：3月2日议事会确定，经费8,000元',
    ]);
  });

  it('one proposal refused by a rule refuses the whole decision, naming each in words; nothing is kept, nothing pushed', async () => {
    const ok = await supported(1);
    const noReason = await supported(0, 'reviewing');
    const noCost = await supported(0);
    const gone = await supported(0, 'approved');
    const meetingsBefore = await countOf(database.db, 'council_meetings');
    const outboxBefore = (await outboxOf(database.db)).length;
    const e = await errorOf(
      recordMeeting(
        database.db,
        {
          meeting: meeting([
            { caseId: ok.id, outcome: 'reserve' },
            { caseId: noReason.id, outcome: 'declined' },
            { caseId: noCost.id, outcome: 'approved' },
            { caseId: gone.id, outcome: 'reserve' },
          ]),
          actor: staff,
        },
        { now: T0 },
      ),
    );
    expect(e).toBeInstanceOf(CouncilRefusal);
    const refusals = (e as CouncilRefusal).refusals;
    expect(refusals.map((x) => [x.caseId, x.reason])).toEqual([
      [noReason.id, 'reason_required'],
      [noCost.id, 'invalid_data'],
      [gone.id, 'illegal_transition'],
    ]);
    expect(refusals[1]!.message).toBe('「审核中」→「已确定」需要确定的经费');
    expect(e.message.split('\n')).toEqual([
      '议事会的决定没有保存：有 3 项提议不能按所选结果办理，请修改后重新提交',
      ...refusals.map((x) => `#${x.caseId}：${x.message}`),
    ]);
    for (const p of [ok, noCost]) expect((await caseRow(database.db, p.id)).status).toBe('collected');
    expect((await caseRow(database.db, noReason.id)).status).toBe('reviewing');
    expect((await eventsOf(database.db, ok.id)).filter((x) => x.type === 'status_changed')).toEqual([]);
    expect(await countOf(database.db, 'council_meetings')).toBe(meetingsBefore);
    expect((await outboxOf(database.db)).length).toBe(outboxBefore);
  });

  it('another community’s proposal, a report and an unknown number are each named', async () => {
    const other = await proposal(database.db, { communityId: 'nantoucheng' });
    const notProposal = await report(database.db, { communityId: 'shabaishi' });
    const e = await errorOf(
      recordMeeting(
        database.db,
        {
          meeting: meeting([
            { caseId: other, outcome: 'reserve' },
            { caseId: notProposal, outcome: 'reserve' },
            { caseId: 999_999, outcome: 'reserve' },
          ]),
          actor: staff,
        },
        { now: T0 },
      ),
    );
    expect((e as CouncilRefusal).refusals.map((x) => [x.caseId, x.status, x.message])).toEqual([
      [other, 403, `#${other} 不是本社区的提议，议事会只能决定本社区的提议`],
      [notProposal, 400, `#${notProposal} 不是微实事提议，议事会不能对它作出决定`],
      [999_999, 404, expect.stringContaining('999999')],
    ]);
    expect(e.code).toBe('forbidden');
  });

  it('scope: a community user cannot decide another community’s proposal (the staff check runs on each row, inside the transaction)', async () => {
    const p = await supported(0);
    // a 南头城 community account: its scope hook, as the console passes it
    const scope = (row: CaseRow) => {
      if (row.communityId !== 'nantoucheng') throw new AppError('forbidden', '无权访问其他社区的事项', { reason: 'out_of_scope' });
    };
    const onCommunity = (id: string) => {
      if (id !== 'nantoucheng') throw new AppError('forbidden', '无权访问其他社区的议事会', { reason: 'out_of_scope' });
    };
    const asRow = await errorOf(recordMeeting(database.db, { meeting: meeting([{ caseId: p.id, outcome: 'reserve' }]), actor: staff, authorize: scope }, { now: T0 }));
    expect((asRow as CouncilRefusal).refusals).toEqual([{ caseId: p.id, status: 403, reason: 'out_of_scope', message: '无权访问其他社区的事项' }]);
    const asMeeting = await errorOf(
      recordMeeting(database.db, { meeting: meeting([{ caseId: p.id, outcome: 'reserve' }]), actor: staff, authorizeCommunity: onCommunity }, { now: T0 }),
    );
    expect(asMeeting).toMatchObject({ code: 'forbidden', message: '无权访问其他社区的议事会' });
    expect((await caseRow(database.db, p.id)).status).toBe('collected');
  });

  it('refuses the same proposal twice in one meeting, a meeting in the future, and a meeting deciding nothing', async () => {
    const p = await supported(0);
    const twice = await errorOf(
      recordMeeting(database.db, { meeting: meeting([{ caseId: p.id, outcome: 'reserve' }, { caseId: p.id, outcome: 'declined', reason: '重复' }]), actor: staff }, { now: T0 }),
    );
    expect((twice as CouncilRefusal).refusals.map((x) => x.reason)).toEqual(['repeated']);
    expect((await errorOf(recordMeeting(database.db, { meeting: meeting([{ caseId: p.id, outcome: 'reserve' }], { heldOn: '2026-03-03' }), actor: staff }, { now: T0 }))).message).toBe(
      '议事会的日期不能晚于今天',
    );
    expect((await errorOf(recordMeeting(database.db, { meeting: meeting([]), actor: staff }, { now: T0 }))).code).toBe('bad_request');
    expect((await caseRow(database.db, p.id)).status).toBe('collected');
    expect(await database.db.select().from(councilDecisions).where(eq(councilDecisions.caseId, p.id))).toEqual([]);
  });

  it('the candidates of a community: its proposals in 征集 / 审核, most supported first, with the estimate', async () => {
    const low = await supported(1, 'reviewing');
    const high = await supported(4);
    const done = await supported(2, 'approved');
    const list = await councilCandidates(database.db, 'shabaishi');
    const ids = list.map((c) => c.caseId);
    expect(ids).toContain(low.id);
    expect(ids.indexOf(high.id)).toBeLessThan(ids.indexOf(low.id));
    expect(ids).not.toContain(done.id);
    expect(list.find((c) => c.caseId === high.id)).toMatchObject({ supportCount: 4, estimatedCost: 30_000_00, status: 'collected', statusLabel: '已征集' });
    expect(list.every((c) => ['collected', 'reviewing'].includes(c.status))).toBe(true);
    expect(await database.db.select().from(councilMeetings).where(eq(councilMeetings.communityId, 'nantoucheng'))).toEqual([]);
  });
});
