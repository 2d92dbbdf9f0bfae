import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '../../src/civic/kinds/report.js';
import { createStaffUser } from '../../src/console/staff.js';
import { cases, outbox } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { startTestService } from '../helpers/service.js';
import { ensureConsoleBuilt, launchChromium, watchPage } from './kit.js';

/**
 * 督办 in the console (issue 13, item 7): the 督办 list has a 督办 button per row for a manager; its
 * note box sends POST /cases/:id/supervise; the row then says how many times and when last, and the
 * case page's timeline shows the 督办 with its note. Community staff see the counts, not the button.
 */
const PASSWORD = 'supervise-test-password';

describe('督办 in the console', () => {
  let svc: Service;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  const login = async (p: Page, username: string) => {
    await p.goto(`${svc.url}/console/`);
    await p.fill('#username', username);
    await p.fill('#password', PASSWORD);
    await p.click('button[type=submit]');
    await p.locator('[data-testid=user-menu]').waitFor();
  };

  beforeAll(async () => {
    ensureConsoleBuilt();
    svc = await startTestService();
    const cost = { memoryCost: 1024, timeCost: 1 };
    await createStaffUser(svc.database.db, { username: 'chief', displayName: '南头街道督办员', password: PASSWORD, role: 'street', streetId: 'nantou' }, cost);
    await createStaffUser(svc.database.db, { username: 'worker', displayName: '南头城社区办理员', password: PASSWORD, role: 'community', communityId: 'nantoucheng' }, cost);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    watchPage(page, problems);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  it('a street manager supervises an overdue report with a note; the list counts it and the case page shows it', async () => {
    const { caseId: id } = await submitReport(
      svc.database.db,
      { openid: 'oSupervise1', sourceKey: `supervise-${Date.now()}`, category: 'streetlight', description: '中山南街路灯不亮一周了', communityId: 'nantoucheng', phone: '13812345678' },
      { now: new Date(Date.now() - 10 * 86_400_000) },
    );
    await svc.database.db.update(cases).set({ dueAt: new Date(Date.now() - 3 * 86_400_000) }).where(eq(cases.id, id));
    const pushes = async () => (await svc.database.db.select().from(outbox).where(eq(outbox.caseId, id))).length;
    const pushesBefore = await pushes();

    await login(page, 'chief');
    await page.goto(`${svc.url}/console/deadlines`);
    // the report is both overdue and never accepted, so it is in both tables: the overdue one is used
    const overdue = page.locator('[data-testid=overdue-table]');
    const cell = overdue.locator(`[data-testid=supervision-${id}]`);
    await cell.waitFor();
    expect(await cell.textContent()).toBe('未督办');
    await overdue.locator(`[data-testid=supervise-${id}]`).click();
    const modal = page.locator('.ant-modal', { hasText: `督办 #${id}` });
    await modal.getByText('不会通知居民').waitFor();
    // an empty note is refused in the form, before any request
    await modal.locator('.ant-btn-primary').click();
    await modal.getByText('请写下督办要求').waitFor();
    await modal.locator('[data-testid=supervise-note]').fill('请于本周五前修好，并在工作台回复进展');
    const answered = page.waitForResponse((res) => res.url().endsWith(`/api/console/cases/${id}/supervise`));
    await modal.locator('.ant-btn-primary').click();
    expect((await answered).status()).toBe(200);
    await overdue.locator(`[data-testid=supervision-${id}]`, { hasText: '1 次 · 最近' }).waitFor();
    await page.screenshot({ path: '/tmp/console-supervise.png' });

    // again: counted twice
    await overdue.locator(`[data-testid=supervise-${id}]`).click();
    await page.locator('.ant-modal:visible [data-testid=supervise-note]').fill('仍未修好，请今天回复');
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await overdue.locator(`[data-testid=supervision-${id}]`, { hasText: '2 次 · 最近' }).waitFor();

    await page.goto(`${svc.url}/console/cases/${id}`);
    const timeline = page.locator('[data-testid=case-timeline]');
    await page.getByRole('tab', { name: /时间线/ }).click();
    await timeline.getByText('请于本周五前修好，并在工作台回复进展').waitFor();
    const entry = timeline.locator('.tl-entry', { hasText: '仍未修好，请今天回复' });
    expect(await entry.textContent()).toContain('督办');
    expect(await entry.textContent()).toContain('内部');
    expect(await entry.textContent()).toContain('南头街道督办员');
    // residents are not told
    expect(await pushes()).toBe(pushesBefore);
    expect(problems).toEqual([]);
  }, 90_000);

  it('community staff see how often a case was supervised, without the button', async () => {
    const other = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    try {
      await login(other, 'worker');
      await other.goto(`${svc.url}/console/deadlines`);
      const counted = other.locator('[data-testid=overdue-table] [data-testid^=supervision-]', { hasText: '2 次' });
      await counted.waitFor();
      expect(await other.locator('[data-testid^=supervise-]').count()).toBe(0);
    } finally {
      await other.close();
    }
  });
});
