import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../src/console/contract.js';
import { checkMenu } from '../../src/console/menu/menu-check.js';
import { bootstrapMenu } from '../../src/console/menu/menu-file.js';
import { auditLog, wechatMenus } from '../../src/db/schema.js';
import { loadBotTexts } from '../../src/runtime/bot-texts.js';
import type { Service } from '../../src/service.js';
import { loadMenuFile } from '../../src/wechat/api/menu.js';
import { resident } from '../helpers/chat.js';
import { startTestService } from '../helpers/service.js';
import { startConsole, type Answer, type Client, type ConsoleHarness } from './harness.js';

const MENU = '/api/console/menu';
const SAVE = '/api/console/menu/versions';
const publish = (id: number) => `/api/console/menu/versions/${id}/publish`;

/** the zh-CN message of an error answer, whether it comes as text or as JSON */
const errorText = (a: Answer): string => (typeof a.json?.error?.message === 'string' ? a.json.error.message : (a.json?.message ?? a.text));

const menuA = {
  button: [
    { name: '我要报修', sub_button: [{ type: 'pic_photo_or_album', name: '拍照报修', key: '拍照报修' }, { type: 'click', name: '文字报修', key: '报修' }] },
    { type: 'click', name: '我要提议', key: '提议' },
    { type: 'view', name: '办事指南', url: 'https://example.org/guide' },
  ],
};
const menuB = { button: [{ type: 'click', name: '报修', key: '报修' }, { type: 'click', name: '人工客服', key: '人工' }] };

function parses(name: keyof typeof routes, body: unknown): void {
  const spec = routes[name] as { response?: { safeParse(v: unknown): { success: boolean; error?: unknown } } };
  const r = spec.response!.safeParse(body);
  expect(r.success, `${name}: ${JSON.stringify(r.error)}`).toBe(true);
}

describe('console menu', () => {
  let h: ConsoleHarness;
  let admin: Client;
  let others: Client[];

  beforeAll(async () => {
    h = await startConsole('postgres', { wechat: true });
    await h.user('root', 'admin');
    await h.user('st', 'street', { streetId: 'nantou' });
    await h.user('nt', 'community', { communityId: 'nantoucheng' });
    await h.user('dp', 'deputy', { communityId: 'nantoucheng' });
    admin = await h.login('root');
    others = await Promise.all([h.login('st'), h.login('nt'), h.login('dp')]);
  });
  afterAll(() => h.close());

  it('starts from config/menu.yaml, marked as such, with the words the bot acts on', async () => {
    const a = await admin.get(MENU);
    expect(a.status).toBe(200);
    parses('menuState', a.json);
    expect(a.json.draft).toMatchObject({ source: 'file', version: null, fileProblem: null, warnings: [] });
    expect(a.json.draft.menu).toEqual(loadMenuFile('config/menu.yaml'));
    expect(a.json).toMatchObject({ published: null, history: [], canPublish: true });
    const words = new Map<string, { means: string; source: string }>(a.json.words.map((w: { word: string }) => [w.word, w]));
    // commands from src/intent, trigger words from the flows
    expect(words.get('人工')).toMatchObject({ source: 'command' });
    expect(words.get('我的')).toMatchObject({ source: 'command' });
    expect(words.get('报修')).toMatchObject({ source: 'flow', means: expect.stringContaining('报修') });
    expect(words.get('提议')).toMatchObject({ source: 'flow' });
    // 订阅 needs a case number: alone it is not a command
    expect(words.has('订阅')).toBe(false);
  });

  it('refuses street, community and deputy staff before reading anything', async () => {
    for (const c of others) {
      const get = await c.get(MENU);
      expect(get.status).toBe(403);
      expect(get.text).not.toContain('我要报修');
      expect((await c.post(SAVE, { menu: menuB })).status).toBe(403);
      expect((await c.post(publish(1))).status).toBe(403);
    }
    expect(await h.db.select().from(wechatMenus)).toEqual([]);
  });

  it('names each problem of an invalid menu in zh-CN (400), and saves nothing', async () => {
    const bad = {
      button: [
        { name: '我要报修我要报修', sub_button: [{ type: 'click', name: '文字报修', key: '' }] },
        { type: 'view', name: '指南', url: 'ftp://example.org' },
        { type: 'clack', name: '提议', key: '提议' },
      ],
    };
    const a = await admin.post(SAVE, { menu: bad });
    expect(a.status).toBe(400);
    const text = errorText(a);
    expect(text).toContain('第 1 个菜单「我要报修我要报修」：名称太长（24 字节，一级菜单最多 16 字节');
    expect(text).toContain('第 1 个菜单「我要报修我要报修」的第 1 个子菜单「文字报修」：请填写点击后发送的关键词');
    expect(text).toContain('第 3 个菜单「提议」：微信不支持按钮类型「clack」');

    const four = await admin.post(SAVE, { menu: { button: [...menuA.button, menuB.button[0]] } });
    expect(errorText(four)).toContain('一级菜单最多 3 个');
    const six = await admin.post(SAVE, { menu: { button: [{ name: '更多', sub_button: Array.from({ length: 6 }, (_, i) => ({ type: 'click', name: `项${i}`, key: `k${i}` })) }] } });
    expect(errorText(six)).toContain('第 1 个菜单「更多」：子菜单要有 1 到 5 个');
    const twice = await admin.post(SAVE, { menu: { button: [{ type: 'click', name: '报修', key: '报修' }, { type: 'click', name: '修', key: '报修' }] } });
    expect(errorText(twice)).toContain('「报修」被多个按钮使用');
    expect((await admin.post(SAVE, {})).status).toBe(400);
    expect((await admin.post(SAVE, { menu: menuA, note: 'x'.repeat(101) })).status).toBe(400);
    expect(await h.db.select().from(wechatMenus)).toEqual([]);
    // WeChat takes http(s) pages only (z.url() alone would take ftp:)
    const ftp = await admin.post(SAVE, { menu: { button: [{ type: 'view', name: '指南', url: 'ftp://example.org/a' }] } });
    expect(errorText(ftp)).toContain('第 1 个菜单「指南」：网址要以 https:// 或 http:// 开头');
    expect(checkMenu({ button: [{ name: '组', sub_button: [{ type: 'view', name: '网页', url: 'https://x.org' }] }] })).toMatchObject({ ok: true });
    // the same words for config/menu.yaml, without the server's path
    const dir = mkdtempSync(path.join(tmpdir(), 'menu-file-'));
    const file = path.join(dir, 'menu.yaml');
    writeFileSync(file, 'button:\n  - type: click\n    name: 我要报修我要报修\n    key: 报修\n');
    const broken = bootstrapMenu(file);
    expect(broken.menu).toBeNull();
    expect(broken.problem).toBe('config/menu.yaml 菜单有误：第 1 个菜单「我要报修我要报修」：名称太长（24 字节，一级菜单最多 16 字节，一个汉字占 3 字节）');
    expect(bootstrapMenu(path.join(dir, 'none.yaml')).problem).toBe('config/menu.yaml 不存在');
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves a version with its note and audit row, and warns about a click key the bot ignores', async () => {
    const a = await admin.post(SAVE, { menu: menuA, note: '  加入办事指南  ' });
    expect(a.status).toBe(201);
    parses('menuSave', a.json);
    expect(a.json.warnings).toEqual([]);
    expect(a.json.version).toMatchObject({ menu: menuA, note: '加入办事指南', createdBy: 'root名', publishedAt: null, live: false });

    h.clock.advance(60_000);
    const odd = { button: [{ type: 'click', name: '天气', key: '今天天气' }, ...menuB.button] };
    const b = await admin.post(SAVE, { menu: odd });
    expect(b.status).toBe(201);
    expect(b.json.warnings).toEqual([expect.stringContaining('「天气」发送的「今天天气」不是机器人认识的词')]);

    // a keyword reply makes it a word the bot acts on; one for a single community is said so
    await admin.post('/api/console/keyword-replies', { keyword: '今天天气', content: { text: '晴' }, communityId: 'nantoucheng' });
    expect((await admin.get(MENU)).json.draft.warnings).toEqual([expect.stringContaining('只在南头城社区有关键词回复')]);
    await admin.post('/api/console/keyword-replies', { keyword: '今天天气', content: { text: '晴' } });
    const state = (await admin.get(MENU)).json;
    expect(state.draft).toMatchObject({ source: 'saved', version: { id: b.json.version.id }, menu: odd, warnings: [] });
    expect(state.words).toContainEqual({ word: '今天天气', means: '关键词回复', source: 'keyword' });
    expect(state.history.map((v: { id: number }) => v.id)).toEqual([b.json.version.id, a.json.version.id]);

    const audit = await h.db.select().from(auditLog).where(eq(auditLog.action, 'menu.save'));
    expect(audit).toHaveLength(2);
    const [first, second] = audit.sort((x, y) => x.id - y.id);
    expect(first).toMatchObject({ target: `wechat_menu:${a.json.version.id}`, before: null, after: { id: a.json.version.id, note: '加入办事指南', menu: menuA } });
    expect(second).toMatchObject({ before: { id: a.json.version.id, menu: menuA }, after: { id: b.json.version.id, menu: odd } });
    expect(second!.staffId).toBeGreaterThan(0);
  });

  it('publishes through the WeChat API, records who and when, and rolls back to an older version', async () => {
    const [v1, v2] = (await h.db.select().from(wechatMenus)).sort((x, y) => x.id - y.id);
    h.clock.advance(60_000);
    const p = await admin.post(publish(v2!.id));
    expect(p.status, p.text).toBe(200);
    parses('menuPublish', p.json);
    expect(p.json.version).toMatchObject({ id: v2!.id, live: true, publishedBy: 'root名', publishedAt: h.clock.now().toISOString() });
    expect(h.fake!.api.currentMenu()).toEqual(v2!.menu);
    expect(h.fake!.recorder.delivered({ api: 'menu/create' })).toHaveLength(1);

    // rollback: the older version goes out again and becomes the live one
    h.clock.advance(60_000);
    const back = await admin.post(publish(v1!.id));
    expect(back.json.version).toMatchObject({ id: v1!.id, live: true });
    expect(h.fake!.api.currentMenu()).toEqual(menuA);
    const state = (await admin.get(MENU)).json;
    expect(state.published).toMatchObject({ id: v1!.id, publishedBy: 'root名' });
    expect(state.draft.version.id).toBe(v2!.id);
    expect(state.history.map((v: { id: number; live: boolean; publishedAt: string | null }) => [v.id, v.live, v.publishedAt !== null])).toEqual([
      [v2!.id, false, true],
      [v1!.id, true, true],
    ]);

    const rows = await h.db.select().from(auditLog).where(eq(auditLog.action, 'menu.publish'));
    expect(rows.sort((x, y) => x.id - y.id).map((r) => [r.target, (r.before as { id: number } | null)?.id ?? null, (r.after as { id: number }).id])).toEqual([
      [`wechat_menu:${v2!.id}`, null, v2!.id],
      [`wechat_menu:${v1!.id}`, v2!.id, v1!.id],
    ]);
    expect((await admin.post(publish(999_999))).status).toBe(404);
  });

  it('keeps publishedAt when WeChat refuses, and says why', async () => {
    const saved = await admin.post(SAVE, { menu: menuB, note: '精简' });
    const id = saved.json.version.id as number;
    h.fake!.faults.inject({ api: 'menu/create', errcode: 48001, errmsg: 'api unauthorized' });
    const a = await admin.post(publish(id));
    expect(a.status).toBe(409);
    expect(errorText(a)).toContain('微信拒绝了这个菜单（错误码 48001');
    // the harness's client does not retry -1
    h.fake!.faults.inject({ api: 'menu/create', errcode: -1 });
    const busy = await admin.post(publish(id));
    expect(busy.status).toBe(503);
    expect(errorText(busy)).toContain('微信系统繁忙');

    const [row] = await h.db.select().from(wechatMenus).where(eq(wechatMenus.id, id));
    expect(row).toMatchObject({ publishedAt: null, publishedBy: null });
    expect(h.fake!.api.currentMenu()).toEqual(menuA);
    expect((await admin.get(MENU)).json.published.menu).toEqual(menuA);
    const failed = await h.db.select().from(auditLog).where(eq(auditLog.action, 'menu.publish_failed'));
    expect(failed.map((r) => r.after)).toEqual([
      { id, reason: 'wechat_refused', errcode: 48001 },
      { id, reason: 'wechat_busy', errcode: -1 },
    ]);
    expect(await h.db.select().from(auditLog).where(like(auditLog.action, 'menu.%'))).toHaveLength(7);
  });
});

describe('console menu without the WeChat API', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole();
    await h.user('root', 'admin');
  });
  afterAll(() => h.close());

  it('saves, but publishing says the API is not configured', async () => {
    const admin = await h.login('root');
    expect((await admin.get(MENU)).json.canPublish).toBe(false);
    const saved = await admin.post(SAVE, { menu: menuB });
    const a = await admin.post(publish(saved.json.version.id));
    expect(a.status).toBe(503);
    expect(errorText(a)).toContain('微信接口未配置');
    const [row] = await h.db.select().from(wechatMenus);
    expect(row!.publishedAt).toBeNull();
  });
});

/** what the menu page calls the bot's words is what the bot acts on: each click, sent through the simulator */
describe('the words the menu page offers, clicked on the bot', () => {
  let svc: Service;
  beforeAll(async () => {
    svc = await startTestService({}, { db: 'postgres' });
  }, 60_000);
  afterAll(() => svc?.stop());

  it('answers every offered word with something other than its help text, and the warned key with it', async () => {
    const { username, password } = svc.localAdmin!;
    const login = await fetch(`${svc.url}/api/console/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const headers = { cookie, 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken, 'content-type': 'application/json' };
    const call = async (method: string, p: string, body?: unknown) =>
      (await fetch(`${svc.url}/api/console${p}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) })).json() as Promise<any>;
    await call('POST', '/keyword-replies', { keyword: '电费', content: { text: '电费请拨打 95598 查询' } });
    const saved = await call('POST', '/menu/versions', { menu: { button: [{ type: 'click', name: '电费', key: '电费' }, { type: 'click', name: '天气', key: '今天天气' }] } });
    expect(saved.warnings).toEqual([expect.stringContaining('「今天天气」不是机器人认识的词')]);

    const help = loadBotTexts().help;
    const { words } = (await call('GET', '/menu')) as { words: { word: string; means: string; source: string }[] };
    const offered = words.filter((w) => w.means !== '回复使用帮助');
    expect(offered.map((w) => w.source)).toEqual(expect.arrayContaining(['command', 'flow', 'keyword']));
    let n = 0;
    const click = (key: string) => resident(svc, `oMenuWord${++n}`).send({ kind: 'event', event: 'CLICK', key });
    for (const w of offered) expect(await click(w.word), `${w.word} (${w.means})`).not.toContain(help.split('\n')[0]);
    expect(await click('电费')).toBe('电费请拨打 95598 查询');
    expect(await click('今天天气')).toContain(help.split('\n')[0]);
  }, 120_000);
});
