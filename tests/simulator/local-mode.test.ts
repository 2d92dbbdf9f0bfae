import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { startTestService } from '../helpers/service.js';

describe('local mode is local', () => {
  let svc: Service | undefined;
  afterEach(async () => {
    await svc?.stop();
    svc = undefined;
  });

  it('listens on 127.0.0.1 when HOST is not set, and the simulator says it is a development tool', async () => {
    // HOST empty = not set (the test helper otherwise names 127.0.0.1 itself)
    svc = await startTestService({ HOST: '' });
    expect(svc.config.mode).toBe('local');
    expect((svc.server.address() as AddressInfo).address).toBe('127.0.0.1');
    const page = await (await fetch(`${svc.url}/sim`)).text();
    expect(page).toContain('<title>民生微实事 · 微信模拟器（开发工具）</title>');
    expect(page).toMatch(/<p class="dev-banner" id="dev-banner" role="note">开发工具：这是本地微信模拟器，只用于测试。这里的对话不会发到真实微信，居民看不到这个页面。<\/p>/);
  }, 120_000);

  it('listens where HOST says (0.0.0.0 for a phone on the LAN), with PUBLIC_URL in the links', async () => {
    svc = await startTestService({ HOST: '0.0.0.0', PUBLIC_URL: 'http://192.0.2.20:3000' });
    expect((svc.server.address() as AddressInfo).address).toBe('0.0.0.0');
    expect(svc.config.publicUrl).toBe('http://192.0.2.20:3000');
    expect((await fetch(`http://127.0.0.1:${(svc.server.address() as AddressInfo).port}/healthz`)).status).toBe(200);
  }, 120_000);
});
