import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureResident } from '../../src/civic/residents.js';
import { surveyAskKey } from '../../src/civic/survey-recipients.js';
import { cases, outbox, subscriptions, surveyAnswers } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { resident } from '../helpers/chat.js';
import { BOTH_SETUPS, startServiceOn } from '../helpers/service.js';

describe.each(BOTH_SETUPS)('满意度调查 in the bot: 满意 N, 基本满意 N, 不满意 N 理由 — $name', ({ real }) => {
  let svc: Service;
  beforeAll(async () => {
    svc = await startServiceOn(real);
  });
  afterAll(() => svc.stop());

  /** a project in `status` whose proposer is `openid` */
  async function project(status: string, openid: string): Promise<number> {
    const { db } = svc.database;
    await ensureResident(db, openid);
    const [row] = await db
      .insert(cases)
      .values({ kind: 'proposal', status, openid, communityId: 'shabaishi', title: '村巷加装照明灯', description: '村道小巷夜里漆黑，希望加装路灯' })
      .returning({ id: cases.id });
    await db.insert(subscriptions).values({ caseId: row!.id, openid, role: 'author' });
    return row!.id;
  }
  const answersOf = (caseId: number) => svc.database.db.select().from(surveyAnswers).where(eq(surveyAnswers.caseId, caseId));
  const someone = () => resident(svc, `oSurvey${randomBytes(3).toString('hex')}`);

  it('「满意 N」 is recorded at once; answering again changes it; 「不满意 N」 alone asks for the reason', async () => {
    const r = someone();
    const p = await project('completed', r.openid);
    expect(await r.say(`满意 ${p}`)).toBe(`谢谢您的评价！已记下您对 #${p} 满意。想改的话，再回复一次就行。`);
    expect(await answersOf(p)).toMatchObject([{ answer: 'satisfied', reason: null }]);
    expect(await r.say(`基本满意${p}`)).toBe(`已把您对 #${p} 的评价改为基本满意。`);
    expect(await r.say(`不满意 ${p}`)).toContain(`请说说您对 #${p} 不满意的地方`);
    expect(await answersOf(p)).toMatchObject([{ answer: 'fair' }]);
    expect(await r.say('东头还有一段没装')).toBe(`已把您对 #${p} 的评价改为不满意。`);
    expect(await answersOf(p)).toMatchObject([{ answer: 'dissatisfied', reason: '东头还有一段没装' }]);
  });

  it('「不满意 N 理由」 takes the reason from the message', async () => {
    const r = someone();
    const p = await project('evaluated', r.openid);
    expect(await r.say(`不满意 #${p}：路灯太暗`)).toContain(`已记下您对 #${p} 不满意`);
    expect(await answersOf(p)).toMatchObject([{ answer: 'dissatisfied', reason: '路灯太暗' }]);
  });

  it('a project not completed, a resident it does not concern, a number that is no case: said in words, nothing kept', async () => {
    const r = someone();
    const working = await project('implementing', r.openid);
    expect(await r.say(`满意 ${working}`)).toBe(`#${working} 还没有完成，完成后再来评价吧`);
    const done = await project('completed', `oOther${randomBytes(3).toString('hex')}`);
    expect(await r.say(`满意 ${done}`)).toBe(`#${done} 的满意度调查只请提议人、支持者和关注这个项目的居民填写`);
    expect(await r.say('满意 2000000000')).toContain('2000000000');
    expect([...(await answersOf(working)), ...(await answersOf(done))]).toEqual([]);
  });

  /** the survey push queued for `openid`, as 完成 queues it */
  const asked = (caseId: number, openid: string) =>
    svc.database.db.insert(outbox).values({ openid, caseId, kind: 'note', payload: {}, idempotencyKey: surveyAskKey(caseId, openid), status: 'sent' });

  it('a bare 「满意」 replying to the push answers the one project that asked; 「不满意，理由」 keeps the reason', async () => {
    const r = someone();
    const p = await project('completed', r.openid);
    await asked(p, r.openid);
    expect(await r.say('满意')).toBe(`谢谢您的评价！已记下您对 #${p} 满意。想改的话，再回复一次就行。`);
    expect(await answersOf(p)).toMatchObject([{ answer: 'satisfied' }]);
    // answered: a second bare word is no longer an answer to anything (「满意 N」 still changes it)
    expect(await r.say('不满意，东头还有一段没装')).not.toContain(`#${p}`);
    const q = await project('completed', r.openid);
    await asked(q, r.openid);
    expect(await r.say('不满意，东头还有一段没装')).toBe(`谢谢您的评价！已记下您对 #${q} 不满意。想改的话，再回复一次就行。`);
    expect(await answersOf(q)).toMatchObject([{ answer: 'dissatisfied', reason: '东头还有一段没装' }]);
  });

  it('two projects waiting: a bare 「满意」 asks which, by number, and keeps nothing; none waiting: it is no answer', async () => {
    const r = someone();
    const [a, b] = [await project('completed', r.openid), await project('completed', r.openid)];
    await asked(a, r.openid);
    await asked(b, r.openid);
    expect(await r.say('满意')).toBe(`有几个项目在请您评价：#${b}、#${a}。请在评价后面加上编号，比如“满意 ${b}”。`);
    expect([...(await answersOf(a)), ...(await answersOf(b))]).toEqual([]);
    const nobody = someone();
    expect(await nobody.say('满意')).not.toMatch(/已记下|有几个项目|请说说/);
  });
});

