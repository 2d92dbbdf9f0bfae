import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, wechatMenus } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { startTestService } from '../helpers/service.js';
import { ensureConsoleBuilt, launchChromium, until, watchPage } from './kit.js';

/**
 * The menu editor in a real browser (Debian's Chromium) against the whole service in local mode:
 * the admin renames a button (the byte counter turns red past WeChat's 16 bytes), saves a version,
 * publishes it, and the simulator's chat page — open in another tab the whole time — shows the new
 * button in its menu bar (tapped, it starts the proposal flow); then a second version is published
 * from the history, and an older one is restored into the editor.
 * Every step waits for an element or a record, never for a fixed time. Screenshots: /tmp/console-menu*.png.
 */

describe('the menu editor in the staff console', () => {
  let svc: Service;
  let browser: Browser;
  let page: Page;
  let sim: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    svc = await startTestService();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    sim = await browser.newPage({ viewport: { width: 390, height: 780 }, locale: 'zh-CN' });
    for (const p of [page, sim]) watchPage(p, problems);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  it('renames a button, publishes it, and the simulator’s menu bar shows it; the history publishes, shows and restores versions', async () => {
    // the resident's phone, open before anything is published: the menu of config/menu.yaml
    await sim.goto(`${svc.url}/sim`);
    await sim.waitForSelector('body[data-stream="ready"]');
    await sim.locator('#menu-buttons button', { hasText: '我要提议' }).waitFor({ state: 'attached' });

    const admin = svc.localAdmin!;
    await page.goto(`${svc.url}/console/`);
    await page.fill('#username', admin.username);
    await page.fill('#password', admin.password);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=user-menu]', { hasText: '管理员' }).waitFor();
    await page.locator('.ant-menu-item', { hasText: '公众号菜单' }).click();
    await page.locator('[data-testid=menu-editor]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/menu');
    // nothing saved yet: the draft is config/menu.yaml, and the preview shows its buttons
    await page.locator('[data-testid=menu-status]', { hasText: 'config/menu.yaml' }).waitFor();
    await page.locator('[data-testid=menu-preview-button-1]', { hasText: '我要提议' }).waitFor();

    // the live byte counter: 6 汉字 are 18 bytes, past WeChat's 16
    const name = page.locator('input[data-testid=menu-name-1]');
    await name.fill('我要提个建议');
    await page.locator('[data-testid=menu-name-count-1]', { hasText: '18 / 16 字节' }).waitFor();
    await page.locator('[data-testid=menu-problems]', { hasText: '名称超过 16 字节' }).waitFor();
    await name.fill('提个建议');
    await page.locator('[data-testid=menu-name-count-1]', { hasText: '12 / 16 字节' }).waitFor();
    expect(await page.locator('[data-testid=menu-problems]').count()).toBe(0);
    await page.locator('[data-testid=menu-preview-button-1]', { hasText: '提个建议' }).waitFor();
    // unsaved: nothing to publish yet
    expect(await page.locator('[data-testid=menu-publish]').isDisabled()).toBe(true);

    await page.click('[data-testid=menu-save]');
    await page.fill('[data-testid=menu-note]', '提议改名为提个建议');
    await page.click('[data-testid=menu-save-ok]');
    await page.locator('.ant-message', { hasText: '已保存为版本' }).waitFor();
    const [saved] = await until(async () => {
      const rows = await svc.database.db.select().from(wechatMenus);
      return rows.length ? rows : undefined;
    }, 'the saved version');
    expect(saved).toMatchObject({ note: '提议改名为提个建议', publishedAt: null });
    await page.locator('[data-testid=menu-history]', { hasText: '提议改名为提个建议' }).waitFor();
    await page.screenshot({ path: '/tmp/console-menu.png', fullPage: true });

    await page.locator('[data-testid=menu-publish]:not([disabled])').click();
    await page.locator('[data-testid=menu-publish-preview-button-1]', { hasText: '提个建议' }).waitFor();
    await page.click('[data-testid=menu-publish-ok]');
    await page.locator('.ant-message', { hasText: `版本 #${saved!.id} 已发布到公众号` }).waitFor();
    await page.locator('[data-testid=menu-status]', { hasText: `公众号当前菜单：版本 #${saved!.id}` }).waitFor();

    // the fake WeChat API took it, and the open chat page changed its menu bar
    expect((svc.simulator!.fakeApi.currentMenu() as { button: { name: string }[] }).button[1]!.name).toBe('提个建议');
    await sim.locator('#menu-buttons button', { hasText: '提个建议' }).waitFor({ state: 'attached' });
    expect(await sim.locator('#menu-buttons button', { hasText: '我要提议' }).count()).toBe(0);
    // tapped, it still sends 提议 and the bot starts the proposal flow
    await sim.locator('#menu-buttons button', { hasText: '提个建议' }).click();
    await sim.locator('.row.bot .bubble', { hasText: '欢迎提出您希望社区办的实事' }).waitFor();
    await sim.screenshot({ path: '/tmp/console-menu-sim.png' });
    const [row] = await svc.database.db.select().from(wechatMenus).where(eq(wechatMenus.id, saved!.id));
    expect(row!.publishedAt).not.toBeNull();
    expect((await svc.database.db.select().from(auditLog).where(eq(auditLog.action, 'menu.publish'))).length).toBe(1);

    // the old name again as a second version, published from the history
    await name.fill('我要提议');
    await page.click('[data-testid=menu-save]');
    await page.fill('[data-testid=menu-note]', '改回去');
    await page.click('[data-testid=menu-save-ok]');
    await page.locator('[data-testid=menu-history]', { hasText: '改回去' }).waitFor();
    const row2 = page.locator('[data-testid=menu-history] tr', { hasText: '改回去' });
    await row2.getByRole('button', { name: '发布' }).click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.locator('[data-testid=menu-history] tr', { hasText: '改回去' }).locator('.ant-tag', { hasText: '公众号当前菜单' }).waitFor();
    await sim.locator('#menu-buttons button', { hasText: '我要提议' }).waitFor({ state: 'attached' });

    // 恢复: the first version back in the editor, unsaved
    await page.click(`[data-testid=menu-view-${saved!.id}]`);
    await page.locator('[data-testid=menu-view-preview-button-1]', { hasText: '提个建议' }).waitFor();
    await page.getByRole('button', { name: '恢复到编辑器' }).click();
    await page.getByText(`有未保存的修改（载入自版本 #${saved!.id}）`).waitFor();
    // the editor re-renders after the click returns: wait for the restored name, never read it once
    await until(async () => (await name.inputValue()) === '提个建议' || undefined, 'the restored name in the editor');
    expect(await page.locator('[data-testid=menu-publish]').isDisabled()).toBe(true);
    expect(problems).toEqual([]);
  });
});
