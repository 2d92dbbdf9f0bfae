import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerClaim, transition } from '../../src/civic/index.js';
import { caseEvents, cases } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { readFollowUps } from '../../src/state/follow-ups.js';
import { keys } from '../../src/state/keys.js';
import { resident } from '../helpers/chat.js';
import { startTestService } from '../helpers/service.js';

const staff = { type: 'staff' as const, id: '1' };
const caseNumber = (text: string) => Number(/#(\d+)/.exec(text)?.[1]);

/** 微心愿 in the bot: 心愿 starts it, 查询 and 我的 show it to its wisher only until published, 认领 points to the wall, and the wisher answers 心愿收到了吗. */
describe('a wish through the bot', () => {
  let svc: Service;
  let n = 0;
  const someone = () => resident(svc, `oWish${randomBytes(3).toString('hex')}${++n}`);
  beforeAll(async () => {
    svc = await startTestService({}, { db: 'postgres', storePrefix: `t:${randomBytes(4).toString('hex')}:` });
  });
  afterAll(() => svc.stop());

  async function fileWish(r: ReturnType<typeof someone>): Promise<number> {
    await r.follow('community_nantoucheng');
    expect(await r.say('心愿')).toContain('说一个小心愿吧');
    expect(await r.say('一台助听器')).toContain('为谁许的');
    expect(await r.say('独居老人')).toContain('为什么需要它');
    expect(await r.say('3栋的王阿姨耳朵不好，听不见敲门声')).toContain('值多少钱');
    expect(await r.say('1500元')).toContain('电话');
    const confirm = await r.say('13812345678');
    expect(confirm).toContain('请核对您的心愿');
    expect(confirm).toContain('南头城社区');
    const filed = await r.say('1');
    expect(filed).toContain('心愿墙');
    return caseNumber(filed);
  }

  async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
    for (let i = 0; i < 200; i++) {
      svc.push?.wake();
      const v = await probe();
      if (v !== undefined) return v;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`never happened: ${what}`);
  }

  it('is filed by 心愿, private until published: 查询 shows it to its wisher only, with no public page', async () => {
    const wisher = someone();
    const id = await fileWish(wisher);
    const [row] = await svc.database.db.select().from(cases).where(eq(cases.id, id));
    expect(row).toMatchObject({ kind: 'wish', status: 'pending', title: '一台助听器', beneficiaries: '独居老人', estimatedCost: 1_500_00, phone: '13812345678', communityId: 'nantoucheng' });
    const own = await wisher.say(`查询 ${id}`);
    expect(own).toContain(`【微心愿 #${id}】一台助听器`);
    expect(own).toContain('当前状态：待审核');
    expect(own).toContain('心愿价值：约1,500元');
    expect(own).not.toContain('/c/');
    expect(await wisher.say('我的')).toContain(`#${id} 一台助听器｜待审核`);
    const other = someone();
    expect(await other.say(`查询 ${id}`)).toContain(`没有找到编号 ${id} 的事项`);
    expect(await other.say(`订阅 ${id}`)).toContain(`没有找到编号 ${id} 的事项`);
    expect(await other.say(`认领 ${id}`)).toContain('现在不能认领');
  });

  it('认领 lists what waits for a claimer with the wall, and 认领 N gives the claim form', async () => {
    const wisher = someone();
    const id = await fileWish(wisher);
    await transition(svc.database.db, { caseId: id, to: 'published', actor: staff, data: { description: '一位独居老人耳朵不好，听不见敲门声' } }, { now: new Date() });
    const volunteer = someone();
    await volunteer.follow('community_nantoucheng');
    const list = await volunteer.say('认领');
    expect(list).toContain('正在等待爱心认领');
    expect(list).toContain(`#${id} 一台助听器（为独居老人，约1,500元）`);
    expect(list).toContain('/wishes?community=nantoucheng');
    const how = await volunteer.say(`认领 ${id}`);
    expect(how).toContain(`/wishes/${id}/claim`);
    expect(how).toContain('电话不公开');
    // the public wall shows what staff published, not the wisher's words
    expect(await volunteer.say(`查询 ${id}`)).toContain('当前状态：已发布');
  });

  it('asks the wisher 心愿收到了吗 once it came true; a word of thanks goes on the wish, anything else goes on as usual', async () => {
    const wisher = someone();
    const id = await fileWish(wisher);
    const db = svc.database.db;
    await transition(db, { caseId: id, to: 'published', actor: staff }, { now: new Date() });
    const { claimId } = await offerClaim(db, { caseId: id, claimerName: '好邻居超市', claimerType: 'company', contactName: '陈店长', contactPhone: '0755-12345678' }, { now: new Date() });
    await transition(db, { caseId: id, to: 'claimed', actor: staff, data: { claimId } }, { now: new Date() });
    await transition(db, { caseId: id, to: 'fulfilled', actor: staff, data: { actualCost: 1_280_00 } }, { now: new Date() });
    await until(async () => {
      const open = readFollowUps(await svc.store.get(keys.followUps(wisher.openid)), new Date());
      return open.some((f) => f.caseId === id && f.ask === 'thanks') ? true : undefined;
    }, 'the push asking 心愿收到了吗 delivered');
    // not an answer: the report flow starts as it would without the question
    expect(await wisher.say('报修')).toContain('哪一类问题');
    expect(await wisher.say('取消')).toContain('已取消');
    expect(await wisher.say('收到了，谢谢好邻居超市！老人很高兴')).toContain('您的感谢会公开在心愿墙上');
    const [row] = await db.select().from(cases).where(eq(cases.id, id));
    expect(row!.status).toBe('thanked');
    const [last] = (await db.select().from(caseEvents).where(eq(caseEvents.caseId, id))).slice(-1);
    expect(last).toMatchObject({ toStatus: 'thanked', actorType: 'resident', publicNote: expect.stringContaining('谢谢好邻居超市') });
    const after = await wisher.say(`查询 ${id}`);
    expect(after).toContain('当前状态：已致谢');
    expect(after).toContain('认领方：好邻居超市');
    expect(after).toContain('心愿价值：约1,280元');
  });
});
