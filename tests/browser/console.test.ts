import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser } from '../../src/console/staff.js';
import { submitProposal } from '../../src/civic/kinds/proposal.js';
import { caseMedia, cases, conversations, outbox } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { resident } from '../helpers/chat.js';
import { startTestService } from '../helpers/service.js';
import { ensureConsoleBuilt, launchChromium, until, watchPage } from './kit.js';

/**
 * The staff console in a real browser (Debian's Chromium) against the whole service in local mode:
 * a resident types 人工 in the simulator and the ticket appears live; staff claim it and reply, and
 * the reply reaches the fake WeChat API; a report is moved to 已办结 through the case forms and its
 * pushes are queued; what residents typed stays text; the dashboard shows figures. Every step waits
 * for an element or a record, never for a fixed time. Screenshots go to /tmp/console-*.png.
 */
const XSS = '<img src=x onerror=alert(1)>';
/** the second account, kept waiting by wrong passwords in the first test */
const PASSWORD = 'console-test-password';

const caseNumber = (text: string) => Number(/#(\d+)/.exec(text)?.[1]);

describe('the staff console', () => {
  let svc: Service;
  /** where the console is served (the service itself) */
  let base = '';
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  let n = 0;
  const someone = () => resident(svc, `oConsole${Date.now().toString(36)}${++n}`);

  beforeAll(async () => {
    ensureConsoleBuilt();
    svc = await startTestService();
    base = svc.url;
    const cost = { memoryCost: 1024, timeCost: 1 };
    await createStaffUser(svc.database.db, { username: 'clerk', displayName: '社区工作人员', password: PASSWORD, role: 'admin' }, cost);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    watchPage(page, problems);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  it('refuses a wrong password, says when to try again after too many, then logs the admin in', async () => {
    await page.goto(`${base}/console/`);
    await page.fill('#username', 'clerk');
    const attempt = async (password: string) => {
      await page.fill('#password', password);
      const answered = page.waitForResponse((res) => res.url().endsWith('/api/console/login'));
      await page.click('button[type=submit]');
      return (await answered).status();
    };
    expect(await attempt('wrong-0')).toBe(401);
    await expect(page.locator('[data-testid=login-error]').textContent()).resolves.toContain('登录失败');
    for (let i = 1; i < 6; i++) await attempt(`wrong-${i}`);
    // after five wrong passwords the name must wait before the next try: the server's words (429) are shown
    await expect(page.locator('[data-testid=login-error]').textContent()).resolves.toContain('登录尝试过于频繁，请 1 秒后再试');
    await page.screenshot({ path: '/tmp/console-login.png' });

    // the admin local mode creates on the first start (its one-time password is printed at start)
    const admin = svc.localAdmin!;
    await page.fill('#username', admin.username);
    await page.fill('#password', admin.password);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=user-menu]', { hasText: '管理员' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/inbox');
    // the session is the HttpOnly cookie, nothing is kept in the page's storage
    expect(await page.evaluate('localStorage.length + sessionStorage.length')).toBe(0);
    const cookie = (await page.context().cookies()).find((c) => c.name === 'msw_console');
    expect(cookie?.httpOnly).toBe(true);
  });

  it('shows a resident who typed 人工 live; claims, replies through WeChat, and keeps a note internal', async () => {
    await page.locator('[data-testid=ticket-list]').waitFor();
    const r = someone();
    await r.follow('community_nantoucheng');
    await r.say('人工');
    const [ticket] = await until(async () => {
      const rows = await svc.database.db.select().from(conversations).where(eq(conversations.openid, r.openid));
      return rows.length ? rows : undefined;
    }, 'the ticket');
    // no reload: the list follows the stream
    const row = page.locator(`[data-testid=ticket-${ticket!.id}]`);
    await row.waitFor();
    await r.say(XSS);
    await row.click();
    await page.locator('[data-testid=conversation]').waitFor();
    const typed = page.locator('[data-testid=transcript] .msg-body', { hasText: XSS });
    await typed.waitFor();
    // the resident's markup is text: no element was made of it
    expect(await typed.textContent()).toBe(XSS);
    expect(await page.locator('img[src="x"]').count()).toBe(0);

    await page.click('[data-testid=claim]');
    await page.locator('[data-testid=ticket-status]', { hasText: '处理中' }).waitFor();
    await page.locator('[data-testid=quota]').waitFor();

    const reply = '您好，我是南头城社区工作人员，已安排电工明天上午检修。';
    await page.fill('[data-testid=composer-text]', reply);
    await page.click('[data-testid=send]');
    await page.locator('[data-testid=transcript] .msg-staff .msg-body', { hasText: reply }).waitFor();
    const sent = await until(() => {
      const d = svc.simulator!.recorder.delivered({ openid: r.openid, api: 'message/custom/send' });
      return d.find((x) => JSON.stringify(x.body).includes('已安排电工明天上午检修'));
    }, 'the reply at the fake WeChat API');
    // the resident reads it as from a person (the account has no public name: 工作人员 alone)
    expect(sent.body).toMatchObject({ touser: r.openid, msgtype: 'text', text: { content: `工作人员：${reply}` } });

    const note = '已电话联系供电所，内部跟进';
    await page.locator('[data-testid=composer] .ant-segmented-item', { hasText: '内部备注' }).click();
    await page.fill('[data-testid=composer-text]', note);
    await page.click('[data-testid=send]');
    const noteRow = page.locator('[data-testid=transcript] .msg-note', { hasText: note });
    await noteRow.waitFor();
    expect(await noteRow.textContent()).toContain('内部备注');
    await page.screenshot({ path: '/tmp/console-inbox.png' });
    const all = svc.simulator!.recorder.list({ openid: r.openid });
    expect(all.some((x) => JSON.stringify(x.body).includes('内部跟进'))).toBe(false);
    expect(problems).toEqual([]);
  }, 60_000);

  it('moves a report to 已办结 through the case forms and queues the resident’s pushes', async () => {
    const r = someone();
    await r.follow('community_nantoucheng');
    for (const t of ['报修', '1', `3栋门口的路灯晚上不亮 ${XSS}`]) await r.say(t);
    await r.at(22.5437, 113.9305, '南头古城3栋');
    await r.photo();
    await r.say('好了');
    await r.say('13812345678');
    const number = caseNumber(await r.say('1'));
    expect(number).toBeGreaterThan(0);

    await page.goto(`${base}/console/cases`);
    await page.locator('[data-testid=case-table]').getByText(`#${number}`, { exact: true }).waitFor();
    await page.goto(`${base}/console/cases/${number}`);
    const drawer = page.locator('.ant-drawer');
    await drawer.locator('[data-testid=case-status]', { hasText: '已提交' }).waitFor();
    await drawer.locator('[data-testid=case-location]', { hasText: '南头古城3栋' }).waitFor();
    expect(await drawer.textContent()).toContain(XSS);
    expect(await page.locator('img[src="x"]').count()).toBe(0);

    const pick = async (to: string) =>
      drawer.locator('[data-testid=transition-picker] label', { has: page.locator(`input[value="${to}"]`) }).click();
    const submit = async (to: string) => {
      const form = drawer.locator(`[data-testid=transition-form-${to}]`);
      await form.waitFor();
      return form;
    };

    // 受理: assignee and due date (the due date defaults from the category)
    await pick('accepted');
    let form = await submit('accepted');
    await form.locator('input#data_assignee').fill('南头街道城管科');
    if (!(await form.locator('input#data_dueAt').inputValue())) {
      await form.locator('input#data_dueAt').fill('2030-01-31');
      await page.keyboard.press('Enter');
    }
    await form.locator('textarea#publicNote').fill('已受理，城管科三个工作日内处理。');
    await form.locator('[data-testid=transition-submit]').click();
    await drawer.locator('[data-testid=case-status]', { hasText: '已受理' }).waitFor();

    // 已办结 with a public note residents read
    await pick('resolved');
    form = await submit('resolved');
    await form.locator('textarea#publicNote').fill('路灯已更换灯泡，恢复照明。');
    await form.locator('textarea#internalNote').fill('维修单号 LD-2031');
    await form.locator('[data-testid=transition-submit]').click();
    await drawer.locator('[data-testid=case-status]', { hasText: '已办结' }).waitFor();

    await drawer.locator('.ant-tabs-tab', { hasText: '时间线' }).click();
    const timeline = drawer.locator('[data-testid=case-timeline]');
    await timeline.getByText('路灯已更换灯泡，恢复照明。').waitFor();
    await timeline.getByText('维修单号 LD-2031').waitFor();
    await page.screenshot({ path: '/tmp/console-case.png' });

    // the pushes to the resident are in the outbox (or already delivered by a worker)
    const rows = await until(async () => {
      const got = await svc.database.db.select().from(outbox).where(eq(outbox.caseId, number));
      return got.filter((o) => o.openid === r.openid).length >= 2 ? got : undefined;
    }, 'the status pushes in the outbox');
    expect(rows.every((o) => o.openid === r.openid)).toBe(true);
    expect(JSON.stringify(rows.map((o) => o.payload))).not.toContain('LD-2031');
    expect(problems).toEqual([]);
  }, 60_000);

  it('shows a resident’s photo on the public page only after 公开 in the case drawer, and takes it off with 隐藏', async () => {
    const r = someone();
    await r.follow('community_nantoucheng');
    for (const t of ['报修', '1', '小区门口的井盖松动了']) await r.say(t);
    await r.at(22.5437, 113.9305, '南头古城5栋');
    await r.photo();
    await r.say('好了');
    await r.say('13812345678');
    const number = caseNumber(await r.say('1'));
    const [photo] = await svc.database.db.select({ id: caseMedia.id }).from(caseMedia).where(eq(caseMedia.caseId, number));
    const publicPhoto = async () => (await fetch(`${base}/c/${number}/photos/${photo!.id}`)).status;
    expect(await publicPhoto()).toBe(404);

    await page.goto(`${base}/console/cases/${number}`);
    const drawer = page.locator('.ant-drawer');
    await drawer.locator('.ant-tabs-tab', { hasText: '1 张待审核' }).click();
    const card = drawer.locator(`[data-testid=photo-${photo!.id}]`);
    await card.locator('[data-testid=photo-state]', { hasText: '待审核' }).waitFor();
    await card.locator('[data-testid=photo-show]').click();
    await card.locator('[data-testid=photo-state]', { hasText: '公开中' }).waitFor();
    expect(await publicPhoto()).toBe(200);
    expect(await (await fetch(`${base}/c/${number}`)).text()).toContain(`/photos/${photo!.id}"`);
    await card.locator('[data-testid=photo-hide]').click();
    await card.locator('[data-testid=photo-state]', { hasText: '已隐藏' }).waitFor();
    expect(await publicPhoto()).toBe(404);
    await page.screenshot({ path: '/tmp/console-photos.png' });
    expect(problems).toEqual([]);
  }, 60_000);

  it('approves a proposal with its budget typed in 元 (sent in 分)', async () => {
    const r = someone();
    await r.follow('community_nantoucheng');
    const { caseId } = await submitProposal(
      svc.database.db,
      {
        openid: r.openid,
        sourceKey: `console-test-${r.openid}`,
        title: '南头古城巷道加装路灯',
        description: '巷道晚上太黑，老人出行不便',
        projectType: '工程类',
        beneficiaries: '古城居民约300户',
        communityId: 'nantoucheng',
        estimatedCost: 20_000_000,
      },
      { now: new Date() },
    );
    await page.goto(`${base}/console/cases/${caseId}`);
    const drawer = page.locator('.ant-drawer');
    await drawer.locator('[data-testid=case-status]', { hasText: '已征集' }).waitFor();
    await drawer.locator('[data-testid=transition-form-reviewing] [data-testid=transition-submit]').click();
    await drawer.locator('[data-testid=case-status]', { hasText: '审核中' }).waitFor();
    await drawer.locator('[data-testid=transition-picker] label', { has: page.locator('input[value="approved"]') }).click();
    const form = drawer.locator('[data-testid=transition-form-approved]');
    await form.locator('input#data_approvedCost').fill('150000.5');
    await form.locator('input#data_batch').fill('2026年第一批');
    await form.locator('[data-testid=transition-submit]').click();
    await drawer.locator('[data-testid=case-status]', { hasText: '已确定' }).waitFor();
    await drawer.getByText('15 万元').first().waitFor();
    const [row] = await svc.database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row).toMatchObject({ status: 'approved', approvedCost: 15_000_050, batch: '2026年第一批' });
    expect(problems).toEqual([]);
  }, 60_000);

  it('shows the dashboard figures', async () => {
    await page.goto(`${base}/console/dashboard`);
    const reports = page.locator('[data-testid=stat-reports] .ant-statistic-content-value');
    await reports.waitFor();
    await until(async () => Number((await reports.textContent())?.replace(/\D/g, '')) >= 1 || undefined, 'a report count');
    await page.locator('[data-testid=stat-confirmed]', { hasText: '15 万元' }).waitFor();
    await page.locator('[data-testid=stat-collected]', { hasText: '20 万元' }).waitFor();
    await page.locator('[data-testid=figures-table]').getByText('南头').first().waitFor();
    await page.locator('[data-testid=chart-categories] canvas').waitFor();
    await page.screenshot({ path: '/tmp/console-dashboard.png', fullPage: true });
    expect(problems).toEqual([]);
  });

  it('exports the filtered list as CSV and XLSX with the session cookie', async () => {
    await page.goto(`${base}/console/cases?kind=report`);
    await page.locator('[data-testid=case-table] .ant-table-row').first().waitFor();
    const csvHref = await page.locator('[data-testid=export-csv]').getAttribute('href');
    expect(csvHref).toBe('/api/console/cases/export.csv?kind=report');
    const csv = await page.request.get(`${base}${csvHref}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('3栋门口的路灯晚上不亮');
    const xlsx = await page.request.get(`${base}${await page.locator('[data-testid=export-xlsx]').getAttribute('href')}`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    await page.goto(`${base}/console/deadlines`);
    await page.locator('[data-testid=overdue-table]').waitFor();
    await page.screenshot({ path: '/tmp/console-deadlines.png' });
  });

  it('adds a keyword reply the bot answers with, and the audit log shows who did it', async () => {
    await page.goto(`${base}/console/keywords`);
    await page.click('[data-testid=keyword-new]');
    const modal = page.locator('.ant-modal');
    await modal.locator('input#keyword').fill('电费');
    await modal.locator('textarea#text').fill('电费查询请拨打 95598，或在“网上国网”App 查询。');
    await modal.locator('.ant-btn-primary').click();
    await page.locator('.ant-table-row', { hasText: '95598' }).waitFor();
    const r = someone();
    await r.follow('community_nantoucheng');
    expect(await r.say('电费')).toContain('95598');

    await page.goto(`${base}/console/audit`);
    // in words: 新增关键词 on 关键词回复 #n, not keyword_reply.create
    const row = page.locator('[data-testid=audit-table] .ant-table-row', { hasText: '新增关键词' }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain('管理员');
    expect(await row.textContent()).toMatch(/关键词回复 #\d+/);
    expect(await row.textContent()).not.toContain('keyword_reply');
    await page.screenshot({ path: '/tmp/console-audit.png' });
    expect(problems).toEqual([]);
  });

  it('logs out: the console asks for the password again', async () => {
    await page.click('[data-testid=user-menu]');
    await page.locator('.ant-dropdown-menu-item', { hasText: '退出登录' }).click();
    await page.locator('.login-page #password').waitFor();
    await page.goto(`${base}/console/cases`);
    await page.locator('.login-page #password').waitFor();
    expect(problems).toEqual([]);
  });
});
