import { eq, inArray } from 'drizzle-orm';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitProposal } from '../../src/civic/kinds/proposal.js';
import { submitReport } from '../../src/civic/kinds/report.js';
import { createStaffUser } from '../../src/console/staff.js';
import { cases, milestones } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { startTestService } from '../helpers/service.js';
import { ensureConsoleBuilt, launchChromium, until, watchPage } from './kit.js';

/**
 * Forms that do the right thing (issue 13, item 7): the next-step picker preselects the forward
 * move and starts again after each move; the milestone form empties once saved, so a second click
 * records nothing; labels carry no field names and one unit; a bulk move lists why each refused
 * case was left alone; the audit page filters and shows words, not keys.
 */
const PASSWORD = 'forms-test-password';

describe('the console’s forms', () => {
  let svc: Service;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  let seq = 0;
  const report = async (description: string) =>
    (
      await submitReport(
        svc.database.db,
        { openid: `oForms${++seq}`, sourceKey: `forms-${seq}-${Date.now()}`, category: 'streetlight', description, communityId: 'nantoucheng', phone: '13812345678' },
        { now: new Date() },
      )
    ).caseId;
  const proposal = async (status: string) => {
    const { caseId } = await submitProposal(
      svc.database.db,
      {
        openid: `oForms${++seq}`,
        sourceKey: `forms-p-${seq}-${Date.now()}`,
        title: `南头古城巷道加装路灯 ${seq}`,
        description: '巷道晚上太黑，老人出行不便',
        projectType: '工程类',
        beneficiaries: '古城居民约300户',
        communityId: 'nantoucheng',
        estimatedCost: 20_000_000,
      },
      { now: new Date() },
    );
    await svc.database.db.update(cases).set({ status }).where(eq(cases.id, caseId));
    return caseId;
  };
  const open = async (id: number, status: string): Promise<Locator> => {
    await page.goto(`${svc.url}/console/cases/${id}`);
    const drawer = page.locator('.ant-drawer');
    await drawer.locator('[data-testid=case-status]', { hasText: status }).waitFor();
    return drawer;
  };
  const chosen = (drawer: Locator) => drawer.locator('[data-testid=transition-picker] input[type=radio]:checked').getAttribute('value');

  beforeAll(async () => {
    ensureConsoleBuilt();
    svc = await startTestService();
    await createStaffUser(svc.database.db, { username: 'former', displayName: '表单员', password: PASSWORD, role: 'admin' }, { memoryCost: 1024, timeCost: 1 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    watchPage(page, problems);
    await page.goto(`${svc.url}/console/`);
    await page.fill('#username', 'former');
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=user-menu]').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  it('preselects the forward step, never 不予受理 or 重办, and starts again after each move', async () => {
    const id = await report('路灯不亮，表单甲');
    const drawer = await open(id, '已提交');
    expect(await chosen(drawer)).toBe('accepted');
    const accept = drawer.locator('[data-testid=transition-form-accepted]');
    await accept.locator('input#data_assignee').fill('南头街道城管科');
    await accept.locator('[data-testid=transition-submit]').click();
    await drawer.locator('[data-testid=case-status]', { hasText: '已受理' }).waitFor();
    // 已受理 offers 不予受理 first in the table: the picker still starts on 开始办理
    await until(async () => (await chosen(drawer)) === 'in_progress' || undefined, 'the picker on 开始办理');
    await drawer.locator('[data-testid=transition-form-in_progress]').waitFor();
    expect(await drawer.locator('[data-testid=transition-form-rejected]').count()).toBe(0);

    // 已办结: 结案, not 重办
    await svc.database.db.update(cases).set({ status: 'resolved', resolvedAt: new Date() }).where(eq(cases.id, id));
    const resolved = await open(id, '已办结');
    expect(await chosen(resolved)).toBe('closed');
    // 公示中: 开始实施, not 退回重新审核
    expect(await chosen(await open(await proposal('publicised'), '公示中'))).toBe('implementing');
    expect(problems).toEqual([]);
  }, 60_000);

  it('empties the milestone form once saved: a second click records nothing', async () => {
    const id = await proposal('implementing');
    const drawer = await open(id, '实施中');
    await drawer.locator('.case-actions .ant-collapse-header', { hasText: '添加实施进度' }).click();
    const form = drawer.locator('[data-testid=milestone-form]');
    await form.locator('textarea').fill('已开工，完成路灯基座');
    await form.locator('[data-testid=milestone-submit]').click();
    await page.locator('.ant-message', { hasText: '进度已记录' }).waitFor();
    await until(async () => (await drawer.locator('[data-testid=milestone-form] textarea').inputValue()) === '' || undefined, 'an empty milestone form');
    await drawer.locator('[data-testid=milestone-submit]').click();
    await drawer.getByText('请填写进度说明').waitFor();
    expect((await svc.database.db.select().from(milestones).where(eq(milestones.caseId, id))).map((m) => m.note)).toEqual(['已开工，完成路灯基座']);
    expect(problems).toEqual([]);
  }, 60_000);

  it('labels fields in words with one unit: 确定经费（元）, no assignee, no （分）', async () => {
    const id = await proposal('reviewing');
    const drawer = await open(id, '审核中');
    await drawer.locator('[data-testid=transition-picker] label', { has: page.locator('input[value="approved"]') }).click();
    const form = drawer.locator('[data-testid=transition-form-approved]');
    await form.getByText('确定经费（元）').waitFor();
    await drawer.getByText('需要：确定的经费').waitFor();
    const labels = await drawer.locator('.ant-form-item-label label').allTextContents();
    expect(labels.length).toBeGreaterThan(3);
    expect(labels.filter((l) => /[A-Za-z]|（分）/.test(l))).toEqual([]);
    // 元 typed, 分 kept
    await form.locator('input#data_approvedCost').fill('1500.5');
    await form.locator('input#data_batch').fill('2026年第二批');
    await form.locator('[data-testid=transition-submit]').click();
    await drawer.locator('[data-testid=case-status]', { hasText: '已确定' }).waitFor();
    const [row] = await svc.database.db.select().from(cases).where(eq(cases.id, id));
    expect(row!.approvedCost).toBe(150_050);
    // and 分 shown as 元 again
    await drawer.getByText('1,500.5 元').first().waitFor();
    expect(problems).toEqual([]);
  }, 60_000);

  it('lists in words why a bulk move left a case alone: #12 已办结，不能再受理', async () => {
    const a = await report('路灯不亮，表单乙');
    const b = await report('路灯不亮，表单丙');
    await page.goto(`${svc.url}/console/cases?kind=report`);
    const table = page.locator('[data-testid=case-table]');
    for (const id of [a, b]) await table.locator('.ant-table-row', { hasText: `#${id}` }).locator('.ant-checkbox-input').check();
    await page.click('[data-testid=bulk]');
    const modal = page.locator('.ant-modal');
    await modal.locator('[data-testid=bulk-target]').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '已受理' }).click();
    await modal.locator('input#data_assignee').fill('南头街道城管科');
    // meanwhile the second is 办结 by someone else
    await svc.database.db.update(cases).set({ status: 'resolved', resolvedAt: new Date() }).where(inArray(cases.id, [b]));
    await modal.locator('.ant-btn-primary').click();
    await modal.getByText('成功 1 件，未能办理 1 件').waitFor();
    expect(await modal.locator('[data-testid=bulk-refused] .ant-list-item').allTextContents()).toEqual([`#${b} 已办结，不能再受理`]);
    await modal.locator('.ant-btn-primary').click();
    await modal.waitFor({ state: 'hidden' });
    expect(problems).toEqual([]);
  }, 60_000);

  it('filters the audit log by words and shows its rows in words', async () => {
    await page.goto(`${svc.url}/console/audit`);
    const table = page.locator('[data-testid=audit-table]');
    await table.locator('.ant-table-row').first().waitFor();
    await page.locator('[data-testid=audit-action]').click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.first().waitFor();
    expect((await options.allTextContents()).filter((o) => /[A-Za-z]/.test(o))).toEqual([]);
    await page.keyboard.type('变更');
    await options.filter({ hasText: '变更状态' }).click();
    await until(async () => {
      const actions = await table.locator('.ant-table-row td:nth-child(4)').allTextContents();
      return actions.length > 0 && actions.every((t) => t === '变更状态') ? actions : undefined;
    }, 'only 变更状态 rows');
    const text = (await table.textContent()) ?? '';
    expect(text).not.toMatch(/case[.:]/);
    expect(text).toMatch(/事项 #\d+/);
    expect(problems).toEqual([]);
  }, 60_000);
});
