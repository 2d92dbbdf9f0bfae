import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimOfferSchema, offerClaim } from '../../src/civic/claim-offers.js';
import { FUNDING_SOURCES as CIVIC_FUNDING_SOURCES } from '../../src/civic/funding.js';
import { CLAIMER_TYPES, FUNDING_SOURCES } from '../../src/console/contract.js';
import { auditLog, caseFunding } from '../../src/db/schema.js';
import { ctxAt, proposal, report, wish } from '../civic/fixtures.js';
import { startConsole, type Client, type ConsoleHarness } from './harness.js';

const claimer = { claimerName: '某某电器公司', claimerType: 'company' as const, contactName: '李经理', contactPhone: '13800000001' };

/**
 * 微心愿 in the console: the moves' fields (reword on publishing, confirm a claim or enter one for
 * the claimer), the claims with their contacts (staff in scope only, masked for deputies), the
 * wish's value, and 资金来源 added and removed with audit rows, scope-checked like every case action.
 */
describe('wishes and funding in the console (postgres)', () => {
  let h: ConsoleHarness;
  let nt: Client; // community staff of 南头城
  let lz: Client; // community staff of 龙珠
  let deputy: Client; // deputy of 南头城
  let ntId: number;

  const detail = async (who: Client, id: number) => (await who.get(`/api/console/cases/${id}`)).json;
  const move = (who: Client, id: number, to: string, data: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
    who.post(`/api/console/cases/${id}/transition`, { to, data, ...extra });
  const audits = (id: number, action: string) =>
    h.db.select().from(auditLog).where(and(eq(auditLog.target, `case:${id}`), eq(auditLog.action, action))).orderBy(auditLog.id);
  const published = async (over: Parameters<typeof wish>[1] = {}) => {
    const id = await wish(h.db, over, h.clock.now());
    expect((await move(nt, id, 'published')).status).toBe(200);
    return id;
  };

  beforeAll(async () => {
    h = await startConsole('postgres');
    ntId = await h.user('nt', 'community', { communityId: 'nantoucheng' });
    await h.user('lz', 'community', { communityId: 'longzhu' });
    await h.user('dep', 'deputy', { communityId: 'nantoucheng' });
    [nt, lz, deputy] = (await Promise.all(['nt', 'lz', 'dep'].map((u) => h.login(u)))) as [Client, Client, Client];
  });
  afterAll(() => h.close());

  it('holds the same lists of claimer types and funding sources as civic', () => {
    expect([...CLAIMER_TYPES]).toEqual(claimOfferSchema.shape.claimerType.options);
    expect([...FUNDING_SOURCES]).toEqual([...CIVIC_FUNDING_SOURCES]);
  });

  it('names the fields of a wish’s moves: a reword on publishing, a pending claim or the claimer in full', async () => {
    const lc = (await nt.get('/api/console/lifecycles')).json;
    expect(lc.wish.features).toEqual({ due: false, budget: false, support: false, value: true, funding: true, category: false, claims: true, objections: false, theme: false, delivery: false });
    expect(lc.report.features.claims).toBe(false);
    const fields = (from: string, to: string) =>
      (lc.wish.statuses.find((s: { key: string }) => s.key === from).transitions.find((t: { to: string }) => t.to === to).fields as { name: string; type: string; required: boolean }[]).map(
        (f) => `${f.name}:${f.type}:${f.required ? 'required' : 'optional'}`,
      );
    expect(fields('pending', 'published')).toEqual(['title:text:optional', 'description:textarea:optional']);
    expect(fields('published', 'claimed')).toEqual([
      'claimId:claim:optional',
      'claimerName:text:optional',
      'claimerType:choice:optional',
      'contactName:text:optional',
      'contactPhone:text:optional',
      'note:textarea:optional',
    ]);
    expect(fields('claimed', 'fulfilled')).toEqual(['actualCost:money:optional']);

    const id = await published();
    const claimed = (await detail(nt, id)).nextTransitions.find((t: { to: string }) => t.to === 'claimed');
    expect(claimed.fields.find((f: { name: string }) => f.name === 'claimerType')).toEqual({
      name: 'claimerType',
      type: 'choice',
      label: '认领方类型',
      required: false,
      options: [
        { value: 'company', label: '企业' },
        { value: 'organisation', label: '社会组织' },
        { value: 'volunteer', label: '志愿者' },
        { value: 'individual', label: '居民个人' },
      ],
    });
  });

  it('publishes a wish reworded for the wall, keeping the wisher’s words on the internal timeline, audited', async () => {
    const id = await wish(h.db, { title: '王阿姨的助听器', description: '3栋502的王阿姨独居，听不见敲门声' }, h.clock.now());
    const d0 = await detail(nt, id);
    expect(d0.case).toMatchObject({ kind: 'wish', status: 'pending', title: '王阿姨的助听器' });
    expect(d0.value).toEqual({ estimated: 1_500_00, given: null });
    expect(d0.claims).toEqual([]);
    expect(d0.funding).toEqual([]);

    const r = await move(nt, id, 'published', { title: '一台助听器', description: '一位独居老人听力不好，希望有一台助听器' });
    expect(r.status).toBe(200);
    const d = await detail(nt, id);
    expect(d.case).toMatchObject({ status: 'published', title: '一台助听器', description: '一位独居老人听力不好，希望有一台助听器' });
    expect(d.timeline.at(-1)).toMatchObject({ type: 'note', public: false, internalNote: expect.stringContaining('3栋502') });
    const [audit] = await audits(id, 'case.transition');
    expect(audit).toMatchObject({ staffId: ntId, before: { status: 'pending' }, after: { status: 'published', data: { title: '一台助听器' } } });
  });

  it('shows every claim with its contact to staff in scope, masked to deputies, and none to another community', async () => {
    const id = await published();
    await offerClaim(h.db, { caseId: id, ...claimer, note: '周末送到，电话13800000001' }, ctxAt(h.clock.now()));
    await offerClaim(h.db, { caseId: id, ...claimer, claimerName: '爱心志愿队', claimerType: 'volunteer', contactName: '张队长', contactPhone: '13800000002' }, ctxAt(h.clock.now()));

    const d = await detail(nt, id);
    expect(d.claims.map((c: Record<string, unknown>) => [c.claimerName, c.claimerType, c.contactName, c.contactPhone, c.status, c.source])).toEqual([
      ['某某电器公司', 'company', '李经理', '13800000001', 'pending', 'public'],
      ['爱心志愿队', 'volunteer', '张队长', '13800000002', 'pending', 'public'],
    ]);

    const dep = await deputy.get(`/api/console/cases/${id}`);
    expect(dep.status).toBe(200);
    expect(dep.json.claims.map((c: Record<string, unknown>) => [c.claimerName, c.contactName, c.contactPhone])).toEqual([
      ['某某电器公司', '李**', '138****0001'],
      ['爱心志愿队', '张**', '138****0002'],
    ]);
    expect(dep.text).not.toMatch(/13800000001|13800000002|李经理|张队长/);

    const other = await lz.get(`/api/console/cases/${id}`);
    expect(other.status).toBe(403);
    expect(other.text).not.toMatch(/李经理|13800000001/);

    // other kinds carry none of it, or only what they keep
    const r = await detail(nt, await report(h.db, { communityId: 'nantoucheng' }));
    expect([r.value, r.claims, r.funding]).toEqual([null, null, null]);
    const p = await detail(nt, await proposal(h.db, { communityId: 'nantoucheng' }));
    expect([p.value, p.claims, p.funding]).toEqual([null, null, []]);
  });

  it('confirms a pending claim by its id, or one staff enter for the claimer; one or the other, never neither', async () => {
    const id = await published();
    const { claimId } = await offerClaim(h.db, { caseId: id, ...claimer }, ctxAt(h.clock.now()));

    expect((await move(nt, id, 'claimed', {})).status).toBe(400);
    expect((await move(nt, id, 'claimed', { claimId, ...claimer })).status).toBe(400);
    expect((await move(nt, id, 'claimed', { claimerName: '某某公司', claimerType: 'company' })).status).toBe(400);
    expect((await move(nt, id, 'claimed', { ...claimer, claimerType: 'alien' })).status).toBe(400);
    expect((await move(deputy, id, 'claimed', { claimId })).status).toBe(403);
    expect((await move(lz, id, 'claimed', { claimId })).status).toBe(403);

    const ok = await move(nt, id, 'claimed', { claimId }, { from: 'published' });
    expect(ok.json).toMatchObject({ from: 'published', to: 'claimed' });
    expect((await detail(nt, id)).claims.map((c: { status: string }) => c.status)).toEqual(['confirmed']);

    // the claimer withdrew: back on the wall, then staff enter another claimer in full
    expect((await move(nt, id, 'published', {}, { publicNote: '认领方因故退出' })).status).toBe(200);
    const byStaff = { claimerName: '爱心志愿队', claimerType: 'volunteer', contactName: '张队长', contactPhone: '13800000002', note: '队长电话联系过' };
    expect((await move(nt, id, 'claimed', byStaff)).status).toBe(200);
    const d = await detail(nt, id);
    expect(d.claims.map((c: Record<string, unknown>) => [c.claimerName, c.status, c.source])).toEqual([
      ['某某电器公司', 'withdrawn', 'public'],
      ['爱心志愿队', 'confirmed', 'staff'],
    ]);
    expect(d.timeline.at(-1)).toMatchObject({ toStatus: 'claimed', publicNote: '由爱心志愿队认领' });

    // the contact stays with the claim: the timeline does not repeat it, and a deputy reads it masked
    expect(d.timeline.at(-1).data).toMatchObject({ claimerName: '爱心志愿队' });
    expect(JSON.stringify(d.timeline)).not.toMatch(/13800000002|张队长/);
    const dep = await deputy.get(`/api/console/cases/${id}`);
    expect(dep.text).not.toMatch(/13800000002|张队长/);

    // fulfilled with what was given: the value the console shows
    expect((await move(nt, id, 'fulfilled', { actualCost: 1_280_00 })).status).toBe(200);
    expect((await detail(nt, id)).value).toEqual({ estimated: 1_500_00, given: 1_280_00 });
  });

  it('adds and removes 资金来源 lines, audited, for staff in scope; validates each line', async () => {
    const id = await published({ communityId: 'nantoucheng' });
    const url = `/api/console/cases/${id}/funding`;
    const add = await nt.post(url, { source: 'social', funder: '某某基金会', amount: 20_2400_00, note: '社会资金' });
    expect(add.status).toBe(201);
    expect(add.json).toEqual({ fundingId: expect.any(Number), eventId: expect.any(Number) });
    expect((await nt.post(url, { source: 'residents', amount: 2_000_00 })).status).toBe(201);

    const d = await detail(nt, id);
    expect(d.funding.map((f: Record<string, unknown>) => [f.source, f.funder, f.amount, f.note, f.createdBy])).toEqual([
      ['social', '某某基金会', 20_2400_00, '社会资金', 'nt名'],
      ['residents', null, 2_000_00, null, 'nt名'],
    ]);
    expect(d.timeline.filter((e: { type: string }) => e.type === 'funding')).toHaveLength(2);

    // each line is checked: a named giver for social money and gifts, a whole positive amount in fen
    for (const bad of [
      { source: 'social', amount: 100 },
      { source: 'in_kind', funder: '  ', amount: 100 },
      { source: 'government', amount: 0 },
      { source: 'government', amount: 12.5 },
      { source: 'government', amount: -100 },
      { source: 'lottery', amount: 100 },
      { source: 'government' },
    ]) {
      const r = await nt.post(url, bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.json.error.reason).toBe('invalid_request');
    }
    // a kind that keeps no funding refuses it
    const r = await report(h.db, { communityId: 'nantoucheng' });
    const refused = await nt.post(`/api/console/cases/${r}/funding`, { source: 'government', amount: 100 });
    expect(refused.status).toBe(400);
    expect(refused.json.error.reason).toBe('no_funding');

    // another community, a deputy, an unknown case: refused, nothing written
    expect((await lz.post(url, { source: 'government', amount: 100 })).status).toBe(403);
    expect((await deputy.post(url, { source: 'government', amount: 100 })).status).toBe(403);
    expect((await nt.post('/api/console/cases/999999/funding', { source: 'government', amount: 100 })).status).toBe(404);
    expect(await h.db.select().from(caseFunding).where(eq(caseFunding.caseId, id))).toHaveLength(2);

    const [audit] = await audits(id, 'case.funding_add');
    expect(audit).toMatchObject({
      staffId: ntId,
      after: { fundingId: add.json.fundingId, source: 'social', funder: '某某基金会', amount: 20_2400_00, note: '社会资金', eventId: add.json.eventId },
    });

    // removal: only in scope, only staff, only a line of this case
    const line = `${url}/${add.json.fundingId}`;
    expect((await lz.del(line)).status).toBe(403);
    expect((await deputy.del(line)).status).toBe(403);
    const otherCase = await published();
    expect((await nt.del(`/api/console/cases/${otherCase}/funding/${add.json.fundingId}`)).status).toBe(404);
    expect((await nt.del(`${url}/abc`)).status).toBe(404);
    const gone = await nt.del(line);
    expect(gone.status).toBe(200);
    expect(gone.json).toEqual({ eventId: expect.any(Number) });
    expect((await nt.del(line)).status).toBe(404);
    expect((await detail(nt, id)).funding.map((f: { source: string }) => f.source)).toEqual(['residents']);
    const [removed] = await audits(id, 'case.funding_remove');
    expect(removed).toMatchObject({
      staffId: ntId,
      before: { fundingId: add.json.fundingId, source: 'social', funder: '某某基金会', amount: 20_2400_00 },
      after: { eventId: gone.json.eventId },
    });
    // two lines added, one removed; the refused attempts wrote no audit row
    expect(await h.db.select().from(auditLog).where(like(auditLog.action, 'case.funding%'))).toHaveLength(3);
  });
});
