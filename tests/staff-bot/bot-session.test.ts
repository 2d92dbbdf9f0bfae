import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { startStaffBotSession, type StaffBotSession } from '../../src/staff-bot/bot-session.js';
import { loginDataFile } from '../../src/staff-bot/login-data.js';
import { FAKE_SECRETS, FakeWechatBot, logLines, STAFF_CHAT } from './fake-bot.js';

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(ok()).toBe(true);
};

describe('the staff bot login', () => {
  let dataDir: string;
  let file: string;
  let log: ReturnType<typeof logLines>;
  let bots: FakeWechatBot[];
  let qr: string[];
  const sessions: StaffBotSession[] = [];
  const start = () => {
    const s = startStaffBotSession({
      createBot: (data) => {
        const b = new FakeWechatBot(data);
        bots.push(b);
        return b;
      },
      loginFile: file,
      chat: STAFF_CHAT,
      logger: createLogger('debug', log),
      showQr: (url) => qr.push(url),
      retryDelayMs: () => 1,
    });
    sessions.push(s);
    return s;
  };

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'staff-bot-'));
    file = loginDataFile(dataDir);
    log = logLines();
    bots = [];
    qr = [];
  });
  afterEach(() => {
    for (const s of sessions.splice(0)) s.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the QR link, writes the login data 0600 under DATA_DIR/staff-bot, and a restart resumes it without a scan', async () => {
    const first = start();
    expect(bots).toHaveLength(1);
    expect(bots[0]!.restoredFrom).toBeUndefined();
    expect(bots[0]!.started).toBe(1);
    expect(bots[0]!.pollingTarget).toBe(''); // no heartbeat text to the file helper
    expect(qr).toEqual(['https://login.weixin.qq.com/qrcode/uuid-1']);
    expect(existsSync(file)).toBe(false);

    bots[0]!.login();
    expect(file).toBe(path.join(dataDir, 'staff-bot', 'login.json'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(bots[0]!.botData);
    expect(first.client.state).toBe('login');
    expect(log.lines.map((l) => l.msg)).toContain('staff chat found: alerts go to it');
    first.stop();

    start();
    expect(bots).toHaveLength(2);
    expect(bots[1]!.restoredFrom).toEqual(bots[0]!.botData);
    expect(bots[1]!.PROP.uin).toBe('2468');
    expect(bots[1]!.restarted).toBe(1);
    expect(bots[1]!.started).toBe(0);
    expect(qr).toHaveLength(1);
    expect(log.lines.map((l) => l.msg)).toContain('staff bot resuming the saved login');
    expect(log.raw()).not.toContain(FAKE_SECRETS.sid);
    expect(log.raw()).not.toContain(FAKE_SECRETS.cookie);
  });

  it('after a logout removes the login data, asks for a new scan and logs in with a fresh bot', async () => {
    const s = start();
    bots[0]!.login();
    bots[0]!.logout();
    bots[0]!.logout(); // said twice: still one new login
    expect(existsSync(file)).toBe(false);
    expect(log.lines.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([expect.stringMatching(/^staff bot logged out .*scans the new QR code/)]);
    await until(() => bots.length === 2);
    await new Promise((r) => setTimeout(r, 20));
    expect(bots).toHaveLength(2);
    expect(bots[1]!.restoredFrom).toBeUndefined();
    expect(bots[1]!.started).toBe(1);
    expect(qr).toEqual(['https://login.weixin.qq.com/qrcode/uuid-1', 'https://login.weixin.qq.com/qrcode/uuid-1']);
    // the old bot's late events are ignored; the client follows the new bot
    bots[0]!.emit('login');
    expect(existsSync(file)).toBe(false);
    expect(s.client.state).toBe('uuid');
    bots[1]!.login();
    expect(s.client.state).toBe('login');
    expect(existsSync(file)).toBe(true);
  });

  it('a saved login that WeChat has ended leads to a scan; after stop() no new login starts', async () => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(new FakeWechatBot().botData).replace('"uin":""', '"uin":"1357"'));
    chmodSync(file, 0o644);
    const s = start();
    expect(bots[0]!.restarted).toBe(1);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    bots[0]!.logout(); // wechat4u's restart() emits logout when the session is gone
    expect(existsSync(file)).toBe(false);
    expect(log.lines.find((l) => l.level === 40 && /no longer valid/.test(String(l.msg)))).toBeDefined();
    await until(() => bots.length === 2);
    bots[1]!.logout(); // the QR code expired unscanned
    expect(log.lines.find((l) => l.level === 40 && /login not completed/.test(String(l.msg)))).toBeDefined();
    await until(() => bots.length === 3 && bots[2]!.started === 1);
    s.stop();
    bots[2]!.logout();
    await new Promise((r) => setTimeout(r, 20));
    expect(bots).toHaveLength(3);
  });

  it('login data that is not a wechat4u login means a scan', () => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{"PROP":{"uin":""}}', { mode: 0o600 });
    start();
    expect(bots[0]!.restoredFrom).toBeUndefined();
    expect(bots[0]!.started).toBe(1);
    expect(log.lines.some((l) => l.level === 40 && /not a wechat4u login/.test(String(l.msg)))).toBe(true);
  });
});
