import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerClaim } from '../../src/civic/claim-offers.js';
import { submitWish } from '../../src/civic/kinds/wish.js';
import { routes } from '../../src/console/contract.js';
import { openDatabase } from '../../src/db/client.js';
import { staffUsers } from '../../src/db/schema.js';
import { requestHandoff } from '../../src/runtime/handoff.js';
import { samplePhoto } from '../../src/simulator/sample-image.js';
import { startConsole, type Client, type ConsoleHarness } from './harness.js';

/** every JSON answer matches the contract the SPA builds against */
describe('console contract', () => {
  let h: ConsoleHarness;
  let c: Client;
  beforeAll(async () => {
    h = await startConsole('postgres', { wechat: true });
    await h.user('root', 'admin');
    c = await h.login('root');
  });
  afterAll(() => h.close());

  it('answers in the shapes of contract.ts', async () => {
    const report = await h.report({ communityId: 'nantoucheng', openid: 'o-contract' });
    const proposal = await h.proposal({ communityId: 'tongle', estimatedCost: 1000 });
    const { ticketId } = await requestHandoff(h.db, { openid: 'o-contract', reason: 'resident', context: { flowId: 'report' }, now: h.clock.now() });
    const check = async (name: keyof typeof routes, p: string, method = 'GET', body?: unknown) => {
      const a = await c.request(method, p, body ?? (method === 'GET' ? undefined : {}));
      expect(a.status, `${name} ${a.text}`).toBeLessThan(300);
      const spec = routes[name] as { response?: { safeParse(v: unknown): { success: boolean; error?: unknown } } };
      const r = spec.response!.safeParse(a.json);
      expect(r.success, `${name}: ${JSON.stringify(r.error)}`).toBe(true);
      return a.json;
    };
    await check('me', '/api/console/me');
    await check('scope', '/api/console/scope');
    await check('lifecycles', '/api/console/lifecycles');
    await check('staffList', '/api/console/staff');
    await check('inboxList', '/api/console/inbox');
    await check('cannedReplies', '/api/console/inbox/canned-replies');
    await check('inboxDetail', `/api/console/inbox/${ticketId}`);
    await check('inboxClaim', `/api/console/inbox/${ticketId}/claim`, 'POST');
    await check('inboxNote', `/api/console/inbox/${ticketId}/notes`, 'POST', { text: '内部' });
    await check('inboxNotify', `/api/console/inbox/${ticketId}/notify`, 'POST', {});
    await check('inboxResolve', `/api/console/inbox/${ticketId}/resolve`, 'POST');
    await check('caseList', '/api/console/cases');
    await check('caseDetail', `/api/console/cases/${report}`);
    await check('caseDetail', `/api/console/cases/${proposal}`);
    await check('caseTransition', `/api/console/cases/${report}/transition`, 'POST', { to: 'accepted', data: { assignee: '电工' } });
    await check('caseAssign', `/api/console/cases/${report}/assign`, 'POST', { assignee: '电工二班' });
    await check('caseNote', `/api/console/cases/${report}/notes`, 'POST', { internalNote: '内部' });
    await check('caseTransfer', `/api/console/cases/${report}/transfer`, 'POST', { department: '城管' });
    // a wish: its value, claims with contacts and 资金来源 lines; money added and removed; a staff photo
    const { caseId: wish } = await submitWish(
      h.db,
      { openid: 'o-wisher', sourceKey: 'contract-wish', title: '一台助听器', description: '独居老人听不见敲门声', beneficiaries: '独居老人', estimatedCost: 1_500_00, communityId: 'nantoucheng', photos: [] },
      { now: h.clock.now() },
    );
    await check('caseTransition', `/api/console/cases/${wish}/transition`, 'POST', { to: 'published', data: { title: '一台助听器' } });
    await offerClaim(h.db, { caseId: wish, claimerName: '某某公司', claimerType: 'company', contactName: '李经理', contactPhone: '13800000001' }, { now: h.clock.now() });
    const funding = await check('caseFundingAdd', `/api/console/cases/${wish}/funding`, 'POST', { source: 'in_kind', funder: '某某公司', amount: 1_280_00 });
    const shown = await check('caseDetail', `/api/console/cases/${wish}`);
    expect([shown.value, shown.claims.length, shown.funding.length]).toEqual([{ estimated: 1_500_00, given: null }, 1, 1]);
    await check('caseFundingRemove', `/api/console/cases/${wish}/funding/${funding.fundingId}`, 'DELETE');
    // the photo is the raw body, not JSON
    const photo = await fetch(`${h.url}/api/console/cases/${wish}/photos`, {
      method: 'POST',
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'image/png' },
      body: new Uint8Array(samplePhoto(1, 32, 24)),
    });
    expect(photo.status).toBe(201);
    expect(routes.casePhotoUpload.response.safeParse(await photo.json()).success).toBe(true);
    await check('caseBulkTransition', '/api/console/cases/bulk-transition', 'POST', { ids: [proposal], to: 'reviewing' });
    await check('caseSupervise', `/api/console/cases/${report}/supervise`, 'POST', { note: '请本周内办结' });
    await check('deadlines', '/api/console/deadlines');
    await check('dashboard', '/api/console/dashboard');
    const kw = await check('keywordCreate', '/api/console/keyword-replies', 'POST', { keyword: '电费', content: { text: '95598' } });
    await check('keywordUpdate', `/api/console/keyword-replies/${kw.id}`, 'PATCH', { enabled: false });
    await check('keywordList', '/api/console/keyword-replies');
    await check('keywordDelete', `/api/console/keyword-replies/${kw.id}`, 'DELETE');
    await check('audit', '/api/console/audit');
    await check('staffCreate', '/api/console/staff', 'POST', { username: 'worker9', displayName: '九', password: 'long-enough-pw', role: 'street', streetId: 'nantou' });
    await check('logout', '/api/console/logout', 'POST');
  });

  it('every route in the table answers (no 404 for a listed path)', async () => {
    const c2 = await h.login('root');
    for (const [name, r] of Object.entries(routes)) {
      if (name === 'inboxStream' || name === 'login' || name === 'logout') continue;
      const p = `/api/console${r.path.replace(/:id|:mediaId|:fundingId/g, '999999')}`;
      const a = await c2.request(r.method, p, r.method === 'GET' ? undefined : {});
      // unknown ids are 404 with our message, never the funnel's answer for a path no route took
      expect(a.json?.error?.reason, `${r.method} ${r.path}`).not.toBe('no_route');
    }
  });
});

describe('admin:create CLI', () => {
  it('creates an admin from arguments and a password on stdin', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'admin-cli-'));
    try {
      const run = (args: string[], input: string) =>
        spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/create-admin.ts', ...args], {
          cwd: path.resolve(import.meta.dirname, '../..'),
          input,
          encoding: 'utf8',
          env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', WECHAT_APP_ID: '', LOG_LEVEL: 'silent' },
          timeout: 60_000,
        });
      const short = run(['--username', 'boss', '--password-stdin'], 'short\n');
      expect(short.status).toBe(1);
      const weak = run(['--username', 'boss', '--display-name', '主任', '--password-stdin'], 'boss12345678\n');
      expect(weak.status).toBe(1);
      expect(weak.stderr.trim()).toBe('密码太容易被猜到：含有用户名或姓名。请换一个更长、不含用户名和常见词的密码，例如把三四个不相关的词连在一起（如 yun-shui-qiao-37）。');
      const ok = run(['--username', 'boss', '--display-name', '主任', '--password-stdin'], 'a-long-password-1\n');
      expect(ok.stderr).toBe('');
      expect(ok.stdout).toContain('已创建管理员 boss');
      expect(run(['--username', 'boss', '--password-stdin'], 'a-long-password-1\n').status).toBe(1);
      const database = await openDatabase({ dataDir });
      const [row] = await database.db.select().from(staffUsers).where(eq(staffUsers.username, 'boss'));
      await database.close();
      expect(row).toMatchObject({ role: 'admin', displayName: '主任', streetId: null, communityId: null });
      expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    // four processes, each starting tsx and opening the embedded database: 30 s was not enough beside a loaded suite
  }, 180_000);
});
