import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseMedia, cases } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { resident } from '../helpers/chat.js';
import { BOTH_SETUPS, startServiceOn } from '../helpers/service.js';

/**
 * Issue 12, item 5: what the bot tells the resident it has is what it files. Each case is one of the
 * failures quoted in the issue, through the simulator, on the embedded stores and on PostgreSQL + Redis.
 */
const caseNumber = (text: string) => Number(/#(\d+)/.exec(text)?.[1]);

describe.each(BOTH_SETUPS)("the bot's account matches what it stored — $name", ({ real }) => {
  let svc: Service;
  let n = 0;
  const someone = () => resident(svc, `oAcc${randomBytes(3).toString('hex')}${++n}`);
  const mediaOf = (id: number) => svc.database.db.select().from(caseMedia).where(eq(caseMedia.caseId, id));

  beforeAll(async () => {
    svc = await startServiceOn(real);
  });
  afterAll(() => svc.stop());

  it('拍照报修: the photo is the report\'s photo, not asked for again, and the card counts it', async () => {
    const r = someone();
    await r.follow('community_daxin');
    const first = await r.send({ kind: 'event', event: 'pic_photo_or_album', key: '拍照报修' });
    expect(first).toContain('收到照片');
    expect(first).toContain('哪一类问题');
    await r.say('3');
    await r.say('小区门口垃圾堆了三天没人收');
    const afterPlace = await r.at(22.54, 113.93, '大新小区门口');
    expect(afterPlace).not.toContain('照片');
    expect(afterPlace).toContain('电话');
    const card = await r.say('跳过');
    expect(card).toContain('照片：1 张');
    const number = caseNumber(await r.say('1'));
    expect(await mediaOf(number)).toHaveLength(1);
  });

  it('a photo sent at the location step is kept and counted; the location is asked again', async () => {
    const r = someone();
    await r.follow('community_daxin');
    for (const t of ['报修', '1', '大新路口的路灯一直不亮']) await r.say(t);
    const kept = await r.photo();
    expect(kept).toContain('第 1 张');
    expect(kept).not.toContain('用不上');
    expect(kept).toContain('在哪里');
    expect(await r.at(22.5401, 113.9301, '大新路口')).toContain('电话');
    const card = await r.say('跳过');
    expect(card).toContain('照片：1 张');
    const number = caseNumber(await r.say('1'));
    expect(await mediaOf(number)).toHaveLength(1);
  });

  it('位置报修: the place picked is the report\'s place, taken once, never 这一步还用不上', async () => {
    const r = someone();
    await r.follow('community_daxin');
    const picked = await r.send({ kind: 'event', event: 'location_select', key: '位置报修', lat: 22.5402, lng: 113.9302, label: '大新路18号', poiname: '大新路18号' });
    expect(picked).not.toContain('用不上');
    expect(picked.match(/哪一类问题/g)).toHaveLength(1);
    await r.say('2');
    expect(await r.say('大新路18号门口地砖翘起来了')).toContain('照片');
    await r.say('跳过');
    const card = await r.say('跳过');
    expect(card).toContain('位置：大新路18号');
    const number = caseNumber(await r.say('1'));
    const [row] = await svc.database.db.select().from(cases).where(eq(cases.id, number));
    expect(row!.lat).toBeCloseTo(22.5402);
  });

  it('a 4th photo is refused and the resident told so: the card and the files agree on 3', async () => {
    const r = someone();
    await r.follow('community_daxin');
    for (const t of ['报修', '2']) await r.say(t);
    for (let i = 1; i <= 3; i++) expect(await r.photo()).toContain(`第 ${i} 张`);
    const fourth = await r.photo();
    expect(fourth).toContain('最多收 3 张');
    expect(fourth).toContain('描述');
    await r.say('人行道地砖碎了好几块');
    expect(await r.at(22.561, 113.951, '大新小区2栋')).toContain('电话');
    const card = await r.say('跳过');
    expect(card).toContain('照片：3 张');
    const number = caseNumber(await r.say('1'));
    expect(await mediaOf(number)).toHaveLength(3);
  });

  it('three photos at the photo step, a 4th at the phone step: refused, 3 filed', async () => {
    const r = someone();
    await r.follow('community_daxin');
    for (const t of ['报修', '3', '垃圾桶边上的垃圾没人收']) await r.say(t);
    await r.at(22.572, 113.962, '大新小区3栋');
    await r.photo();
    await r.photo();
    expect(await r.photo()).toContain('电话');
    expect(await r.photo()).toContain('最多收 3 张');
    const card = await r.say('跳过');
    expect(card).toContain('照片：3 张');
    const number = caseNumber(await r.say('1'));
    expect(await mediaOf(number)).toHaveLength(3);
  });

  it('a photo sent just after submitting offers 补充到 #N？: 1 (or the tap) adds it to that case', async () => {
    const r = someone();
    await r.follow('community_daxin');
    for (const t of ['报修', '6', '楼下广场舞音响太吵到晚上十点']) await r.say(t);
    await r.at(22.581, 113.971, '大新广场');
    await r.say('跳过');
    await r.say('跳过');
    const number = caseNumber(await r.say('1'));
    expect(await mediaOf(number)).toHaveLength(0);
    const offer = await r.photo();
    expect(offer).toContain(`补充到刚提交的 #${number}`);
    expect(offer).toContain('msgmenucontent=1&');
    expect(offer).not.toContain('哪一类问题');
    expect(await r.send({ kind: 'text', content: '1', menuId: '1' })).toContain(`已补充到 #${number}`);
    expect(await mediaOf(number)).toHaveLength(1);
    // 2: kept for the next report, whose card counts it
    const again = await r.photo();
    expect(again).toContain(`#${number}`);
    expect(await r.say('2')).toContain('先为您留着');
    expect(await mediaOf(number)).toHaveLength(1);
    const next = await r.say('报修');
    expect(next).toContain('哪一类问题');
    for (const t of ['6', '广场舞音响又开到很晚']) await r.say(t);
    await r.at(22.591, 113.981, '大新广场东侧');
    expect(await r.say('跳过')).toContain('照片：1 张');
  });

  it('offers a nearby open report right after the location, before photo and phone', async () => {
    const first = someone();
    await first.follow('community_tongle');
    for (const t of ['报修', '5', '同乐村东口井盖不见了很危险']) await first.say(t);
    await first.at(22.5515, 113.9215, '同乐村东口');
    await first.say('跳过');
    await first.say('跳过');
    const number = caseNumber(await first.say('1'));
    const second = someone();
    await second.follow('community_tongle');
    for (const t of ['报修', '5', '东口的井盖没有了']) await second.say(t);
    const offer = await second.at(22.5516, 113.9216, '同乐村东口');
    expect(offer).toContain(`#${number}`);
    expect(offer).not.toContain('照片');
    expect(await second.say('2')).toContain('照片');
  });
});
