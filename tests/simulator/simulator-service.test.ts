import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/wechat/inbound.js';
import type { MessageHandler } from '../../src/wechat/webhook.js';
import { directTransport } from '../../src/simulator/cli-transport.js';
import { defaultMenuFile } from '../../src/simulator/menu.js';
import { getJson, postJson, startLocalService, watchStream } from './local-service.js';

const AES_KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';

/** A bot stand-in: echoes text, describes everything else; "慢" answers only when `slow` resolves. */
function echoBot(seen: InboundMessage[], slow: () => Promise<void> = async () => {}): MessageHandler {
  return async (msg) => {
    seen.push(msg);
    if (msg.type === 'text' && msg.content === '慢') await slow();
    if (msg.type === 'text') return [{ type: 'text', content: `收到：${msg.content}` }];
    if (msg.type === 'location') return [{ type: 'text', content: `位置：${msg.label}` }];
    if (msg.type === 'image') return [{ type: 'text', content: `图片：${msg.mediaId.length}` }];
    return [];
  };
}

for (const mode of ['plaintext', 'safe'] as const) {
  describe(`the local service with the simulator (${mode})`, () => {
    const seen: InboundMessage[] = [];
    let svc: Awaited<ReturnType<typeof startLocalService>>;
    // the slow answer is released when WeChat's second delivery arrives
    let webhookPosts = 0;
    let release = () => {};
    const secondDelivery = () => new Promise<void>((r) => (release = r));
    beforeAll(async () => {
      svc = await startLocalService(echoBot(seen, secondDelivery), mode === 'safe' ? { WECHAT_ENCODING_AES_KEY: AES_KEY } : {});
      svc.service.server.on('request', (req) => {
        if (req.method === 'POST' && req.url?.startsWith('/wechat?') && ++webhookPosts >= 2) release();
      });
    });
    afterAll(async () => svc?.stop());

    it('chats through /sim/send and gets the passive reply', async () => {
      const r = await postJson(`${svc.url}/sim/send`, { openid: 'oSimService01', kind: 'text', content: '你好' });
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ deliveries: 1, encrypted: mode === 'safe', reply: { type: 'text', content: '收到：你好' }, problems: [] });
      expect(seen.at(-1)).toMatchObject({ type: 'text', content: '你好', fromUser: 'oSimService01', msgId: r.json.msgId });
      const info = await getJson(`${svc.url}/sim/info`);
      expect(info.encryption).toBe(mode === 'safe' ? 'safe' : 'plain');
    });

    it('sends a location, a sample picture and an event', async () => {
      const loc = await postJson(`${svc.url}/sim/send`, { openid: 'oSimService01', kind: 'location', lat: 22.54, lng: 113.93, label: '南头古城' });
      expect(loc.json.reply).toEqual({ type: 'text', content: '位置：南头古城' });
      const img = await postJson(`${svc.url}/sim/send`, { openid: 'oSimService01', kind: 'image' });
      expect(img.json.reply.type).toBe('text');
      const sent = seen.at(-1) as Extract<InboundMessage, { type: 'image' }>;
      const pic = await fetch(sent.picUrl);
      expect(pic.headers.get('content-type')).toBe('image/png');
      const ev = await postJson(`${svc.url}/sim/send`, { openid: 'oSimService01', kind: 'event', event: 'CLICK', key: '报修' });
      expect(ev.json.reply).toEqual({ type: 'success' });
      expect(seen.at(-1)).toMatchObject({ type: 'click', eventKey: '报修' });
    });

    it('refuses a malformed /sim/send body with a 400 naming the field', async () => {
      const r = await postJson(`${svc.url}/sim/send`, { openid: 'oSimService01', kind: 'location', lat: 'north' });
      expect(r.status).toBe(400);
      expect(String(r.json)).toContain('lat');
    });

    it('delivers again when the answer is slower than the timeout, and the bot runs once', async () => {
      svc.simulator.client.timeoutMs = 1000;
      webhookPosts = 0;
      try {
        const before = seen.length;
        const r = await postJson(`${svc.url}/sim/send`, { openid: 'oSimSlow', kind: 'text', content: '慢' });
        expect(r.json.deliveries).toBe(2);
        expect(r.json.problems).toEqual(['delivery 1: no answer within 1000 ms']);
        expect(seen.slice(before).filter((m) => m.fromUser === 'oSimSlow')).toHaveLength(1);
        // the answer reached the resident on a repeat delivery, as WeChat's retries allow
        expect(r.json.reply).toEqual({ type: 'text', content: '收到：慢' });
      } finally {
        svc.simulator.client.timeoutMs = 5000;
      }
    });

    if (mode === 'plaintext') it('shows what the resident sent, the reply, and a customer-service message posted to the fake API', async () => {
      const openid = 'oSimStream01';
      const stream = watchStream(`${svc.url}/sim/stream?openid=${openid}`);
      try {
        await stream.next((e) => e.event === 'ready');
        await postJson(`${svc.url}/sim/send`, { openid, kind: 'text', content: '在吗' });
        const { access_token } = (await postJson(`${svc.url}/sim/api/cgi-bin/stable_token`, {
          grant_type: 'client_credential',
          appid: svc.service.config.wechat.appId,
          secret: svc.service.config.wechat.appSecret,
        })).json;
        expect(typeof access_token).toBe('string');
        const kf = await postJson(`${svc.url}/sim/api/cgi-bin/message/custom/send?access_token=${access_token}`, {
          touser: openid,
          msgtype: 'text',
          text: { content: '工作人员稍后联系您' },
        });
        expect(kf.json.errcode).toBe(0);
        const api = await stream.next((e) => e.event === 'api');
        expect(JSON.parse(api.data)).toMatchObject({ kind: 'api', openid, api: 'message/custom/send', body: { text: { content: '工作人员稍后联系您' } }, response: { errcode: 0 } });
        const kinds = stream.events.filter((e) => e.event !== 'ready').map((e) => e.event);
        expect(kinds).toEqual(['sent', 'reply', 'api']);
        const reply = JSON.parse(stream.events.find((e) => e.event === 'reply')!.data);
        expect(reply.reply).toEqual({ type: 'text', content: '收到：在吗' });
      } finally {
        await stream.close();
      }
      // a new connection replays the history, and another resident's stream stays empty
      const again = watchStream(`${svc.url}/sim/stream?openid=${openid}`);
      const other = watchStream(`${svc.url}/sim/stream?openid=oSomeoneElse`);
      try {
        await again.next((e) => e.event === 'ready');
        await other.next((e) => e.event === 'ready');
        expect(again.events.map((e) => e.event)).toEqual(['sent', 'reply', 'api', 'ready']);
        expect(other.events.map((e) => e.event)).toEqual(['ready']);
      } finally {
        await again.close();
        await other.close();
      }
      const residents = await getJson(`${svc.url}/sim/residents`);
      expect(residents.residents.map((r: { openid: string }) => r.openid)).toContain(openid);
    });

    if (mode === 'plaintext') it('serves the page, the menu and an uploaded picture; passes other paths on', async () => {
      const page = await fetch(`${svc.url}/sim`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await page.text()).toContain('<html lang="zh-CN">');
      const menu = await getJson(`${svc.url}/sim/menu`);
      // config/menu.yaml until a menu is created through the fake API
      expect(menu.source).toBe(existsSync(defaultMenuFile) ? 'file' : 'none');
      expect((await fetch(`${svc.url}/sim/static/..%2Fsim-message.ts`)).status).toBe(404);
      expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
      const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==', 'base64');
      const up = await fetch(`${svc.url}/sim/upload?openid=oSimUpload`, { method: 'POST', headers: { 'content-type': 'image/gif' }, body: gif });
      const json = (await up.json()) as any;
      expect(json.message).toMatchObject({ kind: 'image' });
      expect(json.reply).toEqual({ type: 'text', content: `图片：${json.message.mediaId.length}` });
      const notImage = await fetch(`${svc.url}/sim/upload?openid=oSimUpload`, { method: 'POST', body: 'hello' });
      expect(notImage.status).toBe(415);
    });

    if (mode === 'plaintext') it('pic_* and location_select buttons post the event, then the picture or the place', async () => {
      const openid = 'oSimMenuPic';
      const pic = await postJson(`${svc.url}/sim/send`, { openid, kind: 'event', event: 'pic_photo_or_album', key: '拍照报修' });
      expect(pic.status).toBe(200);
      expect(pic.json.followUps).toHaveLength(1);
      const mine = () => seen.filter((m) => m.fromUser === openid);
      const [event, image] = mine();
      expect(event).toMatchObject({ type: 'pic', event: 'pic_photo_or_album', eventKey: '拍照报修', count: 1 });
      expect(image).toMatchObject({ type: 'image' });
      expect((event as { md5s: string[] }).md5s[0]).toMatch(/^[0-9a-f]{32}$/);
      const sel = await postJson(`${svc.url}/sim/send`, { openid, kind: 'event', event: 'location_select', key: '位置报修', lat: 22.55, lng: 113.91, poiname: '同乐村' });
      expect(sel.json.followUps[0].reply).toEqual({ type: 'text', content: '位置：同乐村' });
      expect(mine().slice(-2).map((m) => m.type)).toEqual(['location_select', 'location']);
      const unknown = await postJson(`${svc.url}/sim/send`, { openid, kind: 'image', mediaId: 'nope' });
      expect(unknown.status).toBe(400);
    });

    if (mode === 'plaintext') it('shows the menu created through the fake API', async () => {
      const { appId, appSecret } = svc.service.config.wechat;
      const token = (await postJson(`${svc.url}/sim/api/cgi-bin/stable_token`, { grant_type: 'client_credential', appid: appId, secret: appSecret })).json.access_token;
      const menu = { button: [{ type: 'click', name: '报修', key: '报修' }] };
      expect((await postJson(`${svc.url}/sim/api/cgi-bin/menu/create?access_token=${token}`, menu)).json.errcode).toBe(0);
      expect(await getJson(`${svc.url}/sim/menu`)).toEqual({ source: 'api', ...menu });
    });

    it('the terminal client can also post straight to /wechat, signed from the config', async () => {
      const direct = directTransport(svc.url, svc.service.config);
      const [out] = await direct.send('oSimDirect', { kind: 'text', content: '直连' });
      expect(out).toMatchObject({ deliveries: 1, reply: { type: 'text', content: '收到：直连' } });
      await expect(direct.send('oSimDirect', { kind: 'image' })).rejects.toThrow('直连模式不能发图片');
    });
  });
}
