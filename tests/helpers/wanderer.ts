import { and, eq } from 'drizzle-orm';
import { caseMedia, cases } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { parseWechatXml } from '../../src/wechat/xml.js';
import { resident } from './chat.js';
import { OFFICIAL_ID, post, signedPost } from './wechat.js';

/**
 * The wanderer check (issue 12): a resident who does not follow the script — changes topic in the
 * middle of a report, sends photos and a voice message at the wrong step, asks 查询 and 我的 half
 * way, calls a person and lets go of them, cancels, starts again, answers in their own words,
 * sends an emoji — driven through the webhook. After each step the reply is checked: the expected
 * question is (still) asked, the seven-line help text is not dumped, nothing said is lost. The
 * steps are one walk: a step that goes wrong may leave the next ones somewhere else.
 * tests/runtime/wanderer.test.ts keeps the steps that hold holding; scripts/wanderer.ts prints
 * "N of M steps hold" and the ones that do not.
 */
export interface StepResult {
  name: string;
  holds: boolean;
  /** the checks that failed */
  why: string[];
  reply: string;
}

type Reader = ReturnType<typeof resident>;
interface Walk {
  r: Reader;
  svc: Service;
  /** the case number filed on the way */
  filed?: number;
}
/** a check of a reply: undefined when it holds, else what went wrong */
type Check = (reply: string, w: Walk) => string | undefined | Promise<string | undefined>;
interface Step {
  name: string;
  act: (w: Walk) => Promise<string>;
  checks: Check[];
}

/** the help text lists every command: a reply that contains it answered nothing in particular */
const HELP_LINE = '查询 编号 ——';
const noHelpDump: Check = (reply) => (reply.includes(HELP_LINE) ? 'dumps the full help text' : undefined);
const has =
  (...words: string[]): Check =>
  (reply) =>
    words.some((w) => reply.includes(w)) ? undefined : `says none of ${words.join(' / ')}`;
const lacks =
  (...words: string[]): Check =>
  (reply) => {
    const found = words.filter((w) => reply.includes(w));
    return found.length ? `says ${found.join(' / ')}` : undefined;
  };
const said = (text: string) => (w: Walk) => w.r.say(text);
const caseNo = (text: string) => Number(/#(\d+)/.exec(text)?.[1] ?? NaN);

/** A voice message, which the simulator cannot send: posted to the webhook as WeChat would. */
async function voice(w: Walk): Promise<string> {
  const xml =
    `<xml><ToUserName><![CDATA[${OFFICIAL_ID}]]></ToUserName><FromUserName><![CDATA[${w.r.openid}]]></FromUserName>` +
    `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[voice]]></MsgType>` +
    `<MediaId><![CDATA[wanderer-voice-${Date.now()}]]></MediaId><Format><![CDATA[amr]]></Format>` +
    `<MsgId>${7250021412600000000n + BigInt(Date.now())}</MsgId></xml>`;
  const res = await post(w.svc.url, signedPost(xml, { token: w.svc.config.wechat.token, openid: w.r.openid }));
  if (res.status !== 200) return `HTTP ${res.status}`;
  if (res.text === 'success' || res.text === '') return '';
  const content = parseWechatXml(res.text).Content;
  return typeof content === 'string' ? content : '';
}

const DESCRIPTION = '我家门口路灯坏了，晚上黑乎乎的';
const PLACE = '同乐村3栋门口';

/** the place question: its prompt and its hint both name 位置 */
const PLACE_Q = '位置';

/** Four walks, each a new resident, so that a resident trapped in one does not fail the others' steps. */
const WALKS: { name: string; steps: Step[] }[] = [
  {
    name: 'a report with detours',
    steps: [
      { name: 'follows the account', act: (w) => w.r.follow('community_tongle'), checks: [(r) => (r.trim() ? undefined : 'says nothing')] },
      {
        name: 'free text starts a report, says what it understood, asks where',
        act: said(DESCRIPTION),
        checks: [has('【路灯照明】'), has(PLACE_Q), noHelpDump],
      },
      { name: 'a photo where the place was asked: asks the place again', act: (w) => w.r.photo(), checks: [has(PLACE_Q), noHelpDump] },
      { name: '查询 1 half way: answers it, asks the place again', act: said('查询 1'), checks: [has('编号 1', '#1'), has(PLACE_Q), noHelpDump] },
      { name: '我的 half way: answers it, asks the place again', act: said('我的'), checks: [has(PLACE_Q), noHelpDump] },
      { name: '改: offers the categories', act: said('改'), checks: [has('哪一类'), noHelpDump] },
      { name: 'a category in own words (还是路灯吧): back to the place', act: said('还是路灯吧'), checks: [has(PLACE_Q), noHelpDump] },
      { name: 'a voice message at the place: says so, asks the place again', act: voice, checks: [has('语音'), has(PLACE_Q), noHelpDump] },
      { name: 'an emoji at the place: asks the place again', act: said('👍'), checks: [has(PLACE_Q), noHelpDump] },
      // the photo sent where the place was asked is this report's: the photo question is not asked again
      { name: 'a typed address: the early photo counts, asks for a phone', act: said(PLACE), checks: [has('电话'), lacks('拍一张'), noHelpDump] },
      {
        name: 'another topic at the phone step (a proposal): not taken as the phone answer',
        act: said('对了 建议在小区门口装个充电桩'),
        checks: [has('电话', '提议'), noHelpDump],
      },
      {
        name: '不想留 (own words for skip): the card keeps category, description, place and the early photo',
        act: said('不想留'),
        checks: [has('请核对'), has('类别：路灯照明'), has(`描述：${DESCRIPTION}`), has(`位置：${PLACE}`), lacks('照片：未填写'), noHelpDump],
      },
      {
        name: '对的没问题: filed with a number',
        act: async (w) => {
          const reply = await w.r.say('对的没问题');
          const n = caseNo(reply);
          if (Number.isFinite(n)) w.filed = n;
          return reply;
        },
        checks: [has('提交成功'), (r) => (Number.isFinite(caseNo(r)) ? undefined : 'no case number')],
      },
      { name: 'a photo just after filing: offers to add it to the case', act: (w) => w.r.photo(), checks: [has('补充'), noHelpDump] },
      {
        name: 'the old 点这里改 tapped after filing: says how to change the filed case, no help dump',
        act: async (w) => (await w.r.say('取消'), w.r.send({ kind: 'text', content: '改', menuId: '0' })),
        checks: [noHelpDump, (r) => (r.trim() && r !== 'success' ? undefined : 'says nothing')],
      },
      {
        name: '查询 the filed case: its category and status',
        act: (w) => w.r.say(`查询 ${w.filed ?? 0}`),
        checks: [(r, w) => (w.filed && r.includes(`#${w.filed}`) ? undefined : 'not the filed case'), has('路灯照明'), noHelpDump],
      },
      {
        name: 'nothing lost: the stored case has what the resident said, and the photo',
        act: async () => '',
        checks: [
          async (_r, w) => {
            if (!w.filed) return 'nothing filed';
            const db = w.svc.database.db;
            const [row] = await db.select().from(cases).where(and(eq(cases.id, w.filed), eq(cases.openid, w.r.openid)));
            if (!row) return 'the case is not stored';
            const wrong = [
              row.category !== 'streetlight' && `category ${row.category}`,
              row.description !== DESCRIPTION && `description ${row.description}`,
              row.locationLabel !== PLACE && `place ${row.locationLabel}`,
              row.communityId !== 'tongle' && `community ${row.communityId}`,
            ].filter((x): x is string => typeof x === 'string');
            const photos = await db.select().from(caseMedia).where(eq(caseMedia.caseId, w.filed));
            if (photos.length === 0) wrong.push('no photo (the one sent at the place step)');
            return wrong.length ? wrong.join(', ') : undefined;
          },
        ],
      },
    ],
  },
  {
    name: 'a person called half way',
    steps: [
      { name: 'follows, 报修, 1, a description: asks where', act: async (w) => (await w.r.follow('community_tongle'), await w.r.say('报修'), await w.r.say('1'), w.r.say('5栋后门的路灯不亮了')), checks: [has(PLACE_Q)] },
      { name: '人工: a person is called', act: said('人工'), checks: [has('人工'), noHelpDump] },
      { name: '查询 1 while a person owns the chat: still answered', act: said('查询 1'), checks: [has('编号 1', '#1')] },
      { name: '我的 while a person owns the chat: still answered', act: said('我的'), checks: [has('反映', '#', '还没有')] },
      { name: '结束人工: the bot is back', act: said('结束人工'), checks: [(r) => (r.trim() && r !== 'success' ? undefined : 'says nothing'), lacks('转接'), noHelpDump] },
      { name: '报修: offers the unfinished report', act: said('报修'), checks: [has('未完成'), noHelpDump] },
      { name: '1: continues where it was (the place)', act: said('1'), checks: [has(PLACE_Q), noHelpDump] },
    ],
  },
  {
    name: 'cancels and restarts',
    steps: [
      { name: '取消 with nothing going on: a short answer', act: async (w) => (await w.r.follow('community_tongle'), w.r.say('取消')), checks: [noHelpDump] },
      { name: '报修: the categories', act: said('报修'), checks: [has('哪一类'), lacks('未完成'), noHelpDump] },
      { name: '取消 before any answer: cancelled at once', act: said('取消'), checks: [has('已取消'), noHelpDump] },
      { name: '报修, 3: asks the description', act: async (w) => (await w.r.say('报修'), w.r.say('3')), checks: [has('描述'), noHelpDump] },
      { name: '取消 half way: asks first', act: said('取消'), checks: [has('确定要取消'), noHelpDump] },
      { name: '1: cancelled', act: said('1'), checks: [has('已取消'), noHelpDump] },
      { name: '报修 after a confirmed cancel: no draft comes back', act: said('报修'), checks: [has('哪一类'), lacks('未完成'), noHelpDump] },
      {
        name: 'a problem in free text at the category question: taken as its category',
        act: said('门口的垃圾好几天没人收了'),
        checks: [has('描述', PLACE_Q), noHelpDump],
      },
      { name: '提议 mid-report: the proposal starts, the report is kept', act: said('提议'), checks: [lacks('哪一类问题'), noHelpDump] },
      { name: '报修 again: offers the kept report', act: async (w) => (await w.r.say('取消'), await w.r.say('1'), w.r.say('报修')), checks: [has('未完成'), noHelpDump] },
      { name: '2 (start again), then 取消: nothing comes back at the next 报修', act: async (w) => (await w.r.say('2'), await w.r.say('取消'), await w.r.say('1'), w.r.say('报修')), checks: [lacks('未完成'), has('哪一类'), noHelpDump] },
    ],
  },
  {
    name: 'things sent at the wrong step',
    steps: [
      { name: 'follows, 报修, 2: asks the description', act: async (w) => (await w.r.follow('community_tongle'), await w.r.say('报修'), w.r.say('2')), checks: [has('描述')] },
      { name: 'a location at the description: asks the description, no help dump', act: (w) => w.r.at(22.5437, 113.9305, '同乐村5栋'), checks: [has('描述', '什么问题'), noHelpDump] },
      { name: 'the description: the location sent before is used (asks for a photo)', act: said('人行道的砖翘起来了，老人容易绊倒'), checks: [has('照片'), noHelpDump] },
      {
        // the address first, in case the place is asked (so this step does not fail for the one before)
        name: 'two photos then 好了: asks for a phone',
        act: async (w) => (await w.r.say('同乐村5栋门口'), await w.r.photo(), await w.r.photo(), w.r.say('好了')),
        checks: [has('电话'), noHelpDump],
      },
      { name: 'a photo at the phone step: asks the phone again', act: (w) => w.r.photo(), checks: [has('电话'), noHelpDump] },
    ],
  },
];

/** Walks the wanderers through `svc` (openids `${prefix}1` …); every step is checked, none stops the walk. */
export async function wander(svc: Service, prefix: string): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const [i, walk] of WALKS.entries()) {
    results.push(...(await walkOne(svc, `${prefix}${i + 1}`, walk)));
  }
  return results;
}

async function walkOne(svc: Service, openid: string, walk: (typeof WALKS)[number]): Promise<StepResult[]> {
  const w: Walk = { r: resident(svc, openid), svc };
  const results: StepResult[] = [];
  for (const step of walk.steps) {
    let reply = '';
    const why: string[] = [];
    try {
      reply = await step.act(w);
      for (const check of step.checks) {
        const failed = await check(reply, w);
        if (failed) why.push(failed);
      }
    } catch (e) {
      why.push(`threw ${e instanceof Error ? e.message : String(e)}`);
    }
    results.push({ name: `${walk.name} › ${step.name}`, holds: why.length === 0, why, reply });
  }
  return results;
}
