import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser } from '../../src/console/staff.js';
import { auditLog, cases } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { startTestService } from '../helpers/service.js';
import { ensureConsoleBuilt, launchChromium, until, watchPage } from './kit.js';

/**
 * 报表 in the console on the demo year (local mode, DEMO_DATA=1: the seeds' Kuichong year): a street
 * manager opens 报表, sees the 合计 row (215 collected, 119 implemented, 18,185,800.00 元 approved),
 * groups by batch (第一批 58, 第二批 61), and sets a proposal's theme in the case drawer.
 */
const PASSWORD = 'figures-test-password';

describe('报表 in the console', () => {
  let svc: Service;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    svc = await startTestService({ DEMO_DATA: '1' });
    await createStaffUser(svc.database.db, { username: 'kc', displayName: '葵涌街道统计员', password: PASSWORD, role: 'street', streetId: 'kuichong' }, { memoryCost: 1024, timeCost: 1 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    watchPage(page, problems);
    await page.goto(`${svc.url}/console/`);
    await page.fill('#username', 'kc');
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=user-menu]').waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  it('shows the year by type with its totals, then by batch', async () => {
    await page.getByRole('menuitem', { name: '报表' }).click();
    const total = page.locator('[data-testid=figures-total]');
    await total.waitFor();
    const cells = async () => (await total.locator('td').allTextContents()).map((t) => t.trim());
    // 合计, 征集, 确定, 实施, 完成, 申请, 确定金额 …
    await until(async () => (await cells())[1] === '215' || undefined, 'the totals row');
    const t = await cells();
    expect(t[0]).toBe('合计');
    expect(t.slice(1, 3)).toEqual(['215', '119']);
    expect(t[6]).toBe('18,185,800.00');
    // three types in each community that has them: 工程类 first
    expect(await page.locator('[data-testid=figures-table] tbody tr.ant-table-row').first().textContent()).toContain('工程类');

    await page.locator('[data-testid=figures-group]').getByText('按批次').click();
    await page.locator('.ant-segmented').getByText('按街道').click();
    const rows = page.locator('[data-testid=figures-table] tbody tr.ant-table-row');
    await until(async () => ((await rows.count()) === 3 ? true : undefined), 'three batch rows');
    const texts = await rows.allTextContents();
    expect(texts[0]).toMatch(/^葵涌街道第一批585858/);
    expect(texts[1]).toMatch(/^葵涌街道第二批616161/);
    expect(texts[2]).toContain('未分批');
    expect(await page.locator('[data-testid=figures-csv]').getAttribute('href')).toContain('/api/console/figures/export.csv?');
    await page.screenshot({ path: '/tmp/console-figures.png' });
  });

  it('sets a proposal theme in the case drawer (audited)', async () => {
    const [p] = await svc.database.db.select().from(cases).where(eq(cases.status, 'reviewing')).limit(1);
    await page.goto(`${svc.url}/console/cases/${p!.id}`);
    const select = page.locator('[data-testid=case-theme]');
    await select.waitFor();
    // the drawer settles first (its detail and the theme load on their own): a click while it
    // re-renders can close the dropdown under a loaded machine, so open and pick until it is saved
    await page.locator('.ant-drawer-body').getByText('主题分类').waitFor();
    const saved = async () => {
      const [row] = await svc.database.db.select().from(cases).where(eq(cases.id, p!.id));
      return row!.theme === 'neighbour-help' || undefined;
    };
    await until(async () => {
      if (await saved()) return true;
      if (!(await page.locator('.ant-select-dropdown:visible').count())) await select.click();
      const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '邻里互助' });
      await option.click({ timeout: 2000 }).catch(() => {});
      return (await until(saved, 'the theme saved', 2000).catch(() => undefined)) ?? undefined;
    }, 'the theme saved', 20_000);
    const audit = await svc.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'case.theme'), eq(auditLog.target, `case:${p!.id}`)));
    expect(audit).toHaveLength(1);
    expect(problems).toEqual([]);
  });
});
