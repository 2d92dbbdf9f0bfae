import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, proposalObjections } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { resident } from '../helpers/chat.js';
import { BOTH_SETUPS, startServiceOn } from '../helpers/service.js';

const DAY = 86_400_000;

describe.each(BOTH_SETUPS)('异议 N during 公示 — $name', ({ real }) => {
  let svc: Service;
  beforeAll(async () => {
    svc = await startServiceOn(real);
  });
  afterAll(() => svc.stop());

  /** a project whose 公示 runs from yesterday for `daysLeft` more days (negative: it ended) */
  async function project(status: string, daysLeft: number | null): Promise<number> {
    const now = Date.now();
    const [row] = await svc.database.db
      .insert(cases)
      .values({
        kind: 'proposal',
        status,
        title: '小区门口加装雨棚',
        description: '公交站没有雨棚，下雨天老人孩子等车淋雨',
        ...(daysLeft === null ? {} : { publicityStart: new Date(now - 8 * DAY), publicityEnd: new Date(now + daysLeft * DAY) }),
      })
      .returning({ id: cases.id });
    return row!.id;
  }
  const objectionsOf = (caseId: number) => svc.database.db.select().from(proposalObjections).where(eq(proposalObjections.caseId, caseId));
  const someone = () => resident(svc, `oObj${randomBytes(3).toString('hex')}`);

  it('「异议 N 这个位置会挡住消防通道」 is recorded at once, the objector private', async () => {
    const p = await project('publicised', 3);
    const r = someone();
    const reply = await r.say(`异议 ${p} 这个位置会挡住消防通道`);
    expect(reply).toContain(`已收到您对 #${p} 的异议`);
    const [o] = await objectionsOf(p);
    expect(o).toMatchObject({ status: 'open', reason: '这个位置会挡住消防通道', openid: r.openid });
  });

  it('「异议 N」 alone asks for the reason, and the next message is it', async () => {
    const p = await project('publicised', 3);
    const r = someone();
    expect(await r.say(`异议 ${p}`)).toContain(`请说说您对 #${p} 有什么不同意见和理由`);
    expect(await objectionsOf(p)).toEqual([]);
    expect(await r.say('施工噪音会影响楼下老人休息')).toContain(`已收到您对 #${p} 的异议`);
    expect((await objectionsOf(p)).map((o) => o.reason)).toEqual(['施工噪音会影响楼下老人休息']);
  });

  it('a reason longer than the question takes is not lost: the resident is told the limit and the next message is the reason', async () => {
    const p = await project('publicised', 3);
    const r = someone();
    const long = '施工期间噪音很大，'.repeat(60);
    const reply = await r.say(`异议 ${p} ${long}`);
    expect(reply).toContain('500');
    expect(await objectionsOf(p)).toEqual([]);
    expect(await r.say('施工噪音会影响楼下老人休息')).toContain(`已收到您对 #${p} 的异议`);
    expect((await objectionsOf(p)).map((o) => o.reason)).toEqual(['施工噪音会影响楼下老人休息']);
  });

  it('outside 公示 the bot says kindly when objections are taken, and records nothing', async () => {
    const ended = await project('publicised', -1);
    expect(await someone().say(`异议 ${ended} 太吵了`)).toMatch(new RegExp(`^#${ended} 的公示已于 .+ 结束，异议只在公示期间受理`));
    const early = await project('reviewing', null);
    expect(await someone().say(`异议 ${early} 太吵了`)).toContain(`#${early} 还没有进入公示，公示期间才受理异议`);
    expect([...(await objectionsOf(ended)), ...(await objectionsOf(early))]).toEqual([]);
  });
});
