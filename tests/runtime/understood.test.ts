import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { resident } from '../helpers/chat.js';
import { BOTH_SETUPS, startServiceOn } from '../helpers/service.js';
import { loadHeldOut } from '../intent/labelled-set.js';

/**
 * Issue 12, item 7: the first reply to free text that starts a report says what was understood
 * (好的，帮您登记【排水井盖】问题) with a one-tap correction; when the classifier is not sure, it offers
 * its top three categories (and 其他) as taps instead of guessing.
 */
const categoryNames = new Map(
  z
    .object({ categories: z.array(z.object({ id: z.string(), name: z.string() })) })
    .parse(parseYaml(readFileSync('flows/categories.yaml', 'utf8')))
    .categories.map((c) => [c.id, c.name]),
);
const name = (id: string) => categoryNames.get(id)!;
/** the category a first reply names as understood (【…】), if any */
const understood = (reply: string) => /【([^】]+)】/.exec(reply)?.[1];
/** the categories a reply offers as taps, by their labels */
const offered = (reply: string) => [...reply.matchAll(/msgmenucontent=([^&]+)&/g)].map((m) => m[1]!);
const caseNumber = (text: string) => Number(/#(\d+)/.exec(text)?.[1]);
const correctionLink = 'weixin://bizmsgmenu?msgmenucontent=改&';

describe.each(BOTH_SETUPS)('what the bot understood — $name', ({ real }) => {
  let svc: Service;
  let n = 0;
  const someone = async () => {
    const r = resident(svc, `oUnd${randomBytes(3).toString('hex')}${++n}`);
    await r.follow('community_tongle');
    return r;
  };

  beforeAll(async () => {
    svc = await startServiceOn(real);
  });
  afterAll(() => svc.stop());

  it('「水管爆了」: names 排水井盖 with a tap to change it, then asks for more words', async () => {
    const r = await someone();
    const reply = await r.say('水管爆了');
    expect(reply).toContain(`好的，帮您登记【${name('drainage')}】问题`);
    expect(reply).toContain(correctionLink);
    expect(reply).toContain('描述');
    expect(reply).not.toContain('您可以回复');
  });

  it('「我家门口路灯坏了」: names 路灯照明; 改 offers the list, the pick is kept and the flow goes on where it was', async () => {
    const r = await someone();
    const first = await r.say('我家门口路灯坏了');
    expect(understood(first)).toBe(name('streetlight'));
    expect(first).toContain(correctionLink);
    expect(first).toContain('在哪里');
    const list = await r.say('改');
    expect(list).toContain('哪一类');
    expect(offered(list)).toEqual([...categoryNames.values()]);
    expect(await r.say('2')).toContain('在哪里');
    await r.say('同乐村3栋门口');
    await r.say('跳过');
    const confirm = await r.say('跳过');
    expect(confirm).toContain(`类别：${name('road')}`);
    expect(confirm).toContain('描述：我家门口路灯坏了');
    const number = caseNumber(await r.say('1'));
    const [row] = await svc.database.db.select().from(cases).where(eq(cases.id, number));
    expect(row).toMatchObject({ category: 'road', description: '我家门口路灯坏了' });
  });

  it('the correction link, tapped later in the flow, offers the list and comes back to the pending question', async () => {
    const r = await someone();
    expect(understood(await r.say('小区门口的垃圾三天没人收了'))).toBe(name('sanitation'));
    expect(await r.say('同乐村5栋')).toContain('照片');
    const list = await r.send({ kind: 'text', content: '改', menuId: '1' });
    expect(list).toContain('哪一类');
    const back = await r.say(name('encroachment'));
    expect(back).toContain('照片');
    await r.say('跳过');
    expect(await r.say('跳过')).toContain(`类别：${name('encroachment')}`);
  });

  it('not sure of the category: offers the top three and 其他 as taps instead of guessing', async () => {
    const r = await someone();
    const reply = await r.say('井盖旁边的路面塌了很危险');
    expect(understood(reply)).toBeUndefined();
    expect(offered(reply)).toEqual([name('drainage'), name('road'), name('safety'), name('other')]);
    // every category is still taken, by its number too
    expect(await r.say('2')).toContain('在哪里');
    await r.say('同乐村口');
    await r.say('跳过');
    expect(await r.say('跳过')).toContain(`类别：${name('road')}`);
  });

  it('the correction tapped after the report was filed says how to change it, not the help', async () => {
    const r = await someone();
    await r.say('我家楼下的路灯不亮了');
    await r.say('同乐村3栋');
    await r.say('跳过');
    await r.say('跳过');
    expect(await r.say('1')).toContain('提交成功');
    const late = await r.send({ kind: 'text', content: '改', menuId: '0' });
    expect(late).toContain('人工');
    expect(late).not.toContain('查询 编号 ——');
  });

  it('free text with no topic at all asks for the category with the whole list', async () => {
    const r = await someone();
    const reply = await r.say('坏了好几天了没人修');
    expect(understood(reply)).toBeUndefined();
    expect(offered(reply)).toEqual([...categoryNames.values()]);
  });

  it('the first reply to every report of the held-out set names a category or offers a short list', async () => {
    const reports = loadHeldOut('tests/intent/held-out.yaml').filter((x) => x.flow === 'report');
    let right = 0;
    let wrong = 0;
    let listed = 0;
    let listedRight = 0;
    const silent: string[] = [];
    for (const item of reports) {
      const r = await someone();
      const reply = await r.say(item.text);
      const named = understood(reply);
      const taps = offered(reply);
      if (named !== undefined) {
        if (named === name(item.category!)) right++;
        else wrong++;
        expect(reply, item.text).toContain(correctionLink);
      } else if (taps.length > 0 && taps.length < categoryNames.size) {
        listed++;
        if (taps.includes(name(item.category!))) listedRight++;
      } else silent.push(`${item.text} → ${reply.slice(0, 30)}`);
    }
    console.log(
      `first replies to ${reports.length} held-out reports: ${right + wrong} name a category (${right} right, ${wrong} wrong), ` +
        `${listed} offer a short list (${listedRight} with the right one), ${silent.length} neither` +
        (silent.length ? `\n  ${silent.join('\n  ')}` : ''),
    );
    expect(right + wrong + listed).toBeGreaterThanOrEqual(reports.length * 0.9);
    expect(right).toBeGreaterThan(wrong * 5);
  });
});
