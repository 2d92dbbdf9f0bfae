import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/env.js';
import { loadConfig, LOCAL_APP_ID } from '../../src/config/config.js';
import { createLogger } from '../../src/log.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'msw-cfg-'));

describe('configuration', () => {
  it('runs in local mode with generated secrets kept across restarts', () => {
    const dir = tmp();
    const a = loadConfig({ DATA_DIR: dir });
    expect(a.mode).toBe('local');
    expect(a.port).toBe(3000);
    expect(a.wechat.appId).toBe(LOCAL_APP_ID);
    expect(a.wechat.token).toMatch(/^[a-f0-9]{24}$/);
    expect(a.wechat.apiBase).toBe('http://127.0.0.1:3000/sim/api');
    expect(a.databaseUrl).toBeUndefined();
    expect(a.redisUrl).toBeUndefined();
    const b = loadConfig({ DATA_DIR: dir });
    expect(b.wechat.token).toBe(a.wechat.token);
    expect(JSON.parse(readFileSync(path.join(dir, 'local-secrets.json'), 'utf8')).token).toBe(a.wechat.token);
  });

  it('uses the production settings when an AppID is given', () => {
    const c = loadConfig({
      DATA_DIR: tmp(),
      WECHAT_APP_ID: 'wx49f0ab532d5d035a',
      WECHAT_TOKEN: 'tok123',
      WECHAT_APP_SECRET: 's3cret',
      DATABASE_URL: 'postgres://u@db/x',
      REDIS_URL: 'redis://r:6379',
      PUBLIC_URL: 'https://wx.example.gov.cn/',
    });
    expect(c.mode).toBe('production');
    expect(c.wechat.apiBase).toBe('https://api.weixin.qq.com');
    expect(c.publicUrl).toBe('https://wx.example.gov.cn');
  });

  it('names every bad or missing variable at once', () => {
    try {
      loadConfig({ DATA_DIR: tmp(), PORT: 'eighty', WECHAT_APP_ID: 'wxnothex', REDIS_URL: 'http://x', WECHAT_ENCODING_AES_KEY: 'short' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      for (const name of ['PORT', 'WECHAT_APP_ID', 'REDIS_URL', 'WECHAT_ENCODING_AES_KEY']) expect(msg).toContain(name);
    }
    expect(() => loadConfig({ DATA_DIR: tmp(), WECHAT_APP_ID: 'wx49f0ab532d5d035a' })).toThrow(/WECHAT_TOKEN[\s\S]*WECHAT_APP_SECRET/);
  });
});

describe('TRUST_PROXY', () => {
  const hops = (v: string) => loadConfig({ DATA_DIR: tmp(), TRUST_PROXY: v }).proxyHops;
  it('is the number of trusted proxies: true = 1, a number = that many, false or unset = none', () => {
    expect(loadConfig({ DATA_DIR: tmp() }).proxyHops).toBe(0);
    expect([hops('false'), hops('0'), hops(''), hops('true'), hops('1'), hops('2'), hops('TRUE')]).toEqual([0, 0, 0, 1, 1, 2, 1]);
  });
  it('names the variable when the value is neither', () => {
    for (const v of ['maybe', '-1', '10', '1.5'])
      expect(() => hops(v), v).toThrow('TRUST_PROXY: must be true, false or the number of reverse proxies in front of the service (1–9)');
  });
});

describe('HOST', () => {
  const production = { WECHAT_APP_ID: 'wx49f0ab532d5d035a', WECHAT_TOKEN: 'tok123', WECHAT_APP_SECRET: 's3cret' };
  it('local mode listens on 127.0.0.1 unless HOST says otherwise; production on 0.0.0.0', () => {
    expect(loadConfig({ DATA_DIR: tmp() }).host).toBe('127.0.0.1');
    expect(loadConfig({ DATA_DIR: tmp(), HOST: '' }).host).toBe('127.0.0.1');
    expect(loadConfig({ DATA_DIR: tmp(), HOST: '0.0.0.0', PUBLIC_URL: 'http://192.168.1.20:3000' })).toMatchObject({ host: '0.0.0.0', publicUrl: 'http://192.168.1.20:3000' });
    expect(loadConfig({ DATA_DIR: tmp(), ...production }).host).toBe('0.0.0.0');
    expect(loadConfig({ DATA_DIR: tmp(), ...production, HOST: '10.0.0.3' }).host).toBe('10.0.0.3');
  });
});

describe('logs', () => {
  it('never contain a token, secret or key', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) });
    const logger = createLogger('info', sink);
    const config = loadConfig({ DATA_DIR: tmp(), WECHAT_ENCODING_AES_KEY: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR' });
    logger.info({ wechat: config.wechat }, 'config');
    logger.info({ token: config.wechat.token, appSecret: config.wechat.appSecret }, 'flat');
    const out = lines.join('');
    expect(out).not.toContain(config.wechat.token);
    expect(out).not.toContain(config.wechat.appSecret);
    expect(out).not.toContain('kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR');
  });
});
