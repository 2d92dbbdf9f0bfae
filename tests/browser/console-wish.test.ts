import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerClaim } from '../../src/civic/claim-offers.js';
import { submitWish } from '../../src/civic/kinds/wish.js';
import { transition } from '../../src/civic/lifecycle/transition.js';
import { createStaffUser } from '../../src/console/staff.js';
import { caseFunding, caseMedia, cases, claims } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { samplePhoto } from '../../src/simulator/sample-image.js';
import { createPostgresDatabaseUrl } from '../helpers/db.js';
import { startTestService } from '../helpers/service.js';
import { ensureConsoleBuilt, launchChromium, watchPage } from './kit.js';

/**
 * 微心愿 in the console, in a real browser against the whole service on PostgreSQL: community staff
 * open a published wish, confirm the claim a company offered on the claim page (its contact shown
 * to staff), record the gift in kind as 资金来源, upload a photo of the delivery and mark the wish
 * fulfilled; the dashboard then shows the wish card, the money by source and the claimer. Every
 * step waits for an answer or an element, never for a fixed time.
 */
const PASSWORD = 'wish-console-password';

describe('微心愿 in the console', () => {
  let svc: Service;
  let drop: () => Promise<void>;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  let wishId = 0;

  beforeAll(async () => {
    ensureConsoleBuilt();
    const pg = await createPostgresDatabaseUrl();
    drop = pg.drop;
    svc = await startTestService({ DATABASE_URL: pg.url });
    const { db } = svc.database;
    await createStaffUser(db, { username: 'wishes', displayName: '南头城社工', password: PASSWORD, role: 'community', communityId: 'nantoucheng' }, { memoryCost: 1024, timeCost: 1 });
    const now = new Date();
    ({ caseId: wishId } = await submitWish(
      db,
      { openid: 'oWisher1', sourceKey: `wish-${Date.now()}`, title: '一台助听器', description: '独居老人听不见敲门声', beneficiaries: '独居老人', estimatedCost: 1_500_00, communityId: 'nantoucheng', photos: [] },
      { now },
    ));
    await transition(db, { caseId: wishId, to: 'published', actor: { type: 'staff', id: 'seed' } }, { now });
    await offerClaim(db, { caseId: wishId, claimerName: '某某电器公司', claimerType: 'company', contactName: '李经理', contactPhone: '13800000001' }, { now });

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    watchPage(page, problems);
    await page.goto(`${svc.url}/console/`);
    await page.fill('#username', 'wishes');
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=user-menu]').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
    await drop?.();
  });

  it('confirms the offered claim, records the gift, uploads a photo and marks the wish fulfilled', async () => {
    const { db } = svc.database;
    await page.goto(`${svc.url}/console/cases/${wishId}?kind=wish`);
    const drawer = page.locator('.ant-drawer');
    await drawer.locator('[data-testid=case-status]', { hasText: '已发布' }).waitFor();
    await drawer.locator('[data-testid=case-value]', { hasText: '预估 1,500 元' }).waitFor();
    // a wish has no category: the filter says so
    expect(await page.locator('[data-testid=filter-category]').getAttribute('class')).toContain('disabled');

    // 认领: the company's offer with its contact, confirmed with one click
    await drawer.locator('.ant-tabs-tab', { hasText: '认领' }).click();
    const claimsTab = drawer.locator('[data-testid=case-claims]');
    await claimsTab.getByText('李经理 13800000001').waitFor();
    const confirmed = page.waitForResponse((r) => r.url().endsWith(`/cases/${wishId}/transition`) && r.request().method() === 'POST');
    await claimsTab.locator('[data-testid=claim-confirm]').click();
    expect((await confirmed).status()).toBe(200);
    await drawer.locator('[data-testid=case-status]', { hasText: '已认领' }).waitFor();
    await drawer.locator('[data-testid=case-claimer]', { hasText: '某某电器公司' }).waitFor();
    expect((await db.select().from(claims).where(eq(claims.caseId, wishId))).map((c) => c.status)).toEqual(['confirmed']);

    // 资金来源: the hearing aid itself, a gift in kind from the claimer
    await drawer.locator('.ant-tabs-tab', { hasText: '资金来源' }).click();
    const funding = drawer.locator('[data-testid=case-funding]');
    await funding.locator('.ant-select').first().click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '实物捐赠' }).click();
    await funding.getByPlaceholder('出资方（企业、基金会、捐赠人）').fill('某某电器公司');
    await funding.getByPlaceholder('金额（元）').fill('1280');
    const added = page.waitForResponse((r) => r.url().endsWith(`/cases/${wishId}/funding`) && r.request().method() === 'POST');
    await funding.locator('[data-testid=funding-add]').click();
    expect((await added).status()).toBe(201);
    await funding.locator('[data-testid=funding-total]', { hasText: '1,280 元' }).waitFor();
    expect((await db.select().from(caseFunding).where(eq(caseFunding.caseId, wishId))).map((f) => [f.source, f.funder, f.amount])).toEqual([
      ['in_kind', '某某电器公司', 1_280_00],
    ]);

    // 照片: the delivery, public at once
    await drawer.locator('.ant-tabs-tab', { hasText: '照片' }).click();
    const uploaded = page.waitForResponse((r) => r.url().endsWith(`/cases/${wishId}/photos`) && r.request().method() === 'POST');
    await drawer.locator('[data-testid=photo-upload] input[type=file]').setInputFiles({ name: '送达.png', mimeType: 'image/png', buffer: samplePhoto(3, 160, 120) });
    expect((await uploaded).status()).toBe(201);
    await drawer.locator('[data-testid^=photo-] [data-testid=photo-state]', { hasText: '公开中' }).waitFor();
    const [photo] = await db.select().from(caseMedia).where(eq(caseMedia.caseId, wishId));
    expect(photo).toMatchObject({ source: 'staff', publicState: 'shown', contentType: 'image/png' });

    // 办理: fulfilled, with what was given
    await drawer.locator('.ant-tabs-tab', { hasText: '办理' }).click();
    await drawer.locator('[data-testid=transition-picker] label', { hasText: '心愿已实现' }).click();
    const form = drawer.locator('[data-testid=transition-form-fulfilled]');
    await form.locator('input#data_actualCost').fill('1280');
    const fulfilled = page.waitForResponse((r) => r.url().endsWith(`/cases/${wishId}/transition`) && r.request().method() === 'POST');
    await form.locator('[data-testid=transition-submit]').click();
    expect((await fulfilled).status()).toBe(200);
    await drawer.locator('[data-testid=case-status]', { hasText: '已实现' }).waitFor();
    await drawer.locator('[data-testid=case-value]', { hasText: '实际 1,280 元' }).waitFor();
    expect((await db.select().from(cases).where(eq(cases.id, wishId)))[0]).toMatchObject({ status: 'fulfilled', actualCost: 1_280_00 });
    await page.screenshot({ path: '/tmp/console-wish.png' });
    expect(problems).toEqual([]);
  }, 90_000);

  it('shows the wishes, the money by source and the claimer on the dashboard', async () => {
    await page.goto(`${svc.url}/console/dashboard`);
    const wishes = page.locator('[data-testid=stat-wishes]');
    await wishes.locator('[data-testid=wishes-fulfilled-value]', { hasText: '价值 1,280 元' }).waitFor();
    expect(await wishes.locator('.ant-statistic-content-value').allTextContents()).toEqual(['1', '1', '1']);
    await page.locator('[data-testid=stat-funding]', { hasText: '1,280 元' }).waitFor();
    const claimer = page.locator('[data-testid=claimers-table] .ant-table-row', { hasText: '某某电器公司' });
    await claimer.waitFor();
    expect(await claimer.locator('td').allTextContents()).toEqual(['某某电器公司', '企业', '1', '1', '1,280 元']);
    // the claimer's contact is for the case page's staff, never the dashboard
    expect(await page.locator('[data-testid=dashboard]').textContent()).not.toMatch(/李经理|13800000001/);
    await page.screenshot({ path: '/tmp/console-wish-dashboard.png', fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);
});
