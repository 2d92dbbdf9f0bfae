import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitProposal } from '../../src/civic/kinds/proposal.js';
import { transition } from '../../src/civic/lifecycle/transition.js';
import { batches, caseEvents, cases } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { startConsoleInBrowser, type ConsoleInBrowser, until } from './kit.js';

/**
 * 预算与批次 in the console (issue 14, item 3): a 南头 street manager sets 南头城's envelope in 元 and
 * sees what approving spent and what is left; on a proposal's 确定 form sees the remainder, is refused
 * beyond it in words, and approves beyond it with a reason; makes 第一批, puts approved proposals in
 * and publishes it, which the public page then lists.
 */
const PASSWORD = 'budgets-test-password';

describe('预算与批次 screen', () => {
  let svc: Service;
  let session: ConsoleInBrowser;
  let page: Page;
  const problems: string[] = [];
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

  beforeAll(async () => {
    session = await startConsoleInBrowser({ username: 'manager', displayName: '南头街道民生办', password: PASSWORD, role: 'street', streetId: 'nantou' }, problems);
    ({ svc, page } = session);
  }, 120_000);
  afterAll(() => session?.close());

  const file = async (title: string) =>
    (
      await submitProposal(
        svc.database.db,
        { openid: `o-${title}`, sourceKey: `budgets-${title}-${Date.now()}`, title, description: `${title}，居民希望尽快办`, projectType: '工程类', beneficiaries: '社区居民', communityId: 'nantoucheng', estimatedCost: 50_000_00, photos: [] },
        { now: new Date() },
      )
    ).caseId;
  const staff = { type: 'staff', id: 'seed' } as const;
  const toReview = (id: number) => transition(svc.database.db, { caseId: id, to: 'reviewing', actor: staff }, { now: new Date() });
  const row = (who: string) => page.locator(`[data-testid=envelope-row-${who}]`);

  it('sets the envelope, approves within and beyond it with a reason, and publishes a batch', async () => {
    const lights = await file('村巷加装照明灯');
    const canopy = await file('公交站加装雨棚');
    for (const id of [lights, canopy]) await toReview(id);
    await transition(svc.database.db, { caseId: lights, to: 'approved', actor: staff, data: { approvedCost: 30_000_00 } }, { now: new Date() });

    await page.goto(`${svc.url}/console/`);
    await page.fill('#username', 'manager');
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=user-menu]').waitFor();
    await page.locator('.ant-menu-item', { hasText: '预算与批次' }).click();

    // none set: not limited, said so
    await row('nantoucheng').waitFor();
    expect(await row('nantoucheng').textContent()).toContain('未设定（不限制）');
    await page.locator('[data-testid=envelope-amount-nantoucheng]').locator('xpath=descendant-or-self::input').first().fill('100000');
    await page.locator('[data-testid=envelope-save-nantoucheng]').click();
    await until(async () => ((await row('nantoucheng').textContent())?.includes('7 万元') ? true : undefined), 'the remainder of 南头城');
    const cells = await row('nantoucheng').locator('td').allTextContents();
    expect(cells.slice(0, 4)).toEqual(['南头城社区', '10 万元', '3 万元', '7 万元']);

    // the 确定 form shows what is left; beyond it is refused in words, then approved with a reason
    await page.goto(`${svc.url}/console/cases/${canopy}`);
    await page.locator('[data-testid=case-status]', { hasText: '审核中' }).waitFor();
    await page.locator('[data-testid=transition-picker] label', { has: page.locator('input[value="approved"]') }).click();
    const form = page.locator('[data-testid=transition-form-approved]');
    expect(await form.locator('[data-testid=envelope-note]').textContent()).toContain(`${year} 年度预算余额 7 万元（年度预算 10 万元，已确定 3 万元）`);
    await form.locator('input#data_approvedCost').fill('80000');
    await form.locator('[data-testid=transition-submit]').click();
    await page.locator('.ant-message', { hasText: '经费8万元超出' }).waitFor();
    expect((await svc.database.db.select().from(cases).where(eq(cases.id, canopy)))[0]!.status).toBe('reviewing');
    await form.locator('input#data_overrideReason').fill('雨季前必须完工，街道统筹追加');
    await form.locator('[data-testid=transition-submit]').click();
    await page.locator('[data-testid=case-status]', { hasText: '已确定' }).waitFor();
    const events = await svc.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, canopy));
    expect(events.at(-1)!.data).toMatchObject({ approvedCost: 80_000_00, overrideReason: '雨季前必须完工，街道统筹追加' });

    // 第一批: both approved proposals in, published
    await page.goto(`${svc.url}/console/budgets`);
    await until(async () => ((await row('nantoucheng').textContent())?.includes('-1 万元') ? true : undefined), 'the envelope overdrawn by the override');
    await page.locator('[data-testid=batch-create]').click();
    const view = page.locator('[data-testid=batch-view]');
    await view.getByText(`南头街道 · ${year}年第一批`).waitFor();
    const candidates = page.locator('[data-testid=batch-candidates]');
    await candidates.getByText('公交站加装雨棚').waitFor();
    await candidates.locator('thead .ant-checkbox-input').check();
    await page.locator('[data-testid=batch-add]').click();
    await until(async () => ((await page.locator('[data-testid=batch-summary]').textContent())?.includes('2 项') ? true : undefined), 'two projects in the batch');
    expect(await page.locator('[data-testid=batch-summary]').textContent()).toBe('2 项，确定经费 11 万元');
    await page.locator('[data-testid=batch-publish]').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.locator('[data-testid=batch-published]').waitFor();
    await page.screenshot({ path: '/tmp/console-budgets.png' });
    const [b] = await svc.database.db.select().from(batches);
    expect(b).toMatchObject({ number: 1, title: `${year}年第一批` });
    expect(b!.publishedAt).not.toBeNull();
    // published with its 公示 (on by default, seven days from today): both proposals entered it
    const inBatch = await svc.database.db.select().from(cases).where(eq(cases.batchId, b!.id));
    expect(inBatch.map((c) => c.status)).toEqual(['publicised', 'publicised']);
    expect(await page.locator('.ant-message').textContent()).toContain('2 个项目进入公示');

    // the public page lists it
    const pub = await (await fetch(`${svc.url}/batches`)).text();
    expect(pub).toContain(`南头街道 · ${year}年第一批`);
    expect(pub).toContain('公交站加装雨棚');
    expect(problems).toEqual([]);
  }, 120_000);
});
