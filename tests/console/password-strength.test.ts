import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localAdminPassword } from '../../src/console/auth/local-admin.js';
import { passwordWeakness } from '../../src/console/auth/password-strength.js';
import { staffUsers } from '../../src/db/schema.js';
import { PASSWORD, startConsole, type ConsoleHarness } from './harness.js';

describe('password strength', () => {
  it('refuses common and trivially weak passwords, saying why', () => {
    const weak: [string, string][] = [
      ['password1234', '是常见密码或由常见的拼音、姓名组成'],
      ['Password@123', '是常见密码或由常见的拼音、姓名组成'],
      ['woaini5201314', '是常见密码或由常见的拼音、姓名组成'],
      ['zhangwei1988', '是常见密码或由常见的拼音、姓名组成'],
      ['1qaz2wsx3edc', '是常见密码或由常见的拼音、姓名组成'],
      ['abcdefghijkl', '是连续的字母或数字（如 abcd、123456）'],
      ['/.,mnbvcxz;lkj', '是键盘上相邻的按键（如 qwerty、1qaz）'],
      ['aaaaaaaaaaaa', '有重复的字符或片段'],
      ['xyzxyzxyzxyz', '有重复的字符或片段'],
    ];
    for (const [password, why] of weak) expect(passwordWeakness(password, ['someone', '某人']), password).toBe(why);
  });

  it('counts the username and the display name as guessable', () => {
    expect(passwordWeakness('nt-worker-2024', ['nt-worker', '南头城社工'])).toBe('含有用户名或姓名');
    expect(passwordWeakness('nt-worker-2024', ['someone', '某人'])).toBeUndefined();
    expect(passwordWeakness('liuxiaoming88!', ['lxm', 'liuxiaoming'])).toBe('含有用户名或姓名');
  });

  it('takes long unrelated words and random strings, whatever their length rule would say', () => {
    for (const p of ['yun-shui-qiao-37', 'correct-horse-battery', 'Fv9kT2pqLw3x', '苹果-火车-云朵-37']) expect(passwordWeakness(p, ['admin', '管理员']), p).toBeUndefined();
  });

  it("local mode's generated admin password always passes", () => {
    for (let i = 0; i < 40; i++) expect(passwordWeakness(localAdminPassword(), ['admin', '管理员'])).toBeUndefined();
    // and the draw it makes is one that passes on its own, not only because it is redrawn
    let refused = 0;
    for (let i = 0; i < 40; i++) if (passwordWeakness(randomBytes(12).toString('base64url'), ['admin', '管理员'])) refused++;
    expect(refused).toBe(0);
  });
});

describe('every place a staff password is set refuses a weak one', () => {
  let h: ConsoleHarness;
  let admin: Awaited<ReturnType<ConsoleHarness['login']>>;
  let workerId: number;
  const expectWeak = (a: { status: number; json: any }, why: string) => {
    expect(a.status).toBe(400);
    expect(a.json.error).toMatchObject({ code: 'bad_request', reason: 'weak_password' });
    expect(a.json.error.message).toBe(`密码太容易被猜到：${why}。请换一个更长、不含用户名和常见词的密码，例如把三四个不相关的词连在一起（如 yun-shui-qiao-37）。`);
  };
  beforeAll(async () => {
    h = await startConsole();
    await h.user('boss', 'admin');
    workerId = await h.user('zhou-worker', 'community', { communityId: 'nantoucheng' });
    admin = await h.login('boss');
  });
  afterAll(() => h.close());

  it('the console password change', async () => {
    const me = await h.login('zhou-worker');
    expectWeak(await me.post('/api/console/password', { currentPassword: PASSWORD, newPassword: 'password1234' }), '是常见密码或由常见的拼音、姓名组成');
    expectWeak(await me.post('/api/console/password', { currentPassword: PASSWORD, newPassword: 'zhou-worker1' }), '含有用户名或姓名');
    expect((await me.post('/api/console/password', { currentPassword: PASSWORD, newPassword: 'yun-shui-qiao-37' })).status).toBe(200);
  });

  it('an admin creating an account', async () => {
    const body = { username: 'new-clerk', displayName: '陈静', role: 'street', streetId: 'nantou' };
    expectWeak(await admin.post('/api/console/staff', { ...body, password: 'qwertyuiop12' }), '是常见密码或由常见的拼音、姓名组成');
    expectWeak(await admin.post('/api/console/staff', { ...body, password: 'new-clerk-2026' }), '含有用户名或姓名');
    expect((await h.db.select().from(staffUsers).where(eq(staffUsers.username, 'new-clerk'))).length).toBe(0);
    expect((await admin.post('/api/console/staff', { ...body, password: 'lantern-oyster-89' })).status).toBe(201);
  });

  it('an admin resetting a password', async () => {
    expectWeak(await admin.patch(`/api/console/staff/${workerId}`, { password: '1234567890' }), '是常见密码或由常见的拼音、姓名组成');
    expectWeak(await admin.patch(`/api/console/staff/${workerId}`, { password: 'zhou-worker!!' }), '含有用户名或姓名');
    expect((await admin.patch(`/api/console/staff/${workerId}`, { password: 'granite-willow-52' })).status).toBe(200);
  });
});
