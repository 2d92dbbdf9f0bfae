import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listClaims, MAX_PENDING_CLAIMS, offerClaim } from '../../src/civic/claim-offers.js';
import { recordReportFeedback } from '../../src/civic/evaluation.js';
import { subscribeCase } from '../../src/civic/follow.js';
import { addFunding, removeFunding } from '../../src/civic/funding.js';
import { getCasePublic, listResidentCases } from '../../src/civic/lookup.js';
import { communityStats } from '../../src/civic/stats.js';
import { transition } from '../../src/civic/lifecycle/transition.js';
import type { Database } from '../../src/db/client.js';
import { caseRow, ctxAt, days, errorOf, eventsOf, openSeeded, outboxOf, report, staff, T0, wish } from './fixtures.js';

/** who claims, as staff enter it for the claimer */
const claimer = { claimerName: '某某电器公司', claimerType: 'company' as const, contactName: '李经理', contactPhone: '13800000001' };
const offer = (caseId: number, over: Partial<Parameters<typeof offerClaim>[1]> = {}) => ({ caseId, ...claimer, ...over });

/** 微心愿 through civic: private until published, claimed on the wall, fulfilled, thanked. */
describe('a wish (postgres)', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openSeeded('postgres');
  });
  afterAll(() => database.close());

  it('stays private until staff publish it: only its wisher finds it, and staff may reword it for the wall', async () => {
    const { db } = database;
    const id = await wish(db);
    expect((await caseRow(db, id)).status).toBe('pending');
    expect((await errorOf(getCasePublic(db, id))).code).toBe('not_found');
    expect((await errorOf(getCasePublic(db, id, { viewer: 'o-neighbour' }))).code).toBe('not_found');
    expect((await errorOf(subscribeCase(db, id, 'o-neighbour', T0))).code).toBe('not_found');
    const own = await getCasePublic(db, id, { viewer: 'o-wisher' });
    expect(own).toMatchObject({ kind: 'wish', kindLabel: '微心愿', statusLabel: '待审核', public: false });
    expect((await listResidentCases(db, 'o-wisher')).map((c) => [c.number, c.statusLabel])).toContainEqual([id, '待审核']);

    await transition(
      db,
      { caseId: id, to: 'published', actor: staff, data: { description: '一位独居老人听力不好，听不见敲门声，希望有一台助听器' } },
      ctxAt(days(1)),
    );
    const shown = await getCasePublic(db, id);
    expect(shown).toMatchObject({ status: 'published', statusLabel: '已发布', public: true, value: { estimated: 1_500_00, given: null } });
    expect(JSON.stringify(shown)).not.toContain('502');
    // the wisher's own words stay on the internal timeline, and the wisher is told
    const events = await eventsOf(db, id);
    expect(events.at(-1)).toMatchObject({ type: 'note', publicNote: null, internalNote: expect.stringContaining('3栋502') });
    expect((await outboxOf(db, id)).map((o) => [o.openid, o.kind])).toEqual([['o-wisher', 'status_changed']]);
  });

  it('takes claims only while on the wall; one confirmed claimer is public, the contact never', async () => {
    const { db } = database;
    const id = await wish(db, { openid: 'o-wisher2' });
    expect((await errorOf(offerClaim(db, offer(id), ctxAt()))).code).toBe('conflict');
    await transition(db, { caseId: id, to: 'published', actor: staff }, ctxAt());
    const first = await offerClaim(db, offer(id), ctxAt());
    expect(first.created).toBe(true);
    // the same phone again changes its offer; another claimer adds one
    expect(await offerClaim(db, offer(id, { note: '可以周末送到' }), ctxAt())).toEqual({ claimId: first.claimId, created: false });
    const second = await offerClaim(db, offer(id, { claimerName: '爱心志愿队', claimerType: 'volunteer', contactPhone: '13800000002' }), ctxAt());
    expect((await listClaims(db, id)).map((c) => [c.claimerName, c.status, c.note])).toEqual([
      ['某某电器公司', 'pending', '可以周末送到'],
      ['爱心志愿队', 'pending', null],
    ]);

    const r = await transition(db, { caseId: id, to: 'claimed', actor: staff, data: { claimId: second.claimId } }, ctxAt(days(2)));
    expect(r.to).toBe('claimed');
    const pushed = (await outboxOf(db, id)).at(-1)!;
    expect(pushed.payload).toMatchObject({ status: 'claimed', statusLabel: '已认领', publicNote: '由爱心志愿队认领' });
    const page = await getCasePublic(db, id);
    expect(page.claimer).toBe('爱心志愿队');
    // the contact stays with the claim: the timeline's audit does not repeat it
    const staffEntered = await wish(db, { openid: 'o-wisher2b' });
    await transition(db, { caseId: staffEntered, to: 'published', actor: staff }, ctxAt());
    await transition(db, { caseId: staffEntered, to: 'claimed', actor: staff, data: claimer }, ctxAt());
    expect(JSON.stringify((await eventsOf(db, staffEntered)).map((e) => e.data))).not.toMatch(/13800000001|李经理/);
    expect((await listClaims(db, staffEntered)).map((c) => [c.contactName, c.contactPhone, c.source])).toEqual([['李经理', '13800000001', 'staff']]);
    expect(JSON.stringify(page)).not.toMatch(/13800000002|李经理/);
    expect((await errorOf(offerClaim(db, offer(id, { contactPhone: '13800000003' }), ctxAt()))).code).toBe('conflict');

    // the claimer withdraws: the wish is back on the wall, the other offer can be confirmed
    await transition(db, { caseId: id, to: 'published', actor: staff, publicNote: '认领方因故退出，心愿重新等待认领' }, ctxAt(days(3)));
    expect((await listClaims(db, id)).map((c) => c.status)).toEqual(['pending', 'withdrawn']);
    await transition(db, { caseId: id, to: 'claimed', actor: staff, data: { claimId: first.claimId } }, ctxAt(days(4)));
    expect((await getCasePublic(db, id)).claimer).toBe('某某电器公司');
  });

  it('refuses a claim it does not know, and more offers than a wish can use', async () => {
    const { db } = database;
    const id = await wish(db);
    await transition(db, { caseId: id, to: 'published', actor: staff }, ctxAt());
    const e = await errorOf(transition(db, { caseId: id, to: 'claimed', actor: staff, data: { claimId: 999_999 } }, ctxAt()));
    expect(e).toMatchObject({ code: 'bad_request' });
    expect((await caseRow(db, id)).status).toBe('published');
    for (let i = 0; i < MAX_PENDING_CLAIMS; i++) await offerClaim(db, offer(id, { contactPhone: `139000000${String(i).padStart(2, '0')}` }), ctxAt());
    expect((await errorOf(offerClaim(db, offer(id, { contactPhone: '13700000000' }), ctxAt()))).code).toBe('conflict');
  });

  it('is fulfilled with what was given, and the wisher confirms with a word of thanks, or says it did not arrive', async () => {
    const { db } = database;
    const id = await wish(db, { openid: 'o-wisher3' });
    await transition(db, { caseId: id, to: 'published', actor: staff }, ctxAt());
    await transition(db, { caseId: id, to: 'claimed', actor: staff, data: claimer }, ctxAt());
    await transition(db, { caseId: id, to: 'fulfilled', actor: staff, data: { actualCost: 1_280_00 } }, ctxAt(days(5)));
    expect(await getCasePublic(db, id)).toMatchObject({ statusLabel: '已实现', phase: 'done', value: { estimated: 1_500_00, given: 1_280_00 } });

    await recordReportFeedback(db, { caseId: id, openid: 'o-wisher3', satisfied: false, comment: '还没收到' }, ctxAt(days(6)));
    expect((await caseRow(db, id)).status).toBe('claimed');
    await transition(db, { caseId: id, to: 'fulfilled', actor: staff }, ctxAt(days(7)));
    await recordReportFeedback(db, { caseId: id, openid: 'o-wisher3', satisfied: true, comment: '收到了，谢谢某某电器公司！' }, ctxAt(days(8)));
    const done = await getCasePublic(db, id);
    expect(done).toMatchObject({ status: 'thanked', statusLabel: '已致谢' });
    expect(done.timeline[0]).toMatchObject({ status: 'thanked', note: '收到了，谢谢某某电器公司！' });
    // nobody else answers for the wisher
    const other = await wish(db, { openid: 'o-wisher4' });
    await transition(db, { caseId: other, to: 'published', actor: staff }, ctxAt());
    await transition(db, { caseId: other, to: 'claimed', actor: staff, data: claimer }, ctxAt());
    await transition(db, { caseId: other, to: 'fulfilled', actor: staff }, ctxAt());
    expect((await errorOf(recordReportFeedback(db, { caseId: other, openid: 'o-wisher3', satisfied: true }, ctxAt()))).code).toBe('forbidden');
  });

  it('records where its money came from, publicly, and only for kinds that keep funding', async () => {
    const { db } = database;
    const id = await wish(db, { communityId: 'shabaishi' });
    const a = await addFunding(db, { caseId: id, source: 'in_kind', funder: '某某电器公司', amount: 1_280_00, actor: staff }, ctxAt());
    await addFunding(db, { caseId: id, source: 'residents', amount: 100_00, actor: staff }, ctxAt());
    expect((await errorOf(addFunding(db, { caseId: id, source: 'social', amount: 1, actor: staff }, ctxAt()))).code).toBe('bad_request');
    const r = await report(db);
    expect((await errorOf(addFunding(db, { caseId: r, source: 'government', amount: 1, actor: staff }, ctxAt()))).code).toBe('bad_request');
    await transition(db, { caseId: id, to: 'published', actor: staff }, ctxAt());
    expect((await getCasePublic(db, id)).funding).toEqual([
      { source: 'in_kind', funder: '某某电器公司', amount: 1_280_00 },
      { source: 'residents', funder: null, amount: 100_00 },
    ]);
    await removeFunding(db, { caseId: id, fundingId: a.fundingId, actor: staff }, ctxAt());
    expect((await getCasePublic(db, id)).funding).toEqual([{ source: 'residents', funder: null, amount: 100_00 }]);
    expect((await eventsOf(db, id)).filter((e) => e.type === 'funding').map((e) => e.data)).toEqual([
      expect.objectContaining({ source: 'in_kind', amount: 1_280_00 }),
      expect.objectContaining({ source: 'residents', amount: 100_00 }),
      expect.objectContaining({ removed: a.fundingId }),
    ]);
  });

  it('counts in the figures: posted, claimed and fulfilled wishes with their value, and money by source', async () => {
    const { db } = database;
    const db2 = db;
    const before = await communityStats(db2, { communityId: 'nantoucheng', year: 2026 });
    const mk = async (to: string[], cost: number) => {
      const id = await wish(db2, { communityId: 'nantoucheng', estimatedCost: cost });
      for (const step of to)
        await transition(db2, { caseId: id, to: step, actor: staff, data: step === 'claimed' ? claimer : step === 'fulfilled' ? { actualCost: cost - 100 } : {} }, ctxAt());
      return id;
    };
    await mk([], 100_00);
    await mk(['published'], 200_00);
    await mk(['published', 'claimed'], 300_00);
    const done = await mk(['published', 'claimed', 'fulfilled'], 400_00);
    await addFunding(db2, { caseId: done, source: 'social', funder: '某某基金会', amount: 399_00, actor: staff }, ctxAt());
    const after = await communityStats(db2, { communityId: 'nantoucheng', year: 2026 });
    expect({
      posted: after.wishes.posted.count - before.wishes.posted.count,
      postedValue: after.wishes.posted.value - before.wishes.posted.value,
      claimed: after.wishes.claimed.count - before.wishes.claimed.count,
      fulfilled: after.wishes.fulfilled.count - before.wishes.fulfilled.count,
      fulfilledValue: after.wishes.fulfilled.value - before.wishes.fulfilled.value,
      social: after.funding.social - before.funding.social,
    }).toEqual({ posted: 3, postedValue: 900_00, claimed: 2, fulfilled: 1, fulfilledValue: 399_00, social: 399_00 });
  });
});
