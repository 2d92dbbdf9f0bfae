import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitProposal, submitReport } from '../../src/civic/index.js';
import { cases } from '../../src/db/schema.js';
import { eq } from 'drizzle-orm';
import type { Service } from '../../src/service.js';
import { resident } from '../helpers/chat.js';
import { BOTH_SETUPS, startServiceOn } from '../helpers/service.js';

/** 支持 N in the bot: once per resident, not the proposer, only during 征集; the count is in 查询 N. */
describe.each(BOTH_SETUPS)('支持 N through the bot ($name)', ({ real }) => {
  let svc: Service;
  let n = 0;
  const someone = () => resident(svc, `oSup${randomBytes(3).toString('hex')}${++n}`);
  beforeAll(async () => {
    svc = await startServiceOn(real);
  });
  afterAll(() => svc.stop());

  async function propose(openid: string): Promise<number> {
    const f = await submitProposal(
      svc.database.db,
      {
        openid,
        sourceKey: `t:${randomBytes(4).toString('hex')}`,
        title: '小广场加装健身器材',
        description: '小广场空着，老人想锻炼没地方',
        projectType: '货物类',
        beneficiaries: '附近老人',
        communityId: 'nantoucheng',
      },
      { now: new Date() },
    );
    return f.caseId;
  }

  it('supports once, counts it, and says so kindly the second time; 查询 shows the count', async () => {
    const p = await propose(`oProp${++n}`);
    const a = someone();
    expect(await a.say(`支持 ${p}`)).toBe(`已支持提议 #${p}，目前共有 1 位居民支持。议事会讨论时会看到支持人数，有进展也会通知您。`);
    expect(await a.say(`我支持${p}`)).toBe(`您已经支持过提议 #${p} 了，目前共有 1 位居民支持。有进展会通知您。`);
    expect(await someone().say(`支持 ${p}`)).toContain('目前共有 2 位居民支持');
    expect(await a.say(`查询 ${p}`)).toContain('支持人数：2 人');
  });

  it('the proposer is told they need not support their own proposal', async () => {
    const proposer = someone();
    const p = await propose(proposer.openid);
    expect(await proposer.say(`支持 ${p}`)).toBe(`提议 #${p} 是您提出的，不用再支持。可以把它转给邻居，请他们回复“支持 ${p}”。`);
  });

  it('after 征集 the answer names the stage it is in', async () => {
    const p = await propose(`oProp${++n}`);
    await svc.database.db.update(cases).set({ status: 'approved', approvedCost: 1_000_00, batch: '第一批' }).where(eq(cases.id, p));
    expect(await someone().say(`支持 ${p}`)).toBe(`提议 #${p} 现在是“已确定”，征集阶段已结束，不能再支持了。回复“查询 ${p}”看它的进展。`);
  });

  it('a resident proposing the same thing is offered the existing proposal, and 支持它 supports it', async () => {
    const p = await propose(`oProp${++n}`);
    const b = someone();
    await b.say('提议');
    await b.say('小广场装健身器材');
    await b.say('小广场空着，附近的老人想锻炼没有地方，希望装几件健身器材');
    await b.say('3');
    expect(await b.say('附近老人')).toContain('哪个社区');
    const offer = await b.say('南头城');
    expect(offer).toContain(`本社区已有类似的提议：\n#${p} 小广场加装健身器材（已有 0 位居民支持）`);
    expect(await b.say('1')).toBe(`好的，已为您支持提议 #${p}，议事会讨论时会看到支持人数，有进展也会通知您。谢谢您的提议！`);
    expect(await b.say(`支持 ${p}`)).toContain(`您已经支持过提议 #${p} 了，目前共有 1 位居民支持`);
  });

  /** the proposal offered by the similar-proposals step, up to the offer itself */
  async function offerTo(r: ReturnType<typeof someone>): Promise<string> {
    await r.say('提议');
    await r.say('小广场装健身器材');
    await r.say('小广场空着，附近的老人想锻炼没有地方，希望装几件健身器材');
    await r.say('3');
    await r.say('附近老人');
    return r.say('南头城');
  }

  it('支持它 tapped after 征集 ended, or a second time, says what happened instead of thanking for a support that was not counted', async () => {
    const p = await propose(`oProp${++n}`);
    const late = someone();
    expect(await offerTo(late)).toContain(`#${p} 小广场加装健身器材`);
    // the 议事会 decides while the resident reads the offer
    await svc.database.db.update(cases).set({ status: 'approved', approvedCost: 1_000_00 }).where(eq(cases.id, p));
    expect(await late.say('1')).toBe(`提议 #${p} 现在是“已确定”，征集阶段已结束，不能再支持了。回复“查询 ${p}”看它的进展。`);

    const q = await propose(`oProp${++n}`);
    const twice = someone();
    await twice.say(`支持 ${q}`);
    expect(await offerTo(twice)).toContain(`#${q} 小广场加装健身器材（已有 1 位居民支持）`);
    expect(await twice.say('支持它')).toBe(`您已经支持过提议 #${q} 了，目前共有 1 位居民支持。有进展会通知您。`);
  });

  it('a report or an unknown number is answered, not supported', async () => {
    const r = await submitReport(
      svc.database.db,
      { openid: `oRep${++n}`, sourceKey: `t:${randomBytes(4).toString('hex')}`, category: 'streetlight', description: '路灯不亮', communityId: 'nantoucheng' },
      { now: new Date() },
    );
    expect(await someone().say(`支持 ${r.caseId}`)).toContain('不是微实事提议');
    expect(await someone().say('支持 999999')).toContain('没有找到编号 999999 的事项');
  });
});
