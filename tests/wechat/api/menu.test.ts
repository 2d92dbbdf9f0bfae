import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MemoryStore } from '../../../src/state/memory-store.js';
import { loadMenuFile, menuSchema, WechatApiError } from '../../../src/wechat/api/index.js';
import { startHarness, type Harness } from './harness.js';

const BOT_WORDS = ['报修', '提议', '我的', '查询', '人工'];

describe('menu', () => {
  let h: Harness;
  const store = new MemoryStore();
  beforeAll(async () => {
    h = await startHarness(store);
  });
  afterAll(async () => {
    await h.close();
    await store.close();
  });

  it('config/menu.yaml is valid, uses the report pickers, and its click keys are words the bot understands', () => {
    const menu = loadMenuFile('config/menu.yaml');
    const leaves = menu.button.flatMap((b) => ('sub_button' in b ? b.sub_button : [b]));
    expect(leaves.map((b) => b.type)).toEqual(expect.arrayContaining(['pic_photo_or_album', 'location_select', 'click']));
    for (const b of leaves) if (b.type === 'click') expect(BOT_WORDS).toContain(b.key);
  });

  it('view buttons open http(s) pages only, as WeChat requires (40020)', () => {
    const view = (url: string) => menuSchema.safeParse({ button: [{ type: 'view', name: '指南', url }] }).success;
    expect(view('https://example.org/guide')).toBe(true);
    expect(view('http://example.org/guide')).toBe(true);
    expect(view('ftp://example.org/guide')).toBe(false);
    expect(view('javascript:alert(1)')).toBe(false);
  });

  it('is created on the (fake) account from config/menu.yaml', async () => {
    const menu = loadMenuFile('config/menu.yaml');
    await h.api.menu.create(menu);
    expect(h.fake.recorder.delivered({ api: 'menu/create' })).toHaveLength(1);
    expect(h.fake.api.currentMenu()).toEqual(menu);
  });

  it.each([
    ['four top-level buttons', { button: Array.from({ length: 4 }, (_, i) => ({ type: 'click', name: `b${i}`, key: `k${i}` })) }],
    ['a top-level name over 16 bytes', { button: [{ type: 'click', name: '我要报修我要报修', key: 'k' }] }],
    ['six sub-buttons', { button: [{ name: '报修', sub_button: Array.from({ length: 6 }, (_, i) => ({ type: 'click', name: `s${i}`, key: `k${i}` })) }] }],
    ['a click without a key', { button: [{ type: 'click', name: '报修' }] }],
    ['an unknown type', { button: [{ type: 'tap', name: '报修', key: 'k' }] }],
    ['a duplicated key', { button: [{ type: 'click', name: 'a', key: '报修' }, { type: 'click', name: 'b', key: '报修' }] }],
    ['a view without a URL', { button: [{ type: 'view', name: '官网', url: 'not a url' }] }],
  ])('refuses %s', (_what, menu) => {
    expect(menuSchema.safeParse(menu).success).toBe(false);
  });

  it('a broken YAML file is reported with every problem and its path', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'menu-'));
    try {
      const file = path.join(dir, 'menu.yaml');
      await writeFile(file, 'button:\n  - type: click\n    name: 我要报修我要报修\n');
      expect(() => loadMenuFile(file)).toThrow(/button\.0\.name: .*16 bytes.*\n.*button\.0\.key/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the fake refuses what WeChat refuses (sent without our validation)', async () => {
    const bad = { button: [{ type: 'click', name: '我要报修我要报修', key: 'k' }] };
    const err = await h.api.caller.json({ api: 'menu/create', json: bad, idempotent: true }, z.unknown()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatApiError);
    expect((err as WechatApiError).errcode).toBe(40018);
  });
});
