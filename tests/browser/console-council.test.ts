import { eq, inArray } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitProposal } from '../../src/civic/kinds/proposal.js';
import { supportProposal } from '../../src/civic/support.js';
import { cases, councilMeetings, outbox } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { startConsoleInBrowser, type ConsoleInBrowser, until } from './kit.js';

/**
 * 议事会 in the console (issue 14, item 2): a community worker records a meeting — community, day,
 * attendees by group, the minutes — deciding three proposals at once (确定 with a budget in 元, 备选,
 * 不予采纳 with a reason). A missing reason refuses the whole decision with the reason on its row;
 * once given, all three move, the meeting page lists them and the minutes download.
 */
const PASSWORD = 'council-test-password';

describe('议事会 decision screen', () => {
  let svc: Service;
  let session: ConsoleInBrowser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    session = await startConsoleInBrowser({ username: 'worker', displayName: '南头城社区工作站', password: PASSWORD, role: 'community', communityId: 'nantoucheng' }, problems);
    ({ svc, page } = session);
  }, 120_000);
  afterAll(() => session?.close());

  const file = async (title: string, estimatedCost: number) =>
    (
      await submitProposal(
        svc.database.db,
        { openid: `o-${title}`, sourceKey: `council-${title}-${Date.now()}`, title, description: `${title}，居民希望尽快办`, projectType: '工程类', beneficiaries: '社区居民', communityId: 'nantoucheng', estimatedCost, photos: [] },
        { now: new Date() },
      )
    ).caseId;
  /** the input of an antd field, whether the test id sits on it or on its wrapper */
  const input = (testid: string) => page.locator(`[data-testid=${testid}]`).locator('xpath=descendant-or-self::input').first();
  /** picks an option of an antd select, once the previous select's list has closed (its closing list would take the click) */
  const pick = async (testid: string, option: string) => {
    await until(async () => (await page.locator('.ant-select-dropdown:visible').count()) === 0, 'the previous list to close');
    await page.locator(`[data-testid=${testid}]`).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).click();
  };

  it('records a meeting deciding three proposals, one of each outcome, and sees the statuses change', async () => {
    const lights = await file('村巷加装照明灯', 50_000_00);
    const classes = await file('四点半课堂', 3_000_00);
    const court = await file('改造篮球场', 200_000_00);
    for (const who of ['o-support-1', 'o-support-2', 'o-support-3']) await supportProposal(svc.database.db, lights, who, new Date());

    await page.goto(`${svc.url}/console/`);
    await page.fill('#username', 'worker');
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=user-menu]').waitFor();
    await page.locator('.ant-menu-item', { hasText: '议事会' }).click();
    await page.locator('[data-testid=council-new]').click();

    await pick('council-community', '南头城社区');
    await page.locator('[data-testid=council-title]').fill('2026年第四季度居民议事会');
    for (const [g, n] of [['party', '3'], ['committee', '5'], ['residents', '12'], ['experts', '2']] as const) await input(`council-attendees-${g}`).fill(n);
    await page.locator('[data-testid=council-minutes-file]').setInputFiles({ name: '纪要.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% minutes\n%%EOF\n') });

    // the support the meeting weighs is beside each proposal
    const row = (id: number) => page.locator(`[data-testid=council-row-${id}]`);
    await row(lights).waitFor();
    expect(await row(lights).textContent()).toContain('村巷加装照明灯');
    expect(await row(lights).locator('td').nth(2).textContent()).toBe('3');
    expect(await row(lights).textContent()).toContain('5 万元');

    await pick(`council-outcome-${lights}`, '确定');
    await input(`council-cost-${lights}`).fill('45000');
    await input(`council-votes-for-${lights}`).fill('20');
    await pick(`council-outcome-${classes}`, '备选');
    await pick(`council-outcome-${court}`, '不予采纳');

    // no reason for 不予采纳: the whole decision is refused, the reason on its row
    await page.locator('[data-testid=council-submit]').click();
    await page.locator('[data-testid=council-refused]').waitFor();
    expect(await page.locator(`[data-testid=council-error-${court}]`).textContent()).toContain('不予采纳');
    const statuses = async () =>
      Object.fromEntries((await svc.database.db.select({ id: cases.id, status: cases.status }).from(cases).where(inArray(cases.id, [lights, classes, court]))).map((r) => [r.id, r.status]));
    expect(await statuses()).toEqual({ [lights]: 'collected', [classes]: 'collected', [court]: 'collected' });
    expect(await svc.database.db.select().from(councilMeetings)).toEqual([]);

    await page.locator(`[data-testid=council-reason-${court}]`).fill('场地属于学校，不在社区范围');
    await page.locator('[data-testid=council-submit]').click();
    const meeting = page.locator('[data-testid=council-meeting]');
    await meeting.locator('[data-testid=council-decisions]').waitFor();
    const decisions = meeting.locator('[data-testid=council-decisions]');
    await decisions.getByText('已确定').waitFor();
    expect(await decisions.textContent()).toContain('4.5 万元');
    expect(await decisions.textContent()).toContain('备选库');
    expect(await decisions.textContent()).toContain('场地属于学校，不在社区范围');
    expect(await meeting.textContent()).toContain('22 人（社区党组织 3、居委会 5、居民代表 12、专家 2）');
    await meeting.locator('[data-testid=council-minutes]').waitFor();
    await page.screenshot({ path: '/tmp/console-council.png' });

    expect(await statuses()).toEqual({ [lights]: 'approved', [classes]: 'reserve', [court]: 'declined' });
    const pushed = await svc.database.db.select().from(outbox).where(eq(outbox.caseId, lights));
    expect(pushed.filter((o) => o.kind === 'status_changed').map((o) => o.openid).sort()).toEqual(['o-support-1', 'o-support-2', 'o-support-3', 'o-村巷加装照明灯']);

    // the list shows the meeting; the case page shows the new status
    await page.locator('.ant-menu-item', { hasText: '议事会' }).click();
    await page.locator('[data-testid=council-meetings]').getByText('2026年第四季度居民议事会').waitFor();
    await page.goto(`${svc.url}/console/cases/${court}`);
    await page.locator('[data-testid=case-status]', { hasText: '不予采纳' }).waitFor();
    expect(problems).toEqual([]);
  }, 90_000);
});
