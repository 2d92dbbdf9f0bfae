import type { ResidentInput } from './wechat-messages.js';

/**
 * Residents who talk to the bot the way people do, reading each answer before typing the next
 * message. A persona decides what they want:
 * - flow:    报修 → category → description → location → (community) → 跳过 → 跳过 → 取消 → 1,
 *            again and again (every message is a flow step; nothing is filed)
 * - submit:  the same, but at the summary they answer 1: a report is filed
 * - keyword: 帮助, 查询 N, 我的 in turn (commands answered from the database)
 * The next message follows from the prompt of the last answer, so a branch (the community
 * question asked once, a duplicate nearby, a busy notice) never derails the script.
 */
export type Persona = 'flow' | 'submit' | 'keyword';
/** what a message is, for the latency tables */
export type StepKind = 'flow' | 'submit' | 'help' | 'lookup' | 'mine';

export interface Step {
  input: ResidentInput;
  kind: StepKind;
}

const DESCRIPTIONS = [
  '3栋门口的路灯晚上不亮，已经一个星期了',
  '小区门口垃圾堆了三天没人收',
  '人行道地砖翘起来了，老人容易绊倒',
  '下水道堵了，下雨天门口全是积水',
  '晚上广场舞音响太吵，十点以后还在放',
  '楼道里的消防栓玻璃碎了',
  '路边的大树枝快断了，怕砸到人',
  '井盖松动，车压过去咣当响',
  '路口有人占道摆摊，行人只能走机动车道',
];
const ADDRESSES = ['桃源村3栋门口', '南头古城北门', '平山村路口', '同乐村市场旁', '大新小区东门', '田厦村公交站', '龙珠花园2栋', '福光村篮球场'];
const COMMUNITIES = ['平山', '南头城', '同乐', '大新', '田厦', '龙珠', '福光', '峰景'];

/** markers of the bot's prompts (flows/*.yaml, flows/locale.zh-CN.yaml) */
const P = {
  category: '哪一类问题',
  describe: '描述一下问题',
  tooShort: '写得太短',
  where: '问题在哪里',
  whereHint: '选择“位置”发送',
  community: '哪个社区',
  communityHint: '没找到这个社区',
  photo: '现场照片',
  photoHint: '拍照或从相册选照片',
  phone: '留个电话',
  phoneHint: '这不像电话号码',
  duplicate: '附近已有类似问题',
  confirm: '请核对您的报修',
  confirmHint: '请回复 1 提交',
  cancelConfirm: '确定要取消',
  draft: '未完成的',
  busy: '系统繁忙',
  rate: '发送得太快',
  filed: '编号是 #',
} as const;

export interface ReplyStats {
  replies: number;
  success: number;
  busy: number;
  rateLimited: number;
  filed: number;
  unexpected: number;
  /** report numbers residents were told (编号是 #N) */
  filedNumbers: number[];
}

export const emptyStats = (): ReplyStats => ({ replies: 0, success: 0, busy: 0, rateLimited: 0, filed: 0, unexpected: 0, filedNumbers: [] });

/** A unique spot per report (about 550 m apart), so no two bench reports are "nearby duplicates". */
export class SpotGrid {
  constructor(private next: number) {}
  take(): { lat: number; lng: number } {
    const i = this.next++;
    const row = i % 24_000;
    const col = Math.floor(i / 24_000) % 2_000;
    return { lat: -60 + row * 0.005, lng: 100 + col * 0.005 };
  }
}

export class Resident {
  private cycle = 0;
  private keywordTurn = 0;
  private last: Step | undefined;
  /** the last answer was a real answer (not busy / rate limited / missing) */
  private answered = true;
  private lastText = '';

  constructor(
    readonly openid: string,
    readonly persona: Persona,
    private readonly index: number,
    private readonly env: { grid: SpotGrid; lookupMax: () => number; blind?: boolean },
  ) {}

  /** the next message, from the last answer */
  next(): Step {
    if (this.env.blind) return (this.last = this.blindStep());
    if (!this.answered && this.last) return this.last; // said again (a new MsgId), as a person would
    const t = this.lastText;
    const step = (input: ResidentInput, kind: StepKind = 'flow'): Step => (this.last = { input, kind });
    const text = (content: string, kind: StepKind = 'flow') => step({ type: 'text', content }, kind);
    if (t.includes(P.cancelConfirm)) return text('1');
    if (t.includes(P.confirm) || t.includes(P.confirmHint)) return this.persona === 'submit' ? text('1', 'submit') : text('取消');
    if (t.includes(P.duplicate)) return text('仍然提交');
    if (t.includes(P.phone) || t.includes(P.phoneHint)) return text('跳过');
    if (t.includes(P.photo) || t.includes(P.photoHint)) return text('跳过');
    if (t.includes(P.community) || t.includes(P.communityHint)) return text(COMMUNITIES[this.index % COMMUNITIES.length]!);
    if (t.includes(P.where) || t.includes(P.whereHint)) {
      // every other report shares a map location (a unique spot), the others type an address
      if (this.cycle % 2 === 0) {
        const { lat, lng } = this.env.grid.take();
        return step({ type: 'location', lat, lng, label: ADDRESSES[(this.index + this.cycle) % ADDRESSES.length]! });
      }
      return text(ADDRESSES[(this.index + this.cycle) % ADDRESSES.length]!);
    }
    if (t.includes(P.describe) || t.includes(P.tooShort)) return text(DESCRIPTIONS[(this.index + this.cycle) % DESCRIPTIONS.length]!);
    if (t.includes(P.category)) return text(String(1 + ((this.index + this.cycle) % 9)));
    if (t.includes(P.draft)) return text('2');
    // idle: start something new
    if (this.persona === 'keyword') {
      const turn = this.keywordTurn++ % 3;
      if (turn === 0) return text('帮助', 'help');
      if (turn === 1) return text(`查询 ${1 + ((this.index * 7 + this.keywordTurn) % Math.max(1, this.env.lookupMax()))}`, 'lookup');
      return text('我的', 'mine');
    }
    this.cycle++;
    return text('报修');
  }

  /** what the resident read; false when the message was not really answered (said again next) */
  read(reply: { kind: 'text' | 'success' | 'other'; content: string }, stats: ReplyStats): void {
    stats.replies++;
    this.lastText = reply.content;
    if (reply.kind === 'success') {
      stats.success++;
      this.answered = false;
      return;
    }
    if (reply.kind === 'other') {
      stats.unexpected++;
      this.answered = false;
      return;
    }
    if (reply.content.includes(P.busy)) {
      stats.busy++;
      this.answered = false;
      return;
    }
    if (reply.content.includes(P.rate)) {
      stats.rateLimited++;
      this.answered = false;
      return;
    }
    this.answered = true;
    const filed = /编号是 #(\d+)/.exec(reply.content);
    if (filed) {
      stats.filed++;
      stats.filedNumbers.push(Number(filed[1]));
    }
  }

  /** no answer at all (a non-2xx, a timeout): say it again */
  noAnswer(): void {
    this.answered = false;
  }

  /** baselines echo: the same sequence of messages without reading the answers */
  private blindStep(): Step {
    const seq: (() => Step)[] = [
      () => ({ input: { type: 'text', content: '报修' }, kind: 'flow' }),
      () => ({ input: { type: 'text', content: String(1 + ((this.index + this.cycle) % 9)) }, kind: 'flow' }),
      () => ({ input: { type: 'text', content: DESCRIPTIONS[(this.index + this.cycle) % DESCRIPTIONS.length]! }, kind: 'flow' }),
      () => {
        const { lat, lng } = this.env.grid.take();
        return { input: { type: 'location', lat, lng, label: ADDRESSES[this.index % ADDRESSES.length]! }, kind: 'flow' };
      },
      () => ({ input: { type: 'text', content: '跳过' }, kind: 'flow' }),
      () => ({ input: { type: 'text', content: '跳过' }, kind: 'flow' }),
      () => ({ input: { type: 'text', content: '取消' }, kind: 'flow' }),
      () => ({ input: { type: 'text', content: '1' }, kind: 'flow' }),
    ];
    const s = seq[this.keywordTurn++ % seq.length]!();
    if (this.keywordTurn % seq.length === 0) this.cycle++;
    return s;
  }
}

/** personas of a scenario, by resident index */
export function personaFor(scenario: string, i: number): Persona {
  switch (scenario) {
    case 'flow':
      return 'flow';
    case 'submit':
      return 'submit';
    case 'keyword':
      return 'keyword';
    default: {
      // mix: half file reports, three in ten walk a flow and cancel, two in ten ask
      const r = i % 10;
      return r < 5 ? 'submit' : r < 8 ? 'flow' : 'keyword';
    }
  }
}
