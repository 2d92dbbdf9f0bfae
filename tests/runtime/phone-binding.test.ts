import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCasePublic } from '../../src/civic/index.js';
import { createStaffUser } from '../../src/console/staff.js';
import { cases, outbox, phoneCodes, residents, subscriptions } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { resident } from '../helpers/chat.js';
import { startTestService } from '../helpers/service.js';

const PASSWORD = 'correct-horse-battery';
const USAGE = '请回复“绑定”加您的手机号，例如“绑定 13800138000”。绑定后，工作人员替您登记的事项会出现在“我的”里，有进展也会通知您。';

/**
 * Issue 15, item 1, end to end: a staff member files a report for a caller's phone number in the
 * console → the resident binds that number in the bot with the one-time code → the case is in their
 * 我的 → the staff member's next move is pushed to them through the outbox.
 */
describe('filed on a resident’s behalf, then found by 绑定手机号', () => {
  let svc: Service;
  let cookie = '';
  let csrf = '';
  let seq = 0;
  const consoleApi = (method: string, p: string, body?: unknown) =>
    fetch(`${svc.url}/api/console${p}`, {
      method,
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const fileFor = async (phone: string, formToken = `form-${++seq}-xyz`) => {
    const r = await consoleApi('POST', '/cases', {
      kind: 'report',
      formToken,
      channel: 'phone',
      contactName: '王阿姨',
      phone,
      communityId: 'nantoucheng',
      category: '路灯照明',
      location: { label: '南头古城东门' },
      description: '来电反映：东门路灯不亮一周了',
    });
    expect(r.status, await r.clone().text()).toBe(200);
    return (await r.json()) as { caseId: number; created: boolean };
  };
  /** the code the bot's reply shows (no SMS gateway configured) */
  const codeIn = (reply: string) => /验证码是 (\d{6})/.exec(reply)?.[1] ?? '';

  beforeAll(async () => {
    svc = await startTestService();
    await createStaffUser(svc.database.db, { username: 'nt', displayName: '张三', password: PASSWORD, role: 'community', communityId: 'nantoucheng' }, { memoryCost: 1024, timeCost: 1 });
    const login = await fetch(`${svc.url}/api/console/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'nt', password: PASSWORD }) });
    expect(login.status).toBe(200);
    cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  });
  afterAll(() => svc?.stop());

  it('「绑定 手机号」 says how; 「绑定 13800138000」 sends a code; a wrong code counts a try; the right one finds the case; 我的 lists it; a move pushes to them', async () => {
    const { db } = svc.database;
    // the phone as staff typed it from the call: kept as 11 digits so that the binding finds it
    const filed = await fileFor('138 0013 8000');
    expect(filed.created).toBe(true);
    expect((await db.select().from(cases).where(eq(cases.id, filed.caseId)))[0]).toMatchObject({ openid: null, phone: '13800138000', channel: 'phone' });

    const r = resident(svc, 'o-bind-1');
    expect(await r.say('绑定 手机号')).toBe(USAGE);
    const sent = await r.say('绑定 13800138000');
    const code = codeIn(sent);
    expect(sent).toBe(`您的验证码是 ${code}，10 分钟内有效。请回复“验证码 ${code}”，完成绑定手机号 138****8000。`);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await r.say(`验证码 ${wrong}`)).toBe('验证码不对，请再核对一下。还可以再试 4 次。');
    expect((await db.select().from(cases).where(eq(cases.id, filed.caseId)))[0]!.openid).toBeNull();
    // the six digits alone while a code waits
    expect(await r.say(code)).toBe('手机号 138****8000 已绑定。\n已为您找到 1 件由工作人员代为登记的事项，可回复“我的”查看。');
    expect((await db.select().from(residents).where(eq(residents.openid, 'o-bind-1')))[0]!.phone).toBe('13800138000');
    expect(await db.select({ role: subscriptions.role }).from(subscriptions).where(eq(subscriptions.caseId, filed.caseId))).toEqual([{ role: 'author' }]);
    expect(await db.select().from(phoneCodes).where(eq(phoneCodes.openid, 'o-bind-1'))).toEqual([]);
    expect(await r.say('我的')).toContain(`#${filed.caseId} `);

    const move = await consoleApi('POST', `/cases/${filed.caseId}/transition`, { to: 'accepted', data: { assignee: '南头城电工班' }, publicNote: '已派电工' });
    expect(move.status, await move.clone().text()).toBe(200);
    const pushes = await db.select().from(outbox).where(and(eq(outbox.openid, 'o-bind-1'), eq(outbox.caseId, filed.caseId)));
    expect(pushes.length).toBeGreaterThan(0);

    // the staff timeline says who filed it and through which channel; the contact shows to staff in scope
    const detail = (await (await consoleApi('GET', `/cases/${filed.caseId}`)).json()) as { case: Record<string, unknown>; timeline: { type: string; filing?: string | null }[] };
    expect(detail.timeline.find((e) => e.type === 'created')?.filing).toBe('由 张三 代为登记（电话）');
    expect(detail.case).toMatchObject({ contactName: '王阿姨', phone: '13800138000', channel: 'phone', channelLabel: '电话' });

    // the public page and what 查询 reads never show the contact
    const page = await fetch(`${svc.url}/c/${filed.caseId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('路灯');
    for (const secret of ['王阿姨', '13800138000', '138****8000', '张三']) expect(html).not.toContain(secret);
    const lookup = await resident(svc, 'o-bind-other').say(`查询 ${filed.caseId}`);
    expect(lookup).toContain(`#${filed.caseId}`);
    for (const secret of ['王阿姨', '13800138000', '张三']) expect(lookup).not.toContain(secret);
    expect(JSON.stringify(await getCasePublic(db, filed.caseId))).not.toMatch(/王阿姨|13800138000|contactName/);
  });

  it('five wrong codes end the code; a case of another phone is not found', async () => {
    await fileFor('13900139000');
    const r = resident(svc, 'o-bind-2');
    const code = codeIn(await r.say('绑定13700137000'));
    const wrong = code === '000000' ? '111111' : '000000';
    for (let left = 4; left >= 1; left--) expect(await r.say(`验证码 ${wrong}`)).toBe(`验证码不对，请再核对一下。还可以再试 ${left} 次。`);
    expect(await r.say(`验证码 ${wrong}`)).toBe('验证码错误次数太多，这个验证码已作废。请重新回复“绑定”加手机号，获取新的验证码。');
    expect(await r.say(`验证码 ${code}`)).toBe('现在没有要验证的手机号。请先回复“绑定”加您的手机号，例如“绑定 13800138000”。');
    const again = codeIn(await r.say('绑定 13700137000'));
    expect(await r.say(`验证码 ${again}`)).toBe('手机号 137****7000 已绑定。');
  });

  it('a number that is not a mobile is refused; six digits with no code waiting are not taken as one', async () => {
    const r = resident(svc, 'o-bind-3');
    expect(await r.say('绑定 12345')).toBe('这个号码不像手机号。请回复“绑定”加 11 位手机号，例如“绑定 13800138000”。');
    expect(await r.say('123456')).not.toContain('验证码');
  });

  it('in the middle of a report: answered, then the report’s question asked again; six digits stay the flow’s', async () => {
    const r = resident(svc, 'o-bind-4');
    const asked = await r.say('报修');
    const sent = await r.say('绑定 13500135000');
    expect(sent.startsWith('您的验证码是 ')).toBe(true);
    expect(asked).toContain('您要反映哪一类问题');
    expect(sent).toMatch(/\n我们接着填写刚才的报修：\s+您要反映哪一类问题/);
    // a code waits, but a flow asks: the digits are the flow's answer, not the code
    const code = codeIn(sent);
    expect(await r.say(code)).not.toContain('已绑定');
    expect(await r.say('取消')).toBeTruthy();
    expect(await r.say(`验证码 ${code}`)).toBe('手机号 135****5000 已绑定。');
  });
});
