import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/simulator/cli-commands.js';
import { botText, formatApiEntry, formatReply } from '../../src/simulator/cli-format.js';
import type { InboundMessage } from '../../src/wechat/inbound.js';
import { simBot } from '../browser/sim-bot.js';
import { postJson, startLocalService } from './local-service.js';

describe('terminal commands', () => {
  it('parses text and commands', () => {
    expect(parseCommand('你好 ')).toEqual({ type: 'text', content: '你好' });
    expect(parseCommand('//loc 不是命令')).toEqual({ type: 'text', content: '/loc 不是命令' });
    expect(parseCommand('/loc 22.5446,113.9227 南头 古城')).toEqual({ type: 'location', lat: 22.5446, lng: 113.9227, label: '南头 古城' });
    expect(parseCommand('/loc 22.5，113.9')).toEqual({ type: 'location', lat: 22.5, lng: 113.9, label: '' });
    expect(parseCommand('/loc north')).toMatchObject({ type: 'error' });
    expect(parseCommand('/loc 95,113')).toMatchObject({ type: 'error' });
    expect(parseCommand('/img ./a b.png')).toEqual({ type: 'image', path: './a b.png' });
    expect(parseCommand('/img')).toEqual({ type: 'image' });
    expect(parseCommand('/menu 位置报修 22.5,113.9 同乐')).toEqual({ type: 'menu', key: '位置报修', args: '22.5,113.9 同乐' });
    expect(parseCommand('/follow')).toEqual({ type: 'follow' });
    expect(parseCommand('/scan community_tongle')).toEqual({ type: 'scan', scene: 'community_tongle' });
    expect(parseCommand('/scan')).toMatchObject({ type: 'error' });
    expect(parseCommand('/as oAbc_123')).toEqual({ type: 'as', openid: 'oAbc_123' });
    expect(parseCommand('/as o<script>')).toMatchObject({ type: 'error' });
    expect(parseCommand('/tap 2')).toEqual({ type: 'tap', n: 2 });
    expect(parseCommand('/link 通知 公告 https://example.org/x')).toEqual({ type: 'link', title: '通知 公告', url: 'https://example.org/x' });
    expect(parseCommand('/nope')).toMatchObject({ type: 'error' });
    expect(parseCommand('   ')).toEqual({ type: 'none' });
  });

  it('prints quick replies numbered, failures as WeChat shows them', () => {
    const p = botText('请选择：<a href="weixin://bizmsgmenu?msgmenucontent=报修&msgmenuid=7">报修</a>');
    expect(p.lines[0]).toBe('民生微实事 › 请选择：[1] 报修');
    expect(p.quick).toEqual([{ label: '报修', content: '报修', menuId: '7' }]);
    expect(formatReply({ type: 'failed', reason: 'no answer' }, 3, ['x']).lines[0]).toBe('⚠ 该公众号暂时无法提供服务，请稍后再试');
    const tpl = formatApiEntry({ api: 'message/template/send', body: { template_id: 'T', data: { thing1: { value: '路灯' } }, url: 'http://x/1' }, response: { errcode: 0, errmsg: 'ok' } });
    expect(tpl.lines).toEqual(['模板消息 › T', '    thing1: 路灯', '    详情：http://x/1']);
    expect(formatApiEntry({ api: 'message/custom/send', body: {}, response: { errcode: 45047, errmsg: 'out of response count limit' } }).lines[0]).toContain('45047');
  });
});

describe('npm run chat against the running local service', () => {
  const seen: InboundMessage[] = [];
  let svc: Awaited<ReturnType<typeof startLocalService>>;
  let child: ChildProcessWithoutNullStreams | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sim-cli-'));
  beforeAll(async () => {
    svc = await startLocalService(simBot(seen));
  });
  afterAll(async () => {
    child?.kill();
    await svc?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('chats, taps a quick reply and prints a customer-service message as it arrives', async () => {
    const openid = 'oCliTest0001';
    child = spawn(process.execPath, ['--import', 'tsx', 'src/simulator/cli.ts', '--url', svc.url, '--as', openid], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    });
    let out = '';
    const waiters: { text: string; resolve: () => void }[] = [];
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      for (const w of [...waiters]) if (out.includes(w.text)) (waiters.splice(waiters.indexOf(w), 1), w.resolve());
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const printed = (text: string) => new Promise<void>((resolve) => (out.includes(text) ? resolve() : waiters.push({ text, resolve })));

    await printed(`居民 ${openid}`);
    child.stdin.write('你好\n');
    await printed('民生微实事 › 您好！我是民生微实事小助手');
    expect(out).toContain('[1] 1 反映问题（报修）');
    child.stdin.write('/tap 1\n');
    await printed('来自快捷回复 101');
    expect(seen.at(-1)).toMatchObject({ type: 'text', content: '报修', menuId: '101', fromUser: openid });

    const { appId, appSecret } = svc.service.config.wechat;
    const token = (await postJson(`${svc.url}/sim/api/cgi-bin/stable_token`, { grant_type: 'client_credential', appid: appId, secret: appSecret })).json.access_token;
    const kf = await postJson(`${svc.url}/sim/api/cgi-bin/message/custom/send?access_token=${token}`, { touser: openid, msgtype: 'text', text: { content: '网格员正在路上' } });
    expect(kf.json.errcode).toBe(0);
    await printed('客服消息 › 网格员正在路上');

    child.stdin.write('/loc 22.5446,113.9227 南头古城\n');
    await printed('已记录位置：南头古城');
    const exited = new Promise<number | null>((r) => child!.once('exit', r));
    child.stdin.write('/quit\n');
    expect(await exited).toBe(0);
  });
});
