import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supportProposal } from '../../src/civic/index.js';
import { auditLog, councilMeetings, outbox } from '../../src/db/schema.js';
import { samplePhoto } from '../../src/simulator/sample-image.js';
import { startConsole, type Client, type ConsoleHarness } from './harness.js';

/**
 * 居民议事会 in the console (issue 14, item 2). The harness clock is Monday 2 March 2026, 10:00 in
 * Shenzhen: a meeting held that day decides proposals of 南头城 recorded by a 南头城 community account.
 */
describe.each(['postgres', 'pglite'] as const)('议事会 in the console (%s)', (kind) => {
  let h: ConsoleHarness;
  let nt: Client;
  const api = (p: string) => `/api/console${p}`;
  const attendees = { party: 3, committee: 5, workstation: 2, residents: 12, experts: 2, deputies: 1 };
  const body = (decisions: unknown[], over: Record<string, unknown> = {}) => ({
    communityId: 'nantoucheng',
    heldOn: '2026-03-02',
    title: '2026年第一季度居民议事会',
    attendees,
    decisions,
    ...over,
  });

  beforeAll(async () => {
    h = await startConsole(kind);
    await h.user('nt', 'community', { communityId: 'nantoucheng' });
    nt = await h.login('nt');
  });
  afterAll(() => h.close());

  const upload = (meetingId: number, type: string, bytes: Uint8Array) =>
    fetch(`${h.url}${api(`/council/meetings/${meetingId}/minutes`)}`, { method: 'POST', headers: { cookie: nt.cookie, 'x-csrf-token': nt.csrf, 'content-type': type }, body: bytes });

  it('lists the candidates with their support, decides three at once, and shows the meeting', async () => {
    const a = await h.proposal({ communityId: 'nantoucheng', title: '村巷加装照明灯', estimatedCost: 50_000_00 });
    const b = await h.proposal({ communityId: 'nantoucheng', title: '四点半课堂' });
    const c = await h.proposal({ communityId: 'nantoucheng', title: '改造篮球场' });
    for (const who of ['o-s1', 'o-s2']) await supportProposal(h.db, a, who, h.clock.now());
    const cands = await nt.get(api('/council/candidates?communityId=nantoucheng'));
    expect(cands.status).toBe(200);
    expect(cands.json.candidates.find((x: { caseId: number }) => x.caseId === a)).toMatchObject({ supportCount: 2, estimatedCost: 50_000_00, statusLabel: '已征集' });

    const r = await nt.post(
      api('/council/meetings'),
      body([
        { caseId: a, outcome: 'approved', approvedCost: 45_000_00, votes: { for: 20, against: 2, abstain: 3 } },
        { caseId: b, outcome: 'reserve' },
        { caseId: c, outcome: 'declined', reason: '场地属于学校，不在社区范围' },
      ]),
    );
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ decided: true, results: [{ caseId: a, status: 'approved' }, { caseId: b, status: 'reserve' }, { caseId: c, status: 'declined' }] });
    for (const [id, status] of [[a, 'approved'], [b, 'reserve'], [c, 'declined']] as const) expect((await nt.get(api(`/cases/${id}`))).json.case.status).toBe(status);
    // the supporters hear it from the lifecycle's push
    expect((await h.db.select().from(outbox).where(eq(outbox.openid, 'o-s1'))).map((o) => (o.payload as { publicNote: string }).publicNote)).toEqual([
      '3月2日议事会确定，经费4.5万元',
    ]);
    const one = await nt.get(api(`/council/meetings/${r.json.meetingId}`));
    expect(one.json).toMatchObject({ communityName: '南头城社区', heldOn: '2026-03-02', attendees, outcomes: { approved: 1, reserve: 1, declined: 1 }, minutes: null });
    expect(one.json.decisions.map((d: { caseId: number; supportCount: number }) => [d.caseId, d.supportCount])).toEqual([
      [a, 2],
      [b, 0],
      [c, 0],
    ]);
    const list = await nt.get(api('/council/meetings'));
    expect(list.json.meetings.map((m: { id: number }) => m.id)).toContain(r.json.meetingId);
    const audit = await h.db.select().from(auditLog).where(eq(auditLog.target, `council:${r.json.meetingId}`));
    expect(audit.map((x) => x.action)).toEqual(['council.meeting']);
  });

  it('refuses the whole meeting with each proposal’s reason in words, keeping nothing', async () => {
    const ok = await h.proposal({ communityId: 'nantoucheng' });
    const noCost = await h.proposal({ communityId: 'nantoucheng' });
    const before = (await h.db.select().from(councilMeetings)).length;
    const r = await nt.post(api('/council/meetings'), body([{ caseId: ok, outcome: 'reserve' }, { caseId: noCost, outcome: 'approved' }]));
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ decided: false, refusals: [{ caseId: noCost, reason: 'invalid_data', message: '「审核中」→「已确定」需要确定的经费' }] });
    expect(r.json.message).toContain('议事会的决定没有保存');
    expect((await nt.get(api(`/cases/${ok}`))).json.case.status).toBe('collected');
    expect((await h.db.select().from(councilMeetings)).length).toBe(before);
  });

  it('scope: another community’s meeting is 403; another community’s proposal in one’s own meeting is refused by name', async () => {
    const other = await h.proposal({ communityId: 'longzhu' });
    expect((await nt.post(api('/council/meetings'), body([{ caseId: other, outcome: 'reserve' }], { communityId: 'longzhu' }))).status).toBe(403);
    expect((await nt.get(api('/council/candidates?communityId=longzhu'))).status).toBe(403);
    const mixed = await nt.post(api('/council/meetings'), body([{ caseId: other, outcome: 'reserve' }]));
    expect(mixed.json).toMatchObject({ decided: false, refusals: [{ caseId: other, status: 403, reason: 'out_of_scope' }] });
    expect((await nt.get(api(`/cases/${other}`))).status).toBe(403);
  });

  it('names a wrong field in words', async () => {
    const r = await nt.post(api('/council/meetings'), body([{ caseId: 1, outcome: 'maybe' }]));
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain('决定结果');
  });

  it('minutes: a PDF or an image, its content checked; downloaded as an attachment', async () => {
    const p = await h.proposal({ communityId: 'nantoucheng' });
    const { meetingId } = (await nt.post(api('/council/meetings'), body([{ caseId: p, outcome: 'reserve' }]))).json;
    expect((await nt.get(api(`/council/meetings/${meetingId}/minutes`))).status).toBe(404);
    expect((await upload(meetingId, 'application/pdf', new TextEncoder().encode('<html>not a pdf</html>'))).status).toBe(415);
    expect((await upload(meetingId, 'text/html', new TextEncoder().encode('%PDF-1.4'))).status).toBe(415);
    const pdf = new TextEncoder().encode('%PDF-1.4\n% 会议纪要\n%%EOF\n');
    const up = await upload(meetingId, 'application/pdf', pdf);
    expect(up.status).toBe(201);
    const down = await nt.get(api(`/council/meetings/${meetingId}/minutes`));
    expect(down.status).toBe(200);
    expect(down.headers.get('content-type')).toBe('application/pdf');
    expect(down.headers.get('content-disposition')).toContain('attachment');
    expect(down.text).toContain('%PDF-1.4');
    expect((await nt.get(api(`/council/meetings/${meetingId}`))).json).toMatchObject({ hasMinutes: true, minutes: { type: 'application/pdf', bytes: pdf.length } });
    // a photo of the paper minutes replaces it
    expect((await upload(meetingId, 'image/png', new Uint8Array(samplePhoto(1, 16, 16)))).status).toBe(201);
    expect((await h.db.select().from(auditLog).where(eq(auditLog.target, `council:${meetingId}`))).map((x) => x.action)).toEqual(['council.meeting', 'council.minutes', 'council.minutes']);
  });
});
