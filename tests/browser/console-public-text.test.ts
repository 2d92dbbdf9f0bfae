import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposePublicText } from '../../src/civic/public-text.js';
import { submitReport } from '../../src/civic/kinds/report.js';
import { createStaffUser } from '../../src/console/staff.js';
import { cases } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { startTestService } from '../helpers/service.js';
import { ensureConsoleBuilt, launchChromium, until, watchPage } from './kit.js';

/**
 * Issue 12, items 1 and 3 in the browser: staff read the proposed 公开文字 of a report that names a
 * person, edit it and approve it; the public page then shows their text and none of the private
 * words, and the 公开文字待审 filter no longer lists the report. A danger report carries 紧急 in the
 * list. 改派社区 moves a case to the community picked, and its timeline says so.
 */
const PASSWORD = 'public-text-test-password';
const PRIVATE = '我是3栋502的张桂兰，楼下路灯不亮好几天了，有事打13812345678';

describe('the console’s 公开文字, 紧急 and 改派社区', () => {
  let svc: Service;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  let seq = 0;
  const report = async (description: string, category = 'streetlight') =>
    (
      await submitReport(
        svc.database.db,
        { openid: `oPublicText${++seq}`, sourceKey: `public-text-${seq}-${Date.now()}`, category, description, communityId: 'nantoucheng' },
        { now: new Date() },
      )
    ).caseId;
  const row = (id: number) => page.locator('[data-testid=case-table] .ant-table-row', { hasText: `#${id}` });

  beforeAll(async () => {
    ensureConsoleBuilt();
    svc = await startTestService();
    await createStaffUser(svc.database.db, { username: 'reviewer', displayName: '审核员', password: PASSWORD, role: 'admin' }, { memoryCost: 1024, timeCost: 1 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    watchPage(page, problems);
    await page.goto(`${svc.url}/console/`);
    await page.fill('#username', 'reviewer');
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=user-menu]').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  it('staff edit and approve the proposed public text; the public page shows it and no private word; the filter drops it; 紧急 shows', async () => {
    const id = await report(PRIVATE);
    const urgent = await report('路口井盖缺失，晚上看不见，很危险', 'drainage');
    const before = await (await fetch(`${svc.url}/c/${id}`)).text();
    for (const secret of ['张桂兰', '502', '13812345678', '路灯不亮']) expect(before).not.toContain(secret);

    // the list: 紧急 on the danger report only; both wait for a public text
    await page.goto(`${svc.url}/console/cases`);
    await row(urgent).locator('[data-testid=urgent]', { hasText: '紧急' }).waitFor();
    expect(await row(id).locator('[data-testid=urgent]').count()).toBe(0);
    await page.locator('[data-testid=filter-text-pending]').click();
    await row(id).locator('[data-testid=text-pending]').waitFor();
    await row(urgent).waitFor();

    // the drawer: the proposed text, masked, prefilled; staff edit it and approve
    await page.goto(`${svc.url}/console/cases/${id}`);
    const drawer = page.locator('.ant-drawer');
    await drawer.getByRole('tab', { name: '公开文字（待审核）' }).click();
    const input = drawer.locator('[data-testid=public-text-input]');
    await drawer.locator('[data-testid=public-text-pending]').waitFor();
    const proposed = await input.inputValue();
    expect(proposed).toBe(proposePublicText(PRIVATE));
    for (const secret of ['张桂兰', '502', '13812345678']) expect(proposed).not.toContain(secret);
    expect(proposed).toContain('楼下路灯不亮好几天了');
    await input.fill('3栋楼下路灯不亮好几天了，晚上出入不便');
    await drawer.locator('[data-testid=public-text-approve]').click();
    await drawer.locator('[data-testid=public-text-approved]', { hasText: '已公开' }).waitFor();
    expect((await svc.database.db.select({ t: cases.publicText }).from(cases).where(eq(cases.id, id)))[0]?.t).toBe('3栋楼下路灯不亮好几天了，晚上出入不便');

    // the public page: exactly the approved words, none of the private ones
    const after = await (await fetch(`${svc.url}/c/${id}`)).text();
    expect(after).toContain('3栋楼下路灯不亮好几天了，晚上出入不便');
    for (const secret of ['张桂兰', '502', '13812345678', '有事打']) expect(after).not.toContain(secret);

    // the 公开文字待审 filter no longer lists it; the danger report still waits
    await page.goto(`${svc.url}/console/cases`);
    await page.locator('[data-testid=filter-text-pending]').click();
    await row(urgent).locator('[data-testid=text-pending]').waitFor();
    expect(await row(id).count()).toBe(0);
    await page.screenshot({ path: '/tmp/console-public-text.png' });
    expect(problems).toEqual([]);
  }, 90_000);

  it('改派社区: staff pick a community, the case moves there, and its timeline says so', async () => {
    const id = await report('古城门口路灯不亮，其实在龙珠');
    await page.goto(`${svc.url}/console/cases/${id}`);
    const drawer = page.locator('.ant-drawer');
    await drawer.locator('.case-actions .ant-collapse-header', { hasText: '改派社区' }).click();
    await drawer.locator('.ant-tree-select').click();
    await page.keyboard.type('龙珠');
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '龙珠' }).first().click();
    // antd spaces a two-character label: 「改 派」
    await drawer.getByRole('button', { name: /^改\s?派$/ }).click();
    await until(
      async () => (await svc.database.db.select({ c: cases.communityId }).from(cases).where(eq(cases.id, id)))[0]?.c === 'longzhu',
      'the case to move to 龙珠',
    );
    await drawer.getByRole('tab', { name: /时间线/ }).click();
    await drawer.locator('[data-testid=case-timeline]', { hasText: '已改由龙珠社区办理' }).waitFor();
    expect(problems).toEqual([]);
  }, 60_000);
});
