import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/wechat/inbound.js';
import { postJson, startLocalService } from '../simulator/local-service.js';
import { simBot } from './sim-bot.js';
import { launchChromium } from './kit.js';

/**
 * The chat page in a real browser (Debian's Chromium): a resident chats, taps a quick reply,
 * uses the menu, and sees customer-service messages and template pushes arrive. Every step
 * waits for an element; nothing waits for a fixed time.
 */
const SCREENSHOT = '/tmp/sim-browser.png';

describe('the simulator chat page', () => {
  const seen: InboundMessage[] = [];
  let svc: Awaited<ReturnType<typeof startLocalService>>;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    svc = await startLocalService(simBot(seen));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 390, height: 780 }, locale: 'zh-CN' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('dialog', (d) => {
      pageErrors.push(`unexpected dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(`${svc.url}/sim`);
    await page.waitForSelector('body[data-stream="ready"]');
  });

  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
  });

  const openid = async () => String(await page.evaluate("localStorage.getItem('sim.current')"));
  const botBubble = (text: string) => page.locator('.row.bot .bubble', { hasText: text });

  it('sends 你好 and shows the reply; a quick reply sends its content back', async () => {
    // with a menu the chat opens on it, as on a phone
    if (await page.locator('#menu-bar').isVisible()) await page.click('#to-keyboard');
    await page.fill('#text', '你好');
    await page.click('#send');
    await page.locator('.row.me .bubble', { hasText: '你好' }).waitFor();
    const reply = botBubble('您好！我是民生微实事小助手');
    await reply.waitFor();
    // the bot's markup is text, not HTML: the <img onerror> stays visible characters
    await expect(reply.textContent()).resolves.toContain('<img src=x onerror=alert(1)>');
    expect(await reply.locator('img, b').count()).toBe(0);
    expect(await reply.locator('a.quick').count()).toBe(2);

    await reply.locator('a.quick', { hasText: '1 反映问题（报修）' }).click();
    await botBubble('好的，请描述您要反映的问题（来自快捷回复 101）').waitFor();
    expect(seen.find((m) => m.type === 'text' && m.content === '报修')).toMatchObject({ menuId: '101', fromUser: await openid() });
    expect(await page.locator('#text').inputValue()).toBe('');
    await page.screenshot({ path: SCREENSHOT });
    expect(pageErrors).toEqual([]);
  });

  it('shows a customer-service message and a template push sent through the fake API', async () => {
    const touser = await openid();
    const { appId, appSecret } = svc.service.config.wechat;
    const token = (await postJson(`${svc.url}/sim/api/cgi-bin/stable_token`, { grant_type: 'client_credential', appid: appId, secret: appSecret })).json.access_token;
    const api = (path: string, body: unknown) => postJson(`${svc.url}/sim/api/cgi-bin/${path}?access_token=${token}`, body);
    expect((await api('message/custom/send', { touser, msgtype: 'text', text: { content: '工作人员已受理，请保持电话畅通。' } })).json.errcode).toBe(0);
    await botBubble('工作人员已受理').waitFor();
    const sent = await api('message/template/send', {
      touser,
      template_id: 'TPL_CASE_STATUS',
      url: 'http://127.0.0.1/case/BX-0012',
      data: { character_string1: { value: 'BX-0012' }, thing2: { value: '路灯不亮' }, phrase3: { value: '处理中' } },
    });
    expect(sent.json.errcode).toBe(0);
    const card = page.locator('.template', { hasText: '路灯不亮' });
    await card.waitFor();
    await expect(card.locator('dd').allTextContents()).resolves.toEqual(['BX-0012', '路灯不亮', '处理中']);
    await expect(card.locator('a.t-link').getAttribute('href')).resolves.toBe('http://127.0.0.1/case/BX-0012');
  });

  it('menu buttons behave as on a phone: location_select opens the picker and sends the place', async () => {
    // the menu the bot's operator creates reaches the open page
    const { appId, appSecret } = svc.service.config.wechat;
    const token = (await postJson(`${svc.url}/sim/api/cgi-bin/stable_token`, { grant_type: 'client_credential', appid: appId, secret: appSecret })).json.access_token;
    const menu = {
      button: [
        { name: '我要报修', sub_button: [{ type: 'location_select', name: '位置报修', key: '位置报修' }, { type: 'click', name: '文字报修', key: '报修' }] },
        { type: 'click', name: '我的进度', key: '我的' },
      ],
    };
    expect((await postJson(`${svc.url}/sim/api/cgi-bin/menu/create?access_token=${token}`, menu)).json.errcode).toBe(0);
    await page.locator('#menu-buttons button', { hasText: '我的进度' }).waitFor({ state: 'attached' });
    await page.click('#to-menu');
    await page.locator('#menu-buttons button', { hasText: '我要报修' }).click();
    await page.locator('#menu-popup button', { hasText: '位置报修' }).click();
    await page.locator('.sheet button', { hasText: '南头古城' }).click();
    await botBubble('已记录位置：广东省深圳市南山区中山南街 南头古城').waitFor();
    await page.locator('.row.me .loc', { hasText: '南头古城' }).waitFor();
    const mine = seen.filter((m) => m.fromUser === seen.at(-1)!.fromUser).slice(-2);
    expect(mine.map((m) => m.type)).toEqual(['location_select', 'location']);
    expect(mine[0]).toMatchObject({ eventKey: '位置报修', lat: 22.5446, lng: 113.9227 });
  });

  it('a new resident follows by scanning a community code, then sends a sample photo', async () => {
    await page.click('#resident-btn');
    await page.fill('#res-name', '张阿姨');
    await page.selectOption('#res-scene', 'community_tongle');
    await page.locator('.sheet button', { hasText: '新建居民并关注' }).click();
    await botBubble('欢迎关注民生微实事！（社区码 community_tongle）').waitFor();
    await expect(page.locator('#subtitle').textContent()).resolves.toContain('张阿姨');
    // the first resident's conversation is not shown for the second
    expect(await botBubble('您好！我是民生微实事小助手').count()).toBe(0);
    await page.click('#to-keyboard');
    await page.click('#plus');
    await page.click('[data-action="sample"]');
    await botBubble('照片收到了，谢谢！').waitFor();
    const img = page.locator('.row.me img.pic').last();
    await expect(img.evaluate((el) => (el as { naturalWidth: number }).naturalWidth)).resolves.toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });
});
