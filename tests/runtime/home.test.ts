import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residents } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { resident } from '../helpers/chat.js';
import { BOTH_SETUPS, startServiceOn } from '../helpers/service.js';

/**
 * Issue 12, items 1 and 6: a resident can see and change their own community (我的社区, 我住在同乐,
 * 搬家了，我现在住同乐社区), and a new resident's 公示 → 同乐社区 shows 同乐's 公示 instead of the help.
 */
describe.each(BOTH_SETUPS)('the resident’s own community — $name', ({ real }) => {
  let svc: Service;
  let n = 0;
  const someone = () => resident(svc, `oHome${randomBytes(3).toString('hex')}${++n}`);
  const homeOf = async (openid: string) => (await svc.database.db.select().from(residents).where(eq(residents.openid, openid)))[0]?.communityId;

  beforeAll(async () => {
    svc = await startServiceOn(real);
  });
  afterAll(() => svc.stop());

  it('a new resident’s 公示 → 同乐社区 shows 同乐’s 公示, not the help', async () => {
    const r = someone();
    await r.follow();
    const help = await r.say('帮助');
    expect(await r.say('公示')).toContain('住在哪个社区');
    const answer = await r.say('同乐社区');
    expect(answer).toContain('已把您的社区改为同乐社区（南头街道）');
    expect(answer).toContain('同乐社区目前没有正在公示的项目');
    expect(answer).not.toContain(help.split('\n')[0]!);
    expect(await homeOf(r.openid)).toBe('tongle');
    expect(await r.say('公示')).toContain('同乐社区');
  });

  it('我的社区 shows it; 我住在同乐 and 搬家了，我现在住龙珠社区 change it; a report whose place says nothing defaults to it', async () => {
    const r = someone();
    await r.follow();
    expect(await r.say('我的社区')).toContain('还没有登记社区');
    expect(await r.say('我住在同乐')).toContain('已把您的社区改为同乐社区');
    expect(await r.say('我的社区')).toContain('您登记的社区是同乐社区（南头街道）');
    expect(await r.say('搬家了，我现在住龙珠社区')).toContain('已把您的社区改为龙珠社区（桃源街道）');
    expect(await homeOf(r.openid)).toBe('longzhu');
    for (const t of ['报修', '1', '门口的路灯晚上不亮']) await r.say(t);
    await r.say('3栋门口');
    await r.say('跳过');
    expect(await r.say('跳过')).toContain('社区：龙珠社区');
    expect(await r.say('取消')).toBeTruthy();
  });

  it('a place that is no community is said so; a problem told with 住 is still a problem', async () => {
    const r = someone();
    await r.follow('community_daxin');
    expect(await r.say('我住在火星基地')).toContain('没找到这个社区');
    expect(await homeOf(r.openid)).toBe('daxin');
    const problem = await r.say('我住的楼下路灯坏了好几天');
    expect(problem).not.toContain('社区改为');
    expect(problem).toContain('在哪里');
    // a community's name alone, from a resident who has one, is not taken as moving house
    await r.say('取消');
    await r.say('1');
    expect(await r.say('同乐社区')).not.toContain('社区改为');
    expect(await homeOf(r.openid)).toBe('daxin');
  });
});
