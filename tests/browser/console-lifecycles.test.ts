import { inArray } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitProposal } from '../../src/civic/kinds/proposal.js';
import { submitReport } from '../../src/civic/kinds/report.js';
import { createStaffUser } from '../../src/console/staff.js';
import { cases } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { startTestService } from '../helpers/service.js';
import { ensureConsoleBuilt, launchChromium, until, watchPage } from './kit.js';

/**
 * The console builds its status filter and bulk dialog from GET /lifecycles (no copy in the SPA):
 * the filter lists the server's labels, the bulk dialog offers the moves the chosen cases can make
 * with the fields the server asks for, and a refused case shows the server's JSON error message.
 */
const PASSWORD = 'lifecycle-test-password';

describe('the console’s lifecycles', () => {
  let svc: Service;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  let seq = 0;
  const report = async (description: string) =>
    (
      await submitReport(
        svc.database.db,
        { openid: `oLifecycle${++seq}`, sourceKey: `lifecycle-${seq}-${Date.now()}`, category: 'streetlight', description, communityId: 'nantoucheng', phone: '13812345678' },
        { now: new Date() },
      )
    ).caseId;

  beforeAll(async () => {
    ensureConsoleBuilt();
    svc = await startTestService();
    await createStaffUser(svc.database.db, { username: 'mover', displayName: '办理员', password: PASSWORD, role: 'admin' }, { memoryCost: 1024, timeCost: 1 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    watchPage(page, problems);
    await page.goto(`${svc.url}/console/`);
    await page.fill('#username', 'mover');
    await page.fill('#password', PASSWORD);
    const loaded = page.waitForResponse((res) => res.url().endsWith('/api/console/lifecycles'));
    await page.click('button[type=submit]');
    expect((await loaded).status()).toBe(200);
    await page.locator('[data-testid=user-menu]').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  it('bulk-accepts reports with the fields the server asks for, and lists the one that could not move', async () => {
    const a = await report('路灯不亮，甲');
    const b = await report('路灯不亮，乙');
    const c = await report('路灯不亮，丙');

    await page.goto(`${svc.url}/console/cases?kind=report`);
    const table = page.locator('[data-testid=case-table]');
    // the status filter lists the server's labels
    await page.locator('[data-testid=filter-status]').click();
    await page.locator('.ant-select-item-option', { hasText: '已受理' }).first().waitFor();
    await page.keyboard.press('Escape');
    // the filter's dropdown closes with an animation: gone before another dropdown's options are read
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });

    const pick = async (id: number) => table.locator('.ant-table-row', { hasText: `#${id}` }).locator('.ant-checkbox-input').check();
    for (const id of [a, b, c]) await pick(id);
    await page.click('[data-testid=bulk]');
    const modal = page.locator('.ant-modal');
    await modal.locator('[data-testid=bulk-target]').click();
    // submitted reports may be accepted, rejected or merged, and nothing else
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    // read once the list stands (a dropdown still opening or closing shows none or another's)
    let offered: string[] = [];
    await until(async () => ((offered = await options.allTextContents()).length === 3 ? true : undefined), 'the three moves offered').catch(() => undefined);
    expect(offered).toEqual(['已受理', '不予受理', '已合并']);
    await options.filter({ hasText: '已受理' }).click();
    await modal.getByText('需要：承办人和办理时限').waitFor();
    await modal.locator('input#data_assignee').fill('南头街道城管科');
    // meanwhile someone closes the third one: the server refuses it and says why
    await svc.database.db.update(cases).set({ status: 'closed' }).where(inArray(cases.id, [c]));
    await modal.locator('.ant-btn-primary').click();
    await modal.getByText('成功 2 件，未能办理 1 件').waitFor();
    await modal.getByText(`#${c} 已结案，不能再受理`).waitFor();
    await page.screenshot({ path: '/tmp/console-bulk.png' });
    const rows = await svc.database.db.select().from(cases).where(inArray(cases.id, [a, b]));
    expect(rows.map((r) => [r.status, r.assignee])).toEqual([
      ['accepted', '南头街道城管科'],
      ['accepted', '南头街道城管科'],
    ]);
    await modal.locator('.ant-btn-primary').click();
    await modal.waitFor({ state: 'hidden' });

    // a closed report has no move left
    await pick(c);
    await page.click('[data-testid=bulk]');
    await modal.getByText('所选事项在当前状态下没有可办理的下一步').waitFor();
    await modal.locator('.ant-modal-close').click();
    expect(problems).toEqual([]);
  }, 90_000);

  it('shows the server’s JSON error message when a move is refused', async () => {
    const id = await report('路灯不亮，丁');
    await page.goto(`${svc.url}/console/cases/${id}`);
    const drawer = page.locator('.ant-drawer');
    await drawer.locator('[data-testid=case-status]', { hasText: '已提交' }).waitFor();
    // the picker shows what staff do, not where the case lands
    await drawer.locator('[data-testid=transition-picker]', { hasText: '受理' }).waitFor();
    expect(await drawer.locator('[data-testid=transition-picker] label').allTextContents()).toEqual(['受理', '不予受理', '合并']);
    const form = drawer.locator('[data-testid=transition-form-accepted]');
    await form.locator('input#data_assignee').fill('南头街道城管科');
    // accepted elsewhere since the drawer opened: 409, and its words reach the page
    await svc.database.db.update(cases).set({ status: 'accepted' }).where(inArray(cases.id, [id]));
    await form.locator('[data-testid=transition-submit]').click();
    await page.locator('.ant-message', { hasText: '案件状态已变化，请刷新后重试' }).waitFor();
    expect(problems).toEqual([]);
  }, 60_000);

  it('offers the side actions the server allows in the case’s status: 转办 once accepted, 实施进度 while implementing', async () => {
    const headers = async (status: string) => {
      const drawer = page.locator('.ant-drawer');
      await drawer.locator('[data-testid=case-status]', { hasText: status }).waitFor();
      return drawer.locator('.case-actions .ant-collapse-header').allTextContents();
    };
    const id = await report('路灯不亮，戊');
    await page.goto(`${svc.url}/console/cases/${id}`);
    // 改派社区 while a case is open: it goes to the community where the problem is
    expect(await headers('已提交')).toEqual(['指派承办人 / 调整时限', '改派社区', '添加备注']);
    await svc.database.db.update(cases).set({ status: 'accepted' }).where(inArray(cases.id, [id]));
    await page.reload();
    expect(await headers('已受理')).toEqual(['指派承办人 / 调整时限', '转办', '改派社区', '添加备注']);

    const { caseId: p } = await submitProposal(
      svc.database.db,
      { openid: 'oLifecycleP', sourceKey: `lifecycle-p-${Date.now()}`, title: '小巷路灯', description: '小巷需要装路灯', projectType: '工程类', beneficiaries: '巷内老人', communityId: 'nantoucheng' },
      { now: new Date() },
    );
    await page.goto(`${svc.url}/console/cases/${p}`);
    expect(await headers('已征集')).toEqual(['改派社区', '添加备注']);
    await svc.database.db.update(cases).set({ status: 'implementing' }).where(inArray(cases.id, [p]));
    await page.reload();
    expect(await headers('实施中')).toEqual(['改派社区', '添加实施进度', '添加备注']);
    expect(problems).toEqual([]);
  }, 60_000);
});
