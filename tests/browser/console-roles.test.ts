import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '../../src/civic/kinds/report.js';
import { createStaffUser } from '../../src/console/staff.js';
import { cases } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { startTestService } from '../helpers/service.js';
import { ensureConsoleBuilt, launchChromium, watchPage } from './kit.js';

/**
 * Issue 13, item 2 in the browser: an admin creates a 承办单位 account (the form asks for the unit's
 * name, not a place) and a 审计员 (a place or none); the unit logs in and sees only the sections its
 * permissions open and only the cases assigned to it, with no move to make.
 */
const PASSWORD = 'Hu4-lan9-Qiao7-Xi';

describe('the console’s roles from the policy table', () => {
  let svc: Service;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  let seq = 0;
  const report = async (description: string, assignee: string) => {
    const { caseId } = await submitReport(
      svc.database.db,
      { openid: `oRoles${++seq}`, sourceKey: `roles-${seq}-${Date.now()}`, category: 'streetlight', description, communityId: 'nantoucheng' },
      { now: new Date() },
    );
    await svc.database.db.update(cases).set({ assignee }).where(eq(cases.id, caseId));
    return caseId;
  };
  const login = async (username: string) => {
    await page.goto(`${svc.url}/console/`);
    await page.fill('#username', username);
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=user-menu]').waitFor();
  };

  beforeAll(async () => {
    ensureConsoleBuilt();
    svc = await startTestService();
    await createStaffUser(svc.database.db, { username: 'boss', displayName: '主任', password: PASSWORD, role: 'admin' }, { memoryCost: 1024, timeCost: 1 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    // a step that cannot happen fails with its locator named, before the test's own timeout
    page.setDefaultTimeout(10_000);
    watchPage(page, problems);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  it('an admin creates a 承办单位 with its name and a 审计员 with no place; the unit sees its cases only', async () => {
    const mine = await report('路边占道经营', '城管执法队');
    const other = await report('绿化带缺株', '园林所');
    await login('boss');
    await page.goto(`${svc.url}/console/staff`);
    const modal = page.getByRole('dialog', { name: '新增账号' });
    const create = async (username: string, role: string, fill: () => Promise<void>) => {
      await page.getByRole('button', { name: '新增账号' }).click();
      await modal.getByLabel('用户名').fill(username);
      await modal.getByLabel('姓名', { exact: true }).fill(`${role}账号`);
      await modal.getByLabel('初始密码').fill(PASSWORD);
      await modal.getByLabel('角色').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: role }).click();
      await fill();
      await modal.getByRole('button', { name: /创\s?建/ }).click();
      return page.locator('[data-testid=staff-table] .ant-table-row', { hasText: username });
    };

    const unit = await create('chengguan', '承办单位', async () => {
      // a unit is a department, not a place: the form asks for its name instead
      expect(await modal.getByLabel(/所属|查看范围/).count()).toBe(0);
      await modal.getByLabel('单位名称').fill('城管执法队');
    });
    await unit.waitFor();
    expect(await unit.textContent()).toContain('城管执法队');

    const auditor = await create('shenji', '审计员', async () => {
      await modal.getByText('查看范围（街道或社区）').waitFor();
    });
    await auditor.waitFor();
    expect(await auditor.textContent()).toContain('全部');

    await page.click('[data-testid=user-menu]');
    await page.locator('.ant-dropdown-menu-item', { hasText: '退出登录' }).click();
    // the login page, not the staff page's own password fields (its modals keep theirs while it goes)
    await page.locator('.login-page #password').waitFor();
    await login('chengguan');
    const sections = await page.locator('.ant-menu-item').allTextContents();
    expect(sections.map((s) => s.trim())).toEqual(['案件', '导出']);
    const rows = page.locator('[data-testid=case-table] .ant-table-row');
    await rows.first().waitFor();
    expect(await rows.allTextContents()).toEqual([expect.stringContaining(`#${mine}`)]);
    expect((await rows.allTextContents()).join()).not.toContain(`#${other}`);
    await page.screenshot({ path: '/tmp/console-unit.png' });
    expect(problems).toEqual([]);
  }, 60_000);
});
