import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseMedia, cases } from '../../src/db/schema.js';
import { samplePhoto } from '../../src/simulator/sample-image.js';
import { startConsoleInBrowser, until, type ConsoleInBrowser } from './kit.js';

/**
 * 新建事项 in a real browser (issue 15, item 1): community staff file a report for a resident who
 * came to the window, with a photo; the case opens in the drawer saying who filed it and through
 * which channel, the resident's name and phone shown to them, and the photo stored with it.
 */
const PASSWORD = 'new-case-password';

describe('新建事项 in the console', () => {
  let b: ConsoleInBrowser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    b = await startConsoleInBrowser({ username: 'window', displayName: '李窗口', password: PASSWORD, role: 'community', communityId: 'nantoucheng' }, problems);
    page = b.page;
    await page.goto(`${b.svc.url}/console/`);
    await page.fill('#username', 'window');
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=user-menu]').waitFor();
    // a step that cannot happen fails naming its locator, well within the test's time
    page.setDefaultTimeout(10_000);
  }, 180_000);
  afterAll(() => b?.close());

  const pick = async (label: string, option: string) => {
    await page.locator('.ant-modal .ant-form-item', { hasText: label }).locator('.ant-select').first().click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
  };

  it('files a report for a resident at the window, with a photo, and opens it', async () => {
    await page.goto(`${b.svc.url}/console/cases`);
    await page.locator('[data-testid=new-case-open]').click();
    await page.locator('.ant-modal', { hasText: '新建事项' }).waitFor();
    await pick('登记渠道', '窗口');
    await pick('社区', '南头城');
    await pick('问题类别', '路灯照明');
    await page.locator('[data-testid=new-contact]').fill('王阿姨');
    await page.locator('[data-testid=new-phone]').fill('138 0013 8000');
    await page.locator('[data-testid=new-description]').fill('窗口反映：东门路灯不亮一周了');
    await page.locator('[data-testid=new-address]').fill('南头古城东门');
    await page.locator('.ant-modal input[type=file]').setInputFiles({ name: '路灯.png', mimeType: 'image/png', buffer: samplePhoto(7, 160, 120) });
    await page.locator('.ant-modal-footer .ant-btn-primary').click();

    // the drawer of the new case opens (on its moves: a new report waits to be accepted)
    await page.locator('[data-testid=case-channel]').waitFor({ timeout: 15_000 }).catch(async (e: unknown) => {
      await page.screenshot({ path: '/tmp/console-new-case-failed.png' });
      throw e;
    });
    await page.locator('.ant-drawer .ant-tabs-tab', { hasText: '时间线' }).click();
    const filing = page.locator('[data-testid=case-filing]');
    await filing.waitFor();
    expect(await filing.textContent()).toBe('由 李窗口 代为登记（窗口）');
    const id = Number(/\/cases\/(\d+)/.exec(page.url())?.[1]);
    expect(id).toBeGreaterThan(0);
    const [row] = await b.svc.database.db.select().from(cases).where(eq(cases.id, id));
    expect(row).toMatchObject({ channel: 'window', contactName: '王阿姨', phone: '13800138000', communityId: 'nantoucheng', locationLabel: '南头古城东门', openid: null });
    await until(async () => ((await b.svc.database.db.select().from(caseMedia).where(eq(caseMedia.caseId, id))).length === 1 ? true : undefined), 'the photo');
    expect(await page.locator('[data-testid=case-resident]').textContent()).toContain('王阿姨');
    expect(await page.locator('[data-testid=case-channel]').textContent()).toBe('窗口');
    await page.screenshot({ path: '/tmp/console-new-case.png' });
    expect(problems).toEqual([]);
  }, 60_000);
});
