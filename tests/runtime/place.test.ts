import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { resident } from '../helpers/chat.js';
import { BOTH_SETUPS, startServiceOn } from '../helpers/service.js';

/**
 * Issue 12, item 1: a report goes where the problem is, not where the resident once reported.
 * Through the simulator, on the embedded stores and on PostgreSQL + Redis.
 */
const caseNumber = (text: string) => Number(/#(\d+)/.exec(text)?.[1]);

describe.each(BOTH_SETUPS)('reports go where the problem is — $name', ({ real }) => {
  let svc: Service;
  let n = 0;
  const someone = () => resident(svc, `oPlace${randomBytes(3).toString('hex')}${++n}`);
  const caseOf = async (number: number) => (await svc.database.db.select().from(cases).where(eq(cases.id, number)))[0]!;
  const casesBy = (openid: string) => svc.database.db.select().from(cases).where(eq(cases.openid, openid));

  beforeAll(async () => {
    svc = await startServiceOn(real);
  });
  afterAll(() => svc.stop());

  it('a resident of 龙珠 who shares 南头古城 files the case at 南头城社区, and the card says so', async () => {
    const r = someone();
    expect(await r.follow('community_longzhu')).toContain('龙珠社区');
    for (const t of ['报修', '1', '古城门口的路灯晚上不亮']) await r.say(t);
    // as WeChat sends it: GCJ-02, labelled by Tencent's map
    expect(await r.at(22.5437, 113.9305, '南头古城')).toContain('照片');
    await r.say('跳过');
    const card = await r.say('跳过');
    expect(card).toContain('社区：南头城社区');
    const number = caseNumber(await r.say('1'));
    const row = await caseOf(number);
    expect(row).toMatchObject({ communityId: 'nantoucheng', streetId: 'nantou', locationLabel: '南头古城' });
    // stored WGS-84: WeChat's GCJ-02 point moved back by the offset (about 600 m here)
    expect(row.lat).toBeCloseTo(22.54674, 4);
    expect(row.lng).toBeCloseTo(113.92564, 4);
    // the next report, from home, still defaults to 龙珠
    for (const t of ['报修', '2', '楼下人行道地砖松了']) await r.say(t);
    await r.say('3栋楼下');
    await r.say('跳过');
    expect(await r.say('跳过')).toContain('社区：龙珠社区');
  });

  it('a report at 福田 市民中心 is answered with who serves it, and nothing is filed', async () => {
    const r = someone();
    await r.follow('community_nantoucheng');
    for (const t of ['报修', '2', '广场地砖碎了好几块']) await r.say(t);
    const answer = await r.at(22.543, 114.059, '市民中心');
    expect(answer).toContain('不在本号服务的范围');
    expect(answer).toContain('福田区');
    expect(answer).toContain('12345');
    expect(answer).not.toContain('照片');
    expect(await casesBy(r.openid)).toHaveLength(0);
    // the flow is over: the next message is not taken as an answer to it
    expect(await r.say('跳过')).not.toContain('核对');
  });

  it('a typed address in 福田 gets the same answer; a point outside every street gets 12345', async () => {
    const r = someone();
    await r.follow();
    for (const t of ['报修', '2', '广场地砖碎了好几块']) await r.say(t);
    expect(await r.say('福田区福中三路市民中心')).toContain('福田区的问题请拨打 12345');
    for (const t of ['报修', '2', '路边的护栏倒了一大片']) await r.say(t);
    // 广州 (GCJ-02): no configured street, no known office
    const far = await r.at(23.1291, 113.2644, '天河路');
    expect(far).toContain('不在本号服务的范围');
    expect(far).toContain('请拨打 12345 市民服务热线');
    expect(await casesBy(r.openid)).toHaveLength(0);
  });

  it('a typed alias (同乐村) names the community; a point alone finds it (大鹏, 金湾)', async () => {
    const r = someone();
    await r.follow('community_longzhu');
    for (const t of ['报修', '3', '垃圾桶满了没人清理']) await r.say(t);
    await r.say('同乐村3巷口');
    await r.say('跳过');
    expect(await r.say('跳过')).toContain('社区：同乐社区');
    expect((await caseOf(caseNumber(await r.say('1')))).communityId).toBe('tongle');

    for (const t of ['报修', '3', '海边垃圾没人清理']) await r.say(t);
    // a point with no name the map knows, near 坝光 (大鹏新区)
    await r.at(22.6525, 114.5195, '海边栈道');
    await r.say('跳过');
    expect(await r.say('跳过')).toContain('社区：坝光社区');
    await r.say('1');

    for (const t of ['报修', '1', '路口的路灯不亮']) await r.say(t);
    // 红旗镇 八一社区 (珠海金湾)
    await r.at(22.1535, 113.3452, '某路口');
    await r.say('跳过');
    expect(await r.say('跳过')).toContain('社区：八一社区');
  });

  it('asks a new resident street first, then community, with 不清楚: the case goes to the street', async () => {
    const r = someone();
    await r.follow();
    for (const t of ['报修', '2', '路面有个大坑下雨积水']) await r.say(t);
    const streets = await r.say('小区东门口');
    expect(streets).toContain('哪个街道');
    expect(streets).toContain('南山区南头街道');
    expect(streets).toContain('不清楚');
    const lines = streets.split('\n');
    const nantou = /(\d+) 南山区南头街道/.exec(streets)![1]!;
    expect(lines.length).toBeLessThan(12);
    const list = await r.say(nantou);
    expect(list).toContain('哪个社区');
    expect(list).toContain('同乐社区');
    expect(list).not.toContain('龙珠社区');
    const unsure = /(\d+) 不清楚/.exec(list)![1]!;
    expect(await r.say(unsure)).toContain('照片');
    await r.say('跳过');
    const card = await r.say('跳过');
    expect(card).toContain('社区：南山区南头街道（社区待街道确认）');
    const number = caseNumber(await r.say('1'));
    const row = await caseOf(number);
    expect(row).toMatchObject({ communityId: null, streetId: 'nantou' });
    // with no community yet, 查询 and the public page still answer
    expect(await r.say(`查询 ${number}`)).toContain(`#${number}`);
    expect((await fetch(`${svc.url}/c/${number}`)).status).toBe(200);
  });

  it('a point inside a street but in no community asks only that street', async () => {
    const r = someone();
    await r.follow();
    for (const t of ['报修', '2', '路面有个大坑下雨积水']) await r.say(t);
    // WGS-84 ≈ 22.560, 113.935: inside 桃源街道's area, near no community's centre
    const list = await r.at(22.5571, 113.9399, '某某路');
    expect(list).toContain('哪个社区');
    expect(list).toContain('龙珠社区');
    expect(list).not.toContain('同乐社区');
    expect(await r.say('龙珠')).toContain('照片');
  });

  it('改社区 at the card changes it, and 改位置 finds the new place’s community', async () => {
    const r = someone();
    await r.follow('community_longzhu');
    for (const t of ['报修', '1', '门口路灯不亮好几天了']) await r.say(t);
    await r.say('龙珠大道口');
    await r.say('跳过');
    const card = await r.say('跳过');
    expect(card).toContain('社区：龙珠社区');
    const change = /(\d+) 改社区/.exec(card)![1]!;
    const streets = await r.say(change);
    expect(streets).toContain('哪个社区');
    const back = await r.say('峰景');
    expect(back).toContain('社区：峰景社区');
    const edit = /(\d+) 改位置/.exec(back)![1]!;
    expect(await r.say(edit)).toContain('在哪里');
    expect(await r.say('大汪山10号')).toContain('社区：大汪山社区');
    const row = await caseOf(caseNumber(await r.say('1')));
    expect(row).toMatchObject({ communityId: 'dawangshan', streetId: 'nantou', locationLabel: '大汪山10号' });
  });
});
