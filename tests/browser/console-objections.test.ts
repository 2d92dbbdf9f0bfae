import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseObjection } from '../../src/civic/objections.js';
import { submitProposal } from '../../src/civic/kinds/proposal.js';
import { cases, proposalObjections } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { startConsoleInBrowser, type ConsoleInBrowser } from './kit.js';

/**
 * 公示异议 in the console (issue 14, item 4): the case drawer's 公示异议 tab lists the objections
 * residents raised in the bot; 不采纳 needs a reason (the button stays disabled without one) and the
 * answer shows under the objection; 采纳 sends the project back to review and closes the others.
 */
const PASSWORD = 'objection-test-password';
const DAY = 86_400_000;

describe('公示异议 in the console', () => {
  let svc: Service;
  let session: ConsoleInBrowser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    session = await startConsoleInBrowser({ username: 'worker', displayName: '南头城社区办理员', password: PASSWORD, role: 'community', communityId: 'nantoucheng' }, problems, { width: 1366, height: 860 });
    ({ svc, page } = session);
  }, 120_000);
  afterAll(() => session?.close());

  it('answers one objection 不采纳 with a reason and 采纳 another: the project goes back to review and the third closes with it', async () => {
    const now = Date.now();
    const { caseId: id } = await submitProposal(
      svc.database.db,
      { openid: 'oObjProposer', sourceKey: `objection-${now}`, title: '小区门口加装雨棚', description: '公交站没有雨棚', projectType: '工程类', beneficiaries: '等车的居民', communityId: 'nantoucheng' },
      { now: new Date(now - 20 * DAY) },
    );
    await svc.database.db
      .update(cases)
      .set({ status: 'publicised', approvedCost: 30_000_00, publicityStart: new Date(now - DAY), publicityEnd: new Date(now + 6 * DAY) })
      .where(eq(cases.id, id));
    const raise = (openid: string, reason: string) => raiseObjection(svc.database.db, { caseId: id, openid, reason }, { now: new Date() });
    const first = await raise('oObjA', '雨棚会挡住一楼住户的窗户');
    const second = await raise('oObjB', '这个位置会挡住消防通道');
    const third = await raise('oObjC', '<b>施工太吵</b>');

    await page.goto(`${svc.url}/console/`);
    await page.fill('#username', 'worker');
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=user-menu]').waitFor();
    await page.goto(`${svc.url}/console/cases/${id}`);
    const drawer = page.locator('.ant-drawer');
    await drawer.getByRole('tab', { name: '公示异议' }).click();
    await drawer.locator(`[data-testid=objection-${first.objectionId}]`, { hasText: '待答复' }).waitFor();
    // residents' words are text, never markup (kept neutralised: ＜b＞)
    const thirdItem = drawer.locator(`[data-testid=objection-${third.objectionId}]`);
    expect(await thirdItem.textContent()).toContain('＜b＞施工太吵＜/b＞');
    expect(await thirdItem.locator('b').count()).toBe(0);

    // 不采纳: refused without a reason, in the form
    await drawer.locator(`[data-testid=objection-reject-${first.objectionId}]`).click();
    const modal = page.locator('.ant-modal:visible');
    expect(await modal.locator('.ant-btn-primary').isDisabled()).toBe(true);
    await modal.locator('[data-testid=objection-answer]').fill('雨棚设在站台外侧，离窗户八米，不影响采光');
    await modal.locator('.ant-btn-primary').click();
    await drawer.locator(`[data-testid=objection-${first.objectionId}]`, { hasText: '答复：雨棚设在站台外侧' }).waitFor();
    await drawer.locator(`[data-testid=objection-${first.objectionId}]`, { hasText: '未采纳' }).waitFor();

    // 采纳: back to review; the objection still open closes with it
    await drawer.locator(`[data-testid=objection-accept-${second.objectionId}]`).click();
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await drawer.locator(`[data-testid=objection-${second.objectionId}]`, { hasText: '已采纳' }).waitFor();
    await drawer.locator(`[data-testid=objection-${third.objectionId}]`, { hasText: '随项目退回重审' }).waitFor();
    expect(await drawer.locator('[data-testid^=objection-accept-]').count()).toBe(0);
    await page.screenshot({ path: '/tmp/console-objections.png' });

    const [row] = await svc.database.db.select({ status: cases.status, end: cases.publicityEnd }).from(cases).where(eq(cases.id, id));
    expect(row).toEqual({ status: 'reviewing', end: null });
    const statuses = await svc.database.db.select({ id: proposalObjections.id, status: proposalObjections.status }).from(proposalObjections).where(eq(proposalObjections.caseId, id));
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
      [first.objectionId]: 'rejected',
      [second.objectionId]: 'accepted',
      [third.objectionId]: 'superseded',
    });
    expect(problems).toEqual([]);
  });
});
