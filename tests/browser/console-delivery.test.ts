import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMilestone, transition } from '../../src/civic/index.js';
import { submitProposal } from '../../src/civic/kinds/proposal.js';
import { acceptances, auditLog, cases, deliveries, thirdPartyEvaluations } from '../../src/db/schema.js';
import { samplePhoto } from '../../src/simulator/sample-image.js';
import type { Service } from '../../src/service.js';
import { startConsoleInBrowser, type ConsoleInBrowser, until } from './kit.js';

/**
 * 实施与验收 in the console (issue 14, items 5 and 6): a community worker opens a project being
 * implemented, records who delivers it and when, adds a photo to its milestone, records a failed
 * then a passed acceptance with its record; once the project is 完成 with the money paid, the three
 * figures show and a third-party evaluation is recorded. The public page shows what was recorded.
 */
const PASSWORD = 'delivery-test-password';

describe('实施与验收 tab', () => {
  let svc: Service;
  let session: ConsoleInBrowser;
  let page: Page;
  const problems: string[] = [];
  const staff = { type: 'staff' as const, id: 'setup' };

  beforeAll(async () => {
    session = await startConsoleInBrowser({ username: 'worker', displayName: '南头城社区工作站', password: PASSWORD, role: 'community', communityId: 'nantoucheng' }, problems);
    ({ svc, page } = session);
  }, 120_000);
  afterAll(() => session?.close());

  /** a project of 南头城 moved to 实施 the way staff would, with one milestone */
  const implementing = async () => {
    const { db } = svc.database;
    const now = new Date();
    const { caseId } = await submitProposal(
      db,
      { openid: 'o-proposer', sourceKey: `delivery-${Date.now()}`, title: '村巷加装照明灯', description: '村道小巷夜里漆黑', projectType: '工程类', beneficiaries: '全村居民', communityId: 'nantoucheng', estimatedCost: 50_000_00, photos: [] },
      { now },
    );
    const move = (to: string, data: Record<string, unknown> = {}) => transition(db, { caseId, to, actor: staff, data }, { now: new Date() });
    await move('reviewing');
    await move('approved', { approvedCost: 45_000_00 });
    await move('publicised', { publicityStart: new Date(now.getTime() - 8 * 86_400_000), publicityEnd: new Date(now.getTime() - 86_400_000) });
    await move('implementing');
    await addMilestone(db, { caseId, date: now, note: '灯杆基础浇筑完成', percent: 40, actor: staff }, { now });
    return caseId;
  };
  const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const tab = () => page.locator('[data-testid=case-delivery]');
  /** picks an option of an antd select */
  const pick = async (testid: string, option: string) => {
    await until(async () => (await page.locator('.ant-select-dropdown:visible').count()) === 0, 'the previous list to close');
    await page.locator(`[data-testid=${testid}]`).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).click();
  };

  it('records the delivery, a milestone photo, acceptances and an evaluation', async () => {
    const id = await implementing();
    const { db } = svc.database;
    await page.goto(`${svc.url}/console/`);
    await page.fill('#username', 'worker');
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=user-menu]').waitFor();
    await page.goto(`${svc.url}/console/cases/${id}`);
    await page.locator('.ant-tabs-tab', { hasText: '实施与验收' }).click();
    await tab().waitFor();
    expect(await page.locator('[data-testid=delivery-paid]').textContent()).toBe('未结算');

    // 实施信息
    await page.locator('[data-testid=delivery-name]').fill('深圳市某某照明工程有限公司');
    await page.locator('[data-testid=delivery-contract]').fill('44000');
    await page.locator('[data-testid=delivery-plannedStart]').fill(today());
    await page.locator('[data-testid=delivery-plannedEnd]').fill('2099-12-31');
    await page.locator('[data-testid=delivery-save]').click();
    await until(async () => (await db.select().from(deliveries).where(eq(deliveries.caseId, id)))[0], 'the delivery to be saved');
    expect((await db.select().from(deliveries).where(eq(deliveries.caseId, id)))[0]).toMatchObject({
      implementerKind: 'provider',
      implementerName: '深圳市某某照明工程有限公司',
      contractAmount: 44_000_00,
      plannedStart: today(),
      plannedEnd: '2099-12-31',
      actualStart: null,
    });

    // a photo of the milestone
    await page.locator('[data-testid=milestone-photo-file]').setInputFiles({ name: 'ms.png', mimeType: 'image/png', buffer: samplePhoto(7, 64, 48) });
    await tab().locator('[data-testid=milestone-photos] img').first().waitFor();

    // 验收: failed, then passed with its record
    await page.locator('[data-testid=acceptance-date]').fill(today());
    await page.locator('[data-testid=acceptance-by]').fill('街道城建办');
    await pick('acceptance-result', '验收不合格');
    await page.locator('[data-testid=acceptance-notes]').fill('有3盏灯不亮');
    await page.locator('[data-testid=acceptance-add]').click();
    await tab().locator('[data-testid=acceptance]', { hasText: '验收不合格' }).waitFor();
    await page.locator('[data-testid=acceptance-date]').fill(today());
    await page.locator('[data-testid=acceptance-by]').fill('街道城建办');
    await pick('acceptance-result', '验收合格');
    await page.locator('[data-testid=acceptance-add]').click();
    await tab().locator('[data-testid=acceptance]', { hasText: '验收合格' }).waitFor();
    await tab().locator('[data-testid=acceptance]', { hasText: '验收合格' }).locator('[data-testid=acceptance-file]').setInputFiles({
      name: '验收记录.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% acceptance\n%%EOF\n'),
    });
    await tab().locator('[data-testid=acceptance-document]').waitFor();
    expect((await db.select().from(acceptances).where(eq(acceptances.caseId, id))).map((a) => [a.result, !!a.documentPath])).toEqual([
      ['failed', false],
      ['passed', true],
    ]);

    // 完成 with the money paid (the lifecycle's move), then 第三方评估
    await transition(db, { caseId: id, to: 'completed', actor: staff, publicNote: '已完工', data: { actualCost: 43_000_00 } }, { now: new Date() });
    await page.reload();
    await page.locator('.ant-tabs-tab', { hasText: '实施与验收' }).click();
    await until(async () => ((await page.locator('[data-testid=delivery-paid]').textContent()) ?? '').includes('4.3'), 'the money paid');
    await page.locator('[data-testid=evaluation-evaluator]').fill('某某社会工作评估中心');
    await page.locator('[data-testid=evaluation-date]').fill(today());
    await page.locator('[data-testid=evaluation-score]').fill('92');
    await page.locator('[data-testid=evaluation-summary]').fill('按期完成，居民满意度高');
    await page.locator('[data-testid=evaluation-add]').click();
    await tab().locator('[data-testid=evaluation]', { hasText: '92 分' }).waitFor();
    expect((await db.select().from(thirdPartyEvaluations).where(eq(thirdPartyEvaluations.caseId, id))).map((e) => e.score)).toEqual([92]);
    expect((await db.select().from(cases).where(eq(cases.id, id)))[0]!.status).toBe('completed');
    const actions = (await db.select().from(auditLog).where(eq(auditLog.target, `case:${id}`))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['case.delivery', 'case.milestone_photo', 'case.acceptance', 'case.acceptance_document', 'case.evaluation']));
    await page.screenshot({ path: '/tmp/console-delivery.png', fullPage: true });

    // the public page shows it
    const pub = await (await fetch(`${svc.url}/c/${id}`)).text();
    expect(pub).toContain('深圳市某某照明工程有限公司（签约服务商）');
    expect(pub).toContain('验收合格');
    expect(pub).toContain('某某社会工作评估中心');
    expect(pub).toMatch(/data-milestone-photos="1"/);
    expect(problems).toEqual([]);
  }, 120_000);
});
