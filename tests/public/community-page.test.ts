import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { openSeeded } from '../civic/fixtures.js';
import { days, NOW, sectionOf, seedShowcase, startPages, type PagesServer, type Showcase } from './fixtures.js';

describe('public community and publicity pages', () => {
  let database: Database;
  let mediaDir: string;
  let s: Showcase;
  let srv: PagesServer;

  beforeAll(async () => {
    database = await openSeeded();
    mediaDir = mkdtempSync(path.join(tmpdir(), 'msw-public-'));
    s = await seedShowcase(database.db, mediaDir);
    srv = await startPages({ db: database.db, mediaDir, now: () => NOW });
  });
  afterAll(async () => {
    await srv.close();
    await database.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  it("the year's figures: 征集 / 确定 / 实施 / 完成 with their money", async () => {
    const r = await srv.get('/community/shabaishi');
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('public, max-age=60');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(r.text).toContain('<h1>沙白石村</h1>');
    const figs = sectionOf(r.text, '2026年 微实事项目');
    // 8 filed; approved, publicised, implementing, completed are confirmed; 603万 = the sum of the 8 estimates
    const fig = (label: string) => new RegExp(`<span>${label}</span><strong>([^<]+)</strong><em>([^<]+)<span class="nw">([^<]+)</span>`).exec(figs)!.slice(1);
    expect(fig('征集')).toEqual(['8 个', '申请 ', '603万元']);
    expect(fig('确定')).toEqual(['4 个', '批准 ', '68.8万元']);
    expect(fig('实施')).toEqual(['2 个', '批准 ', '35万元']);
    expect(fig('完成')).toEqual(['1 个', '支出 ', '19.5万元']);
    expect(figs).toContain('备选库 1 个 · 不予采纳 1 个');
  });

  it('projects grouped by stage, each with the money of its stage', async () => {
    const r = await srv.get('/community/shabaishi');
    const g1 = sectionOf(r.text, '征集 / 审核');
    expect(g1).toContain('（2 个）');
    expect(g1).toContain(`<a href="/c/${s.projects.collected}">老人饭堂送餐服务</a>`);
    expect(g1).toContain(`<a href="/c/${s.projects.reviewing}">篮球场照明改造</a>`);
    expect(g1).toContain('预估 <span class="nw">12万元</span>');
    const g2 = sectionOf(r.text, '已确定 / 公示');
    expect(g2).toContain('四点半课堂');
    expect(g2).toContain('村巷加装照明灯');
    expect(g2).toContain('公示 3月12日 至 3月19日');
    expect(g2).toContain('批准 <span class="nw">28万元</span> · 2026年第一批');
    const g3 = sectionOf(r.text, '实施中');
    expect(g3).toContain('村口公交站加装雨棚');
    expect(g3).toContain('<progress value="60" max="100">60%</progress>');
    const g4 = sectionOf(r.text, '已完成 / 已评议');
    expect(g4).toContain('批准 <span class="nw">20万元</span> · 支出 <span class="nw">19.5万元</span>');
    // reserve and declined are counted, not listed
    expect(r.text).not.toContain('修建地下停车场');
    expect(r.text).not.toContain('村史馆布展');
    expect(r.text).toContain('<a href="/community/shabaishi/publicity">正在公示的项目（1 个）</a>');
  });

  it('reports of the year: received, resolved, on time, open', async () => {
    const r = await srv.get('/community/nantoucheng');
    const figs = sectionOf(r.text, '2026年 居民报修');
    expect(figs).toContain('<span>收到</span><strong>1 件</strong>');
    expect(figs).toContain('<span>已办结</span><strong>0 件</strong>');
    expect(figs).toContain('<span>按时办结</span><strong>0 件</strong>');
    expect(figs).toContain('<span>正在办理</span><strong>1 件</strong>');
    expect(sectionOf(r.text, '征集 / 审核')).toContain('暂无项目');
  });

  it('unknown or malformed community: a zh-CN 404', async () => {
    for (const p of ['/community/nowhere', '/community/Bad!', '/community/nowhere/publicity']) {
      const r = await srv.get(p);
      expect(r.status, p).toBe(404);
      expect(r.text).toContain('没有找到这个社区');
    }
  });

  it('publicity: what is publicised now, with dates, money and how to object', async () => {
    for (const p of ['/publicity', '/community/shabaishi/publicity']) {
      const r = await srv.get(p);
      expect(r.status).toBe(200);
      expect(r.headers.get('cache-control')).toBe('public, max-age=60');
      expect(r.text).toContain(`<a href="/c/${s.projects.publicised}">村巷加装照明灯</a>`);
      expect(r.text).toContain('批准预算 <strong>28万元</strong>');
      expect(r.text).toContain('公示期 3月12日 至 3月19日（<span class="nw">还剩 5 天</span>）');
      expect(r.text).toContain('<strong class="nw">“人工”</strong>');
      expect(r.text).not.toContain('四点半课堂'); // approved, not yet publicised
      expect(r.text).not.toContain('村口公交站加装雨棚'); // its notice period is over
    }
    const none = await srv.get('/community/nantoucheng/publicity');
    expect(none.text).toContain('目前没有正在公示的项目');
    expect(none.text).toContain('如何提出异议');
  });

  it('the notice period follows the injected clock', async () => {
    const before = await startPages({ db: database.db, now: () => days(9) });
    const last = await startPages({ db: database.db, now: () => days(17) });
    try {
      expect((await before.get('/publicity')).text).toContain('目前没有正在公示的项目');
      expect((await last.get('/publicity')).text).toContain('今天是最后一天');
    } finally {
      await before.close();
      await last.close();
    }
  });
});
