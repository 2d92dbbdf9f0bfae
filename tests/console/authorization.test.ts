import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindCommunity, ensureResident, raiseObjection } from '../../src/civic/index.js';
import { submitWish } from '../../src/civic/kinds/wish.js';
import { ROLES, routes, type Role, type RouteName } from '../../src/console/contract.js';
import { caseMedia, cases, keywordReplies, voiceMessages } from '../../src/db/schema.js';
import { requestHandoff } from '../../src/runtime/handoff.js';
import { samplePhoto } from '../../src/simulator/sample-image.js';
import { PASSWORD, startConsole, type Client, type ConsoleHarness } from './harness.js';

/**
 * Issue 13: every console route × every role × a thing of the user's own community (for a 承办单位,
 * a case assigned to it) or of another (not assigned to it) → 2xx or 403. The expectations are
 * written here, not read from the policy table, so the table is checked against what was meant;
 * a route added to routes.ts without a row here fails the first test.
 */

type Where = 'own' | 'other';
interface Status {
  status: number;
}
interface Who {
  role: Role;
  username: string;
  c: Client;
}
interface Row {
  /** the roles that get 2xx on their own things */
  allowed: readonly Role[];
  /** one thing of a community (a case, a ticket, a keyword reply): another community's is 403 but for admins */
  scoped: boolean;
  send: (w: Who, where: Where) => Promise<Status>;
}

const EVERYONE = ROLES;
const READERS: readonly Role[] = ['admin', 'street', 'community', 'deputy', 'auditor'];
const STAFF: readonly Role[] = ['admin', 'street', 'community'];
const NOTERS: readonly Role[] = ['admin', 'street', 'community', 'deputy', 'unit'];
const UPLOADERS: readonly Role[] = ['admin', 'street', 'community', 'unit'];
const MANAGERS: readonly Role[] = ['admin', 'street'];
const AUDITORS: readonly Role[] = ['admin', 'auditor'];
const ADMIN: readonly Role[] = ['admin'];

const UNIT = '城管执法队';
/** where each role's account is placed */
const PLACES: Record<Role, { streetId?: string; communityId?: string; unit?: string }> = {
  admin: {},
  street: { streetId: 'nantou' },
  community: { communityId: 'nantoucheng' },
  deputy: { communityId: 'nantoucheng' },
  auditor: { communityId: 'nantoucheng' },
  unit: { unit: UNIT },
};
/** own: 南头城 (street 南头), assigned to the unit; other: 龙珠 (street 桃源), assigned to another department */
const COMMUNITY: Record<Where, string> = { own: 'nantoucheng', other: 'longzhu' };
const ASSIGNEE: Record<Where, string> = { own: UNIT, other: '园林所' };
/** the street of each: 南头 and 桃源 (预算与批次 are a street's) */
const STREET: Record<Where, string> = { own: 'nantou', other: 'taoyuan' };
/** a community of the same street, for 改派社区 */
const NEIGHBOUR: Record<Where, string> = { own: 'tongle', other: 'fuguang' };

describe('authorization: every route × every role × own / other community', () => {
  let h: ConsoleHarness;
  let root: Client;
  let rootId: number;
  let seq = 0;
  const api = (p: string) => `/api/console${p}`;

  beforeAll(async () => {
    h = await startConsole('postgres', { wechat: true });
    for (const role of ROLES) await h.user(`u-${role}`, role, PLACES[role]);
    rootId = await h.user('root', 'admin');
    root = await h.login('root');
  });
  afterAll(() => h.close());

  /** the case is handed to the department of `where` whatever its moves set */
  const assigned = async (id: number, where: Where) => {
    await h.db.update(cases).set({ assignee: ASSIGNEE[where] }).where(eq(cases.id, id));
    return id;
  };
  const report = async (where: Where) => assigned(await h.report({ communityId: COMMUNITY[where] }), where);
  const accepted = async (where: Where) => {
    const id = await h.report({ communityId: COMMUNITY[where] });
    await ok(root.post(api(`/cases/${id}/transition`), { to: 'accepted', data: { assignee: '电工' } }));
    return assigned(id, where);
  };
  const implementing = async (where: Where) => {
    const id = await h.proposal({ communityId: COMMUNITY[where], estimatedCost: 500_000 });
    const step = (to: string, data: Record<string, unknown> = {}) => ok(root.post(api(`/cases/${id}/transition`), { to, data }));
    await step('reviewing');
    await step('approved', { approvedCost: 450_000, batch: '2026年第一批' });
    await step('publicised', { publicityStart: '2026-02-01T00:00:00Z', publicityEnd: '2026-02-20T00:00:00Z' });
    await step('implementing');
    return assigned(id, where);
  };
  /** a project in 公示 (from yesterday, 10 days) with one open objection: its id and the objection's */
  const objected = async (where: Where) => {
    const id = await h.proposal({ communityId: COMMUNITY[where], estimatedCost: 500_000 });
    const step = (to: string, data: Record<string, unknown> = {}) => ok(root.post(api(`/cases/${id}/transition`), { to, data }));
    const now = h.clock.now().getTime();
    await step('reviewing');
    await step('approved', { approvedCost: 450_000, batch: '2026年第一批' });
    await step('publicised', { publicityStart: new Date(now - 86_400_000).toISOString(), publicityEnd: new Date(now + 10 * 86_400_000).toISOString() });
    seq += 1;
    const { objectionId } = await raiseObjection(h.db, { caseId: id, openid: `o-objector-${seq}`, reason: '挡住消防通道' }, { now: h.clock.now() });
    return { id: await assigned(id, where), objectionId };
  };
  const proposalOf = async (where: Where) => assigned(await h.proposal({ communityId: COMMUNITY[where], estimatedCost: 100_000 }), where);
  const wish = async (where: Where) => {
    seq += 1;
    const { caseId } = await submitWish(
      h.db,
      { openid: `o-wish-${seq}`, sourceKey: `authz-wish-${seq}`, title: '一台助听器', description: '独居老人听不见敲门声', beneficiaries: '独居老人', estimatedCost: 1_500_00, communityId: COMMUNITY[where], photos: [] },
      { now: h.clock.now() },
    );
    await ok(root.post(api(`/cases/${caseId}/transition`), { to: 'published', data: { title: '一台助听器' } }));
    return assigned(caseId, where);
  };
  const photo = async (caseId: number) => {
    seq += 1;
    const file = `authz-${seq}.jpg`;
    writeFileSync(path.join(h.mediaDir, file), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    const [m] = await h.db
      .insert(caseMedia)
      .values({ caseId, path: file, contentType: 'image/jpeg', sha256: createHash('sha256').update(file).digest('hex'), bytes: 4, source: 'resident' })
      .returning();
    return m!.id;
  };
  /** a resident's voice (an MP3 under MEDIA_DIR) filed with the case */
  const voice = async (caseId: number) => {
    seq += 1;
    const file = `authz-${seq}.mp3`;
    writeFileSync(path.join(h.mediaDir, file), Buffer.from('ID3 fake'));
    const [v] = await h.db
      .insert(voiceMessages)
      .values({ openid: `o-voice-${seq}`, mediaId: `m-voice-${seq}`, caseId, originalPath: file, originalContentType: 'audio/amr', path: file, contentType: 'audio/mpeg', sha256: createHash('sha256').update(file).digest('hex'), bytes: 8, durationMs: 1000 })
      .returning();
    return v!.id;
  };
  /** a ticket of a resident who lives in the community of `where`, with the 48 h window open */
  const ticket = async (where: Where) => {
    seq += 1;
    const openid = `o-authz-${seq}`;
    await ensureResident(h.db, openid, h.clock.now());
    await bindCommunity(h.db, openid, COMMUNITY[where], h.clock.now());
    // the resident wrote: WeChat and the service's own ledger both see the window open
    h.fake!.api.noteInbound(openid, 'message');
    await h.api!.quota.noteInbound(openid, 'message');
    return (await requestHandoff(h.db, { openid, reason: 'resident', context: {}, now: h.clock.now() })).ticketId;
  };
  const keyword = async (where: Where) => {
    seq += 1;
    const [row] = await h.db
      .insert(keywordReplies)
      .values({ keyword: `电费${seq}`, match: 'exact', replyType: 'text', content: { text: '95598' }, communityId: COMMUNITY[where], enabled: true, createdAt: h.clock.now() })
      .returning();
    return row!.id;
  };
  const freshUser = async (role: Role) => {
    seq += 1;
    const username = `fresh-${role}-${seq}`;
    await h.user(username, role, PLACES[role]);
    return username;
  };
  const ok = async <A extends Status & { text?: string }>(p: Promise<A>): Promise<A> => {
    const a = await p;
    if (a.status >= 300) throw new Error(`fixture: ${a.status} ${a.text ?? ''}`);
    return a;
  };
  const upload = async (c: Client, caseId: number): Promise<Status> =>
    fetch(`${h.url}${api(`/cases/${caseId}/photos`)}`, {
      method: 'POST',
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'image/png' },
      body: new Uint8Array(samplePhoto(1, 32, 24)),
    });
  /** the stream stays open: its status is all this needs */
  const stream = async (c: Client): Promise<Status> => {
    const abort = new AbortController();
    const res = await fetch(`${h.url}${api('/inbox/stream')}`, { headers: { cookie: c.cookie }, signal: abort.signal });
    abort.abort();
    return { status: res.status };
  };
  /** a bulk move answers 200 with one result per case: the case's own status is the answer */
  const bulk = async (c: Client, body: unknown): Promise<Status> => {
    const a = await c.post(api('/cases/bulk-transition'), body);
    if (a.status !== 200) return a;
    const r = a.json.results[0];
    return { status: r.ok ? 200 : r.error.status };
  };

  /** today in China, for a meeting held today */
  const today = () => new Date(h.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  /** a 议事会 body for the community of `where`, deciding one fresh proposal of it */
  const councilBody = async (where: Where) => ({
    communityId: COMMUNITY[where],
    heldOn: today(),
    title: '居民议事会',
    attendees: { party: 2, committee: 3, workstation: 1, residents: 9, experts: 1, deputies: 1 },
    decisions: [{ caseId: await h.proposal({ communityId: COMMUNITY[where], estimatedCost: 500_000 }), outcome: 'reserve' }],
  });
  /** a meeting of the community of `where`, recorded by the admin; with its minutes when asked */
  const meeting = async (where: Where, minutes = false) => {
    const r = await ok(root.post(api('/council/meetings'), await councilBody(where)));
    if (minutes) {
      const up = await uploadMinutes(root, r.json.meetingId);
      if (up.status !== 201) throw new Error(`fixture: minutes ${up.status}`);
    }
    return r.json.meetingId as number;
  };
  const uploadMinutes = async (c: Client, meetingId: number): Promise<Status> =>
    fetch(`${h.url}${api(`/council/meetings/${meetingId}/minutes`)}`, {
      method: 'POST',
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/pdf' },
      body: new TextEncoder().encode('%PDF-1.4\n% minutes\n%%EOF\n'),
    });

  const pdf = new TextEncoder().encode('%PDF-1.4\n% record\n%%EOF\n');
  const uploadTo = async (c: Client, url: string, type: string, body: Uint8Array): Promise<Status> =>
    fetch(`${h.url}${api(url)}`, { method: 'POST', headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': type }, body });
  const deliveryBody = { implementerKind: 'provider', implementerName: '某某照明工程公司', contractAmount: 400_000, plannedStart: '2026-03-01', plannedEnd: '2026-04-01' };
  const acceptanceBody = () => ({ acceptedOn: today(), acceptedBy: '街道城建办', result: 'passed', notes: '验收合格' });
  const evaluationBody = () => ({ evaluator: '某某评估中心', evaluatedOn: today(), score: 90, summary: '按期完成' });
  /** a project being implemented with one acceptance recorded by the admin (with its record when asked) */
  const acceptedProject = async (where: Where, document = false) => {
    const id = await implementing(where);
    const r = await ok(root.post(api(`/cases/${id}/acceptances`), acceptanceBody()));
    const acceptanceId = r.json.acceptances.at(-1).id as number;
    if (document) await ok(uploadTo(root, `/cases/${id}/acceptances/${acceptanceId}/document`, 'application/pdf', pdf) as Promise<Status & { text?: string }>);
    return { id, acceptanceId };
  };
  /** a project being implemented with one milestone */
  const milestoned = async (where: Where) => {
    const id = await implementing(where);
    await ok(root.post(api(`/cases/${id}/milestones`), { date: today(), note: '灯杆基础完成', percent: 40 }));
    const panel = await ok(root.get(api(`/cases/${id}/delivery`)));
    return { id, milestoneId: panel.json.milestones[0].id as number };
  };
  /** a completed project with one third-party evaluation (with its report when asked) */
  const evaluated = async (where: Where, report = false) => {
    const { id } = await acceptedProject(where);
    await ok(root.post(api(`/cases/${id}/transition`), { to: 'completed', data: { actualCost: 400_000 } }));
    if (!report) return { id, evaluationId: 0 };
    const r = await ok(root.post(api(`/cases/${id}/evaluations`), evaluationBody()));
    const evaluationId = r.json.evaluations.at(-1).id as number;
    await ok(uploadTo(root, `/cases/${id}/evaluations/${evaluationId}/report`, 'application/pdf', pdf) as Promise<Status & { text?: string }>);
    return { id, evaluationId };
  };
  /** a batch of the street of `where` (a year no other test approves in), made by the admin; with an approved proposal in it when asked */
  const batchOf = async (where: Where, filled = false) => {
    const r = await ok(root.post(api('/budgets/batches'), { streetId: STREET[where], year: 2099, title: `第${++seq}批` }));
    const id = r.json.id as number;
    if (filled) await ok(root.post(api(`/budgets/batches/${id}/cases`), { caseIds: [await approvedOf(where)] }));
    return id;
  };
  const approvedOf = async (where: Where) => {
    const id = await h.proposal({ communityId: COMMUNITY[where], estimatedCost: 100_000 });
    await ok(root.post(api(`/cases/${id}/transition`), { to: 'reviewing' }));
    await ok(root.post(api(`/cases/${id}/transition`), { to: 'approved', data: { approvedCost: 100_000 } }));
    return id;
  };

  const TABLE = {
    caseDelivery: { allowed: EVERYONE, scoped: true, send: async (w, where) => w.c.get(api(`/cases/${await implementing(where)}/delivery`)) },
    caseDeliverySet: { allowed: STAFF, scoped: true, send: async (w, where) => w.c.post(api(`/cases/${await implementing(where)}/delivery`), deliveryBody) },
    caseAcceptance: { allowed: STAFF, scoped: true, send: async (w, where) => w.c.post(api(`/cases/${await implementing(where)}/acceptances`), acceptanceBody()) },
    caseAcceptanceUpload: {
      allowed: STAFF,
      scoped: true,
      send: async (w, where) => {
        const a = await acceptedProject(where);
        return uploadTo(w.c, `/cases/${a.id}/acceptances/${a.acceptanceId}/document`, 'application/pdf', pdf);
      },
    },
    caseAcceptanceDocument: {
      allowed: EVERYONE,
      scoped: true,
      send: async (w, where) => {
        const a = await acceptedProject(where, true);
        return w.c.get(api(`/cases/${a.id}/acceptances/${a.acceptanceId}/document`));
      },
    },
    caseMilestonePhoto: {
      allowed: STAFF,
      scoped: true,
      send: async (w, where) => {
        const m = await milestoned(where);
        return uploadTo(w.c, `/cases/${m.id}/milestones/${m.milestoneId}/photos`, 'image/png', new Uint8Array(samplePhoto(1, 32, 24)));
      },
    },
    caseEvaluation: { allowed: STAFF, scoped: true, send: async (w, where) => w.c.post(api(`/cases/${(await evaluated(where)).id}/evaluations`), evaluationBody()) },
    caseEvaluationUpload: {
      allowed: STAFF,
      scoped: true,
      send: async (w, where) => {
        const e = await evaluated(where, true);
        return uploadTo(w.c, `/cases/${e.id}/evaluations/${e.evaluationId}/report`, 'application/pdf', pdf);
      },
    },
    caseEvaluationReport: {
      allowed: EVERYONE,
      scoped: true,
      send: async (w, where) => {
        const e = await evaluated(where, true);
        return w.c.get(api(`/cases/${e.id}/evaluations/${e.evaluationId}/report`));
      },
    },
    login: { allowed: EVERYONE, scoped: false, send: (w) => h.fetch('POST', api('/login'), { body: { username: w.username, password: PASSWORD } }) },
    logout: { allowed: EVERYONE, scoped: false, send: async (w) => (await h.login(w.username)).post(api('/logout')) },
    me: { allowed: EVERYONE, scoped: false, send: (w) => w.c.get(api('/me')) },
    password: {
      allowed: EVERYONE,
      scoped: false,
      send: async (w) => (await h.login(await freshUser(w.role))).post(api('/password'), { currentPassword: PASSWORD, newPassword: 'another-long-pass-2' }),
    },
    scope: { allowed: EVERYONE, scoped: false, send: (w) => w.c.get(api('/scope')) },
    lifecycles: { allowed: EVERYONE, scoped: false, send: (w) => w.c.get(api('/lifecycles')) },
    staffList: { allowed: STAFF, scoped: false, send: (w) => w.c.get(api('/staff')) },
    staffCreate: {
      allowed: ADMIN,
      scoped: false,
      send: (w) => w.c.post(api('/staff'), { username: `made-${++seq}`, displayName: '新人', password: 'long-enough-pw', role: 'community', communityId: 'nantoucheng' }),
    },
    staffUpdate: {
      allowed: ADMIN,
      scoped: false,
      send: async (w) => w.c.patch(api(`/staff/${await h.user(`upd-${++seq}`, 'community', { communityId: 'nantoucheng' })}`), { displayName: '改名' }),
    },

    inboxList: { allowed: STAFF, scoped: false, send: (w) => w.c.get(api('/inbox')) },
    inboxStream: { allowed: STAFF, scoped: false, send: (w) => stream(w.c) },
    cannedReplies: { allowed: STAFF, scoped: false, send: (w) => w.c.get(api('/inbox/canned-replies')) },
    inboxDetail: { allowed: STAFF, scoped: true, send: async (w, where) => w.c.get(api(`/inbox/${await ticket(where)}`)) },
    inboxClaim: { allowed: STAFF, scoped: true, send: async (w, where) => w.c.post(api(`/inbox/${await ticket(where)}/claim`)) },
    inboxAssign: { allowed: STAFF, scoped: true, send: async (w, where) => w.c.post(api(`/inbox/${await ticket(where)}/assign`), { assigneeId: rootId }) },
    inboxReply: { allowed: STAFF, scoped: true, send: async (w, where) => w.c.post(api(`/inbox/${await ticket(where)}/reply`), { text: '您好，我们来处理。' }) },
    inboxNotify: { allowed: STAFF, scoped: true, send: async (w, where) => w.c.post(api(`/inbox/${await ticket(where)}/notify`), {}) },
    inboxNote: { allowed: STAFF, scoped: true, send: async (w, where) => w.c.post(api(`/inbox/${await ticket(where)}/notes`), { text: '内部' }) },
    inboxResolve: { allowed: STAFF, scoped: true, send: async (w, where) => w.c.post(api(`/inbox/${await ticket(where)}/resolve`)) },

    channels: { allowed: EVERYONE, scoped: false, send: (w) => w.c.get(api('/channels')) },
    // 新建事项: filing into another street's community is refused inside the civic operation
    caseCreate: {
      allowed: STAFF,
      scoped: true,
      send: (w, where) =>
        w.c.post(api('/cases'), {
          kind: 'report',
          formToken: `auth-${++seq}-${w.role}`,
          channel: 'phone',
          contactName: '王阿姨',
          phone: '13800138009',
          communityId: COMMUNITY[where],
          category: '路灯照明',
          description: '来电反映：村口路灯不亮',
        }),
    },
    caseList: { allowed: EVERYONE, scoped: false, send: (w) => w.c.get(api('/cases')) },
    caseExportCsv: { allowed: EVERYONE, scoped: false, send: (w) => w.c.get(api('/cases/export.csv')) },
    caseExportXlsx: { allowed: EVERYONE, scoped: false, send: (w) => w.c.get(api('/cases/export.xlsx')) },
    // a merge touches two cases: the own one moves, `where` says whose case it points at (the quoted input of issue 13)
    caseBulkTransition: {
      allowed: STAFF,
      scoped: true,
      send: async (w, where) => bulk(w.c, { ids: [await report('own')], to: 'duplicate', data: { duplicateOf: await report(where) } }),
    },
    caseDetail: { allowed: EVERYONE, scoped: true, send: async (w, where) => w.c.get(api(`/cases/${await report(where)}`)) },
    casePhoto: {
      allowed: EVERYONE,
      scoped: true,
      send: async (w, where) => {
        const id = await report(where);
        return w.c.get(api(`/cases/${id}/photos/${await photo(id)}`));
      },
    },
    voiceAudio: { allowed: EVERYONE, scoped: true, send: async (w, where) => w.c.get(api(`/voices/${await voice(await report(where))}/audio`)) },
    voiceTranscript: {
      allowed: STAFF,
      scoped: true,
      send: async (w, where) => w.c.patch(api(`/voices/${await voice(await report(where))}/transcript`), { transcript: '三栋门口路灯不亮' }),
    },
    casePhotoState: {
      allowed: STAFF,
      scoped: true,
      send: async (w, where) => {
        const id = await report(where);
        return w.c.patch(api(`/cases/${id}/photos/${await photo(id)}`), { publicState: 'shown' });
      },
    },
    casePublicText: { allowed: STAFF, scoped: true, send: async (w, where) => w.c.post(api(`/cases/${await report(where)}/public-text`), { text: '路灯不亮' }) },
    caseObjections: { allowed: EVERYONE, scoped: true, send: async (w, where) => w.c.get(api(`/cases/${(await objected(where)).id}/objections`)) },
    caseObjectionAnswer: {
      allowed: STAFF,
      scoped: true,
      send: async (w, where) => {
        const o = await objected(where);
        return w.c.post(api(`/cases/${o.id}/objections/${o.objectionId}/answer`), { accepted: false, answer: '通道宽度经消防部门确认足够' });
      },
    },
    caseTransition: { allowed: STAFF, scoped: true, send: async (w, where) => w.c.post(api(`/cases/${await report(where)}/transition`), { to: 'accepted', data: { assignee: '电工' } }) },
    caseAssign: { allowed: STAFF, scoped: true, send: async (w, where) => w.c.post(api(`/cases/${await report(where)}/assign`), { assignee: '电工二班' }) },
    caseMerge: {
      allowed: STAFF,
      scoped: true,
      send: async (w, where) => w.c.post(api(`/cases/${await report('own')}/merge`), { duplicateOf: await report(where) }),
    },
    caseNote: { allowed: NOTERS, scoped: true, send: async (w, where) => w.c.post(api(`/cases/${await report(where)}/notes`), { internalNote: '内部意见' }) },
    caseMilestone: {
      allowed: STAFF,
      scoped: true,
      send: async (w, where) => w.c.post(api(`/cases/${await implementing(where)}/milestones`), { date: '2026-03-10', note: '已开工', percent: 30 }),
    },
    caseTransfer: { allowed: STAFF, scoped: true, send: async (w, where) => w.c.post(api(`/cases/${await accepted(where)}/transfer`), { department: '城管' }) },
    caseReassign: { allowed: STAFF, scoped: true, send: async (w, where) => w.c.post(api(`/cases/${await report(where)}/reassign`), { communityId: NEIGHBOUR[where] }) },
    caseFundingAdd: {
      allowed: STAFF,
      scoped: true,
      send: async (w, where) => w.c.post(api(`/cases/${await wish(where)}/funding`), { source: 'in_kind', funder: '某某公司', amount: 1_280_00 }),
    },
    caseFundingRemove: {
      allowed: STAFF,
      scoped: true,
      send: async (w, where) => {
        const id = await wish(where);
        const added = await ok(root.post(api(`/cases/${id}/funding`), { source: 'in_kind', funder: '某某公司', amount: 100 }));
        return w.c.del(api(`/cases/${id}/funding/${added.json.fundingId}`));
      },
    },
    caseTheme: { allowed: EVERYONE, scoped: true, send: async (w, where) => w.c.get(api(`/cases/${await proposalOf(where)}/theme`)) },
    caseThemeSet: { allowed: STAFF, scoped: true, send: async (w, where) => w.c.post(api(`/cases/${await proposalOf(where)}/theme`), { theme: 'elder-care' }) },
    casePhotoUpload: { allowed: UPLOADERS, scoped: true, send: async (w, where) => upload(w.c, await report(where)) },

    councilList: { allowed: READERS, scoped: false, send: (w) => w.c.get(api('/council/meetings')) },
    councilCandidates: { allowed: STAFF, scoped: true, send: (w, where) => w.c.get(api(`/council/candidates?communityId=${COMMUNITY[where]}`)) },
    councilCreate: { allowed: STAFF, scoped: true, send: async (w, where) => w.c.post(api('/council/meetings'), await councilBody(where)) },
    councilMeeting: { allowed: READERS, scoped: true, send: async (w, where) => w.c.get(api(`/council/meetings/${await meeting(where)}`)) },
    councilMinutesUpload: { allowed: STAFF, scoped: true, send: async (w, where) => uploadMinutes(w.c, await meeting(where)) },
    councilMinutes: { allowed: READERS, scoped: true, send: async (w, where) => w.c.get(api(`/council/meetings/${await meeting(where, true)}/minutes`)) },

    budgetEnvelopes: { allowed: READERS, scoped: false, send: (w) => w.c.get(api('/budgets/envelopes?year=2099')) },
    budgetEnvelopeSet: {
      allowed: MANAGERS,
      scoped: true,
      send: (w, where) => w.c.post(api('/budgets/envelopes'), { streetId: STREET[where], communityId: COMMUNITY[where], year: 2099, amount: 1_000_000_00 }),
    },
    batchList: { allowed: READERS, scoped: false, send: (w) => w.c.get(api('/budgets/batches')) },
    batchCreate: { allowed: MANAGERS, scoped: true, send: (w, where) => w.c.post(api('/budgets/batches'), { streetId: STREET[where], year: 2099, title: `第${++seq}批` }) },
    batchDetail: { allowed: READERS, scoped: true, send: async (w, where) => w.c.get(api(`/budgets/batches/${await batchOf(where)}`)) },
    batchAddCases: {
      allowed: MANAGERS,
      scoped: true,
      send: async (w, where) => w.c.post(api(`/budgets/batches/${await batchOf(where)}/cases`), { caseIds: [await approvedOf(where)] }),
    },
    batchRemoveCase: {
      allowed: MANAGERS,
      scoped: true,
      send: async (w, where) => {
        const id = await batchOf(where);
        const caseId = await approvedOf(where);
        await ok(root.post(api(`/budgets/batches/${id}/cases`), { caseIds: [caseId] }));
        return w.c.del(api(`/budgets/batches/${id}/cases/${caseId}`));
      },
    },
    batchPublish: { allowed: MANAGERS, scoped: true, send: async (w, where) => w.c.post(api(`/budgets/batches/${await batchOf(where, true)}/publish`)) },

    deadlines: { allowed: READERS, scoped: false, send: (w) => w.c.get(api('/deadlines')) },
    caseSupervise: { allowed: MANAGERS, scoped: true, send: async (w, where) => w.c.post(api(`/cases/${await report(where)}/supervise`), { note: '请三天内办结并回复进展' }) },
    dashboard: { allowed: READERS, scoped: false, send: (w) => w.c.get(api('/dashboard')) },
    figures: { allowed: READERS, scoped: false, send: (w) => w.c.get(api('/figures?groupBy=theme')) },
    figuresExportCsv: { allowed: READERS, scoped: false, send: (w) => w.c.get(api('/figures/export.csv')) },
    figuresExportXlsx: { allowed: READERS, scoped: false, send: (w) => w.c.get(api('/figures/export.xlsx?groupBy=batch&per=street')) },

    keywordList: { allowed: MANAGERS, scoped: false, send: (w) => w.c.get(api('/keyword-replies')) },
    keywordCreate: {
      allowed: MANAGERS,
      scoped: true,
      send: (w, where) => w.c.post(api('/keyword-replies'), { keyword: `水费${++seq}`, content: { text: '找水务' }, communityId: COMMUNITY[where] }),
    },
    keywordUpdate: { allowed: MANAGERS, scoped: true, send: async (w, where) => w.c.patch(api(`/keyword-replies/${await keyword(where)}`), { enabled: false }) },
    keywordDelete: { allowed: MANAGERS, scoped: true, send: async (w, where) => w.c.del(api(`/keyword-replies/${await keyword(where)}`)) },

    audit: { allowed: AUDITORS, scoped: false, send: (w) => w.c.get(api('/audit')) },

    open311KeyList: { allowed: ADMIN, scoped: false, send: (w) => w.c.get(api('/open311-keys')) },
    open311KeyCreate: { allowed: ADMIN, scoped: false, send: (w) => w.c.post(api('/open311-keys'), { name: `巡查 App ${++seq}`, streetIds: ['nantou'] }) },
    open311KeyRevoke: {
      allowed: ADMIN,
      scoped: false,
      send: async (w) => {
        const made = await ok(root.post(api('/open311-keys'), { name: `旧系统 ${++seq}` }));
        return w.c.post(api(`/open311-keys/${made.json.item.id}/revoke`));
      },
    },

    menuState: { allowed: ADMIN, scoped: false, send: (w) => w.c.get(api('/menu')) },
    menuSave: { allowed: ADMIN, scoped: false, send: (w) => w.c.post(api('/menu/versions'), { menu: { button: [{ type: 'click', name: '电费', key: '电费' }] } }) },
    menuPublish: {
      allowed: ADMIN,
      scoped: false,
      send: async (w) => {
        const saved = await ok(root.post(api('/menu/versions'), { menu: { button: [{ type: 'click', name: '电费', key: '电费' }] } }));
        return w.c.post(api(`/menu/versions/${saved.json.version.id}/publish`));
      },
    },
  } satisfies Record<RouteName, Row>;

  it('has a row for every route of the route table and a column for every role', () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(routes).sort());
    expect([...ROLES].sort()).toEqual(['admin', 'auditor', 'community', 'deputy', 'street', 'unit']);
  });

  it('answers 2xx or 403 as the table says, in every cell', async () => {
    const who = new Map<Role, Who>();
    for (const role of ROLES) who.set(role, { role, username: `u-${role}`, c: await h.login(`u-${role}`) });
    const wrong: string[] = [];
    let cells = 0;
    for (const [name, row] of Object.entries(TABLE) as [RouteName, Row][]) {
      for (const role of ROLES) {
        cells += 1;
        for (const where of row.scoped ? (['own', 'other'] as const) : (['own'] as const)) {
          const expected = !row.allowed.includes(role) || (where === 'other' && role !== 'admin') ? 403 : 200;
          const got = (await row.send(who.get(role)!, where)).status;
          const fine = expected === 403 ? got === 403 : got >= 200 && got < 300;
          if (!fine) wrong.push(`${name} ${role} ${where}: ${got}, expected ${expected === 403 ? 403 : '2xx'}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // routes × roles (a scoped route's cell is asked for its own and another community's thing)
    expect(cells).toBe(Object.keys(routes).length * ROLES.length);
  }, 300_000);
});
