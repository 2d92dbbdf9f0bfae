import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transition } from '../../src/civic/index.js';
import { cases } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { resident } from '../helpers/chat.js';
import { BOTH_SETUPS, startServiceOn } from '../helpers/service.js';

/**
 * Issue 12, items 3 and 4, through the simulator as residents type it: what one resident writes is
 * stored without invisible characters, and never reaches the public or another resident as they typed it
 * before staff looked at it. On the embedded defaults and on PostgreSQL + Redis.
 */
const caseNumber = (text: string) => Number(/#(\d+)/.exec(text)?.[1]);
const RLO = '\u202E';
/** the input: a description that reached other residents as a live link */
const LINK = '<a href="http://evil.example/x">领补贴</a>';
/** the same within a 30-character title */
const SHORT_LINK = '<a href="http://ev.il">补贴</a>';
const staff = { type: 'staff' as const, id: '1' };
/**
 * nothing WeChat would render as a link: no tag, no scheme, no dotted host, besides the bot's own
 * links (its tappable choices, weixin://bizmsgmenu, and the service's pages, here on 127.0.0.1)
 */
const noLink = (text: string) =>
  expect(
    text.replace(/<a href="weixin:\/\/bizmsgmenu\?[^"<>]*">[^<>]*<\/a>/g, '').replace(/http:\/\/127\.0\.0\.1:\d+\/[\w/?=-]*/g, ''),
  ).not.toMatch(/<a|<\/a>|:\/\/|evil\.example|ev\.il/);
const ZWSP = '\u200B';

describe.each(BOTH_SETUPS)('privacy and relayed text — $name', ({ real }) => {
  let svc: Service;
  let n = 0;
  const someone = () => resident(svc, `oPriv${randomBytes(3).toString('hex')}${++n}`);
  beforeAll(async () => {
    svc = await startServiceOn(real);
  });
  afterAll(() => svc.stop());

  /** 报修 → category 1 (路灯照明) → description → a shared point (仍然提交 if a nearby one is offered) → no photo, no phone → 提交 */
  async function fileReport(r: ReturnType<typeof someone>, description: string, at = { lat: 22.5437, lng: 113.9305, label: '南头古城3栋' }) {
    await r.follow('community_nantoucheng');
    await r.say('报修');
    await r.say('1');
    await r.say(description);
    // a nearby report of the same kind is offered right after the place: this one is filed anyway
    if ((await r.at(at.lat, at.lng, at.label)).includes('附近已有类似问题')) await r.say('2');
    await r.say('跳过');
    const reply = await r.say('跳过');
    expect(reply).toContain('请核对');
    // one line before submitting says what becomes public
    expect(reply).toContain('\n公开范围：类别、社区和进度会公开；描述由工作人员隐去姓名、门牌、电话后公开。\n');
    const filed = await r.say('1');
    expect(filed).toContain('提交成功');
    return caseNumber(filed);
  }

  const row = async (id: number) => (await svc.database.db.select().from(cases).where(eq(cases.id, id)))[0]!;

  it('stores a description without its bidi override and zero-width characters', async () => {
    // U+202E makes 87654321831 show as 13812345678, past the phone masking; U+200B splits words
    const id = await fileReport(someone(), `3栋路灯不亮${ZWSP}，电话${RLO}87654321831`);
    const stored = await row(id);
    expect(stored.description).toBe('3栋路灯不亮，电话87654321831');
  });

  it('/c/N does not show 「我是3栋502的张桂兰」 when it is filed: category, community and status only; a neighbour nearby reads it masked', async () => {
    const at = { lat: 22.5422, lng: 113.9222, label: '南头古城3栋502门口' };
    const id = await fileReport(someone(), '我是3栋502的张桂兰，楼下路灯不亮好几天了', at);
    const page = await (await fetch(`${svc.url}/c/${id}`)).text();
    expect(page).toContain('路灯照明');
    expect(page).toContain('南头城社区');
    expect(page).toContain('已提交');
    expect(page).toContain('居民的描述由工作人员审核、隐去姓名门牌和电话后在此公开。');
    for (const secret of ['张桂兰', '502', '我是']) expect(page).not.toContain(secret);
    // the duplicate prompt quotes it to another resident as the masking proposes it
    const neighbour = someone();
    await neighbour.follow('community_nantoucheng');
    for (const t of ['报修', '1', '3栋楼下的路灯坏了']) await neighbour.say(t);
    // duplicates are offered right after the location
    const prompt = await neighbour.at(at.lat, at.lng, '南头古城3栋');
    expect(prompt).toContain(`#${id} 我是3栋***的***，楼下路灯不亮好几天了`);
    expect(prompt).not.toContain('张桂兰');
  });

  it('a danger (井盖没了) is told 「紧急情况请拨打 110/119」 at the first reply that knows it, once, and the case is urgent, due within hours', async () => {
    const r = someone();
    await r.follow('community_nantoucheng');
    const start = Date.now();
    expect(await r.say('报修')).not.toContain('110');
    expect(await r.say('5')).not.toContain('110'); // 排水井盖: no danger named yet
    const told = await r.say('南头古城西门的井盖没了，晚上看不见');
    expect(told.startsWith('紧急情况请拨打 110/119！“井盖没了”')).toBe(true);
    expect(told).toContain('在哪里'); // and the flow goes on
    expect(await r.at(22.5433, 113.9233, '南头古城西门')).not.toContain('110');
    await r.say('跳过');
    const confirm = await r.say('跳过');
    expect(confirm).not.toContain('110');
    const id = caseNumber(await r.say('1'));
    const stored = await row(id);
    expect(stored.urgent).toBe(true);
    // 排水井盖's danger is due within 4 hours, not 2 working days
    expect(stored.dueAt!.getTime() - start).toBeLessThanOrEqual(4 * 3600_000 + 60_000);
    expect(stored.dueAt!.getTime() - start).toBeGreaterThan(3 * 3600_000);
  });

  it('a danger in the first message (燃气泄漏) is told in the first reply; an ordinary report is not urgent', async () => {
    const r = someone();
    await r.follow('community_nantoucheng');
    const first = await r.say('安全隐患：3栋楼道里有燃气泄漏的味道');
    // the free text names the category (安全隐患) and the danger: both known at the first reply
    expect(first.startsWith('紧急情况请拨打 110/119！“燃气泄漏”')).toBe(true);
    expect(first).toContain('问题在哪里');
    const plain = await fileReport(someone(), '3栋门口的路灯晚上不亮');
    expect((await row(plain)).urgent).toBe(false);
  });

  /** 提议 through the bot, in 南头城社区; its number */
  async function fileProposal(r: ReturnType<typeof someone>, title: string) {
    await r.follow('community_nantoucheng');
    for (const t of ['提议', title, `5巷晚上没有灯，老人走路容易摔倒。${LINK}`, '1', '5巷两百多户居民', '跳过', '2万', '跳过']) await r.say(t);
    const filed = await r.say('1');
    expect(filed).toContain('#');
    return caseNumber(filed);
  }

  async function until<T>(probe: () => T | undefined, what: string): Promise<T> {
    for (let i = 0; i < 200; i++) {
      svc.push?.wake();
      const v = probe();
      if (v !== undefined) return v;
      await new Promise((res) => setTimeout(res, 25));
    }
    throw new Error(`never happened: ${what}`);
  }

  describe('no resident text becomes another resident\'s link (item 4)', () => {
    it('the duplicate prompt quotes the other report without its link', async () => {
      const at = { lat: 22.5401, lng: 113.9201, label: '南头古城东门' };
      await fileReport(someone(), `东门路灯不亮 ${LINK}`, at);
      const other = someone();
      await other.follow('community_nantoucheng');
      for (const t of ['报修', '1', '东门的路灯晚上不亮']) await other.say(t);
      // duplicates are offered right after the location, before photo and phone
      const prompt = await other.at(at.lat, at.lng, at.label);
      expect(prompt).toContain('附近已有类似问题');
      expect(prompt).toContain('evil[.]example');
      noLink(prompt);
    });

    it('查询 shows another resident\'s title as text', async () => {
      const id = await fileProposal(someone(), SHORT_LINK);
      const reply = await someone().say(`查询 ${id}`);
      expect(reply).toContain(`#${id}】＜a href="http[:]//ev[.]il"＞补贴＜/a＞`);
      noLink(reply);
    });

    it('the 公示 list shows a publicised title as text', async () => {
      const id = await fileProposal(someone(), SHORT_LINK);
      const db = svc.database.db;
      const now = new Date();
      await transition(db, { caseId: id, to: 'reviewing', actor: staff }, { now });
      await transition(db, { caseId: id, to: 'approved', actor: staff, data: { approvedCost: 1_800_000, batch: '2026年第一批' } }, { now });
      await transition(db, { caseId: id, to: 'publicised', actor: staff, data: { publicityStart: now, publicityEnd: new Date(now.getTime() + 7 * 86_400_000) } }, { now });
      const neighbour = someone();
      await neighbour.follow('community_nantoucheng');
      const list = await neighbour.say('公示');
      expect(list).toContain(`#${id} ＜a href=`);
      noLink(list);
    });

    it('认领 lists a wish, and 认领 N names it, as text', async () => {
      const wisher = someone();
      await wisher.follow('community_nantoucheng');
      for (const t of ['心愿', SHORT_LINK, `独居老人 ${SHORT_LINK}`, '3栋的王阿姨耳朵不好，听不见敲门声', '1500元', '跳过']) await wisher.say(t);
      const id = caseNumber(await wisher.say('1'));
      await transition(svc.database.db, { caseId: id, to: 'published', actor: staff }, { now: new Date() });
      const volunteer = someone();
      await volunteer.follow('community_nantoucheng');
      const list = await volunteer.say('认领');
      expect(list).toContain(`#${id} ＜a href=`);
      noLink(list);
      const how = await volunteer.say(`认领 ${id}`);
      expect(how).toContain(`#${id}「＜a href=`);
      noLink(how);
    });

    it('a push to a follower carries the title and the note as text', async () => {
      const id = await fileProposal(someone(), SHORT_LINK);
      const follower = someone();
      await follower.follow('community_nantoucheng');
      expect(await follower.say(`关注 ${id}`)).toContain(`#${id}`);
      await transition(svc.database.db, { caseId: id, to: 'reviewing', actor: staff, publicNote: `请看 ${LINK}` }, { now: new Date() });
      const pushes = await until(() => {
        const got = svc.simulator!.recorder.delivered({ openid: follower.openid }).filter((p) => p.api.startsWith('message/'));
        return got.length ? got : undefined;
      }, 'a push to the follower');
      for (const p of pushes) {
        const body = JSON.stringify(p.body);
        expect(body).toContain('＜a href=');
        noLink(body);
      }
    });
  });
});
