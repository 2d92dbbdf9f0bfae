/**
 * The words of the global commands. They are the bot's grammar rather than tunable synonyms:
 * the help text and the menu promise them, the dispatcher branches on them, and every word has a
 * test in tests/intent/commands.test.ts. All are stored in normalised form (lower case, no spaces).
 */
export type CommandArgument =
  /** the word alone */
  | 'none'
  /** the word followed by a case number: 订阅 12 */
  | 'case_id'
  /** 查询 12, or 查询 alone (answered with how to use it) */
  | 'optional_case_id';

export type CommandWordType =
  | 'cancel'
  | 'handoff'
  | 'end_handoff'
  | 'help'
  | 'mine'
  | 'lookup'
  | 'subscribe'
  | 'unsubscribe'
  | 'subscribe_community'
  | 'unsubscribe_community'
  | 'publicity'
  | 'stats'
  | 'my_community'
  | 'claim'
  | 'support';

export interface CommandWords {
  type: CommandWordType;
  argument: CommandArgument;
  words: readonly string[];
}

export const COMMAND_WORDS: readonly CommandWords[] = [
  {
    type: 'cancel',
    argument: 'none',
    words: ['取消', '退出', '不报了', '不想报了', '算了', '算了不报了', '取消报修', '取消上报', '取消提交', '退出报修', '不想提了', '不提了', '不填了', '不想填了', '不想弄了', '取消提议'],
  },
  {
    type: 'handoff',
    argument: 'none',
    words: ['人工', '转人工', '人工客服', '人工服务', '找人', '客服', '找客服', '转客服', '真人', '找真人', '工作人员', '找工作人员'],
  },
  /** 结束人工: back to the bot while a person owns the conversation */
  { type: 'end_handoff', argument: 'none', words: ['结束人工', '结束人工服务', '退出人工', '取消人工', '不用人工', '结束对话', '结束咨询'] },
  { type: 'help', argument: 'none', words: ['帮助', '菜单', 'help', 'menu', '使用说明', '怎么用'] },
  {
    type: 'mine',
    argument: 'none',
    words: ['我的', '我的进度', '我的报修', '我的提议', '我的记录', '我的事项', '查我的', '查询我的', '我报的'],
  },
  { type: 'lookup', argument: 'optional_case_id', words: ['查询', '查', '查看', '查进度', '查询进度', '进度查询', '进度', '查单'] },
  { type: 'subscribe', argument: 'case_id', words: ['订阅', '关注'] },
  { type: 'unsubscribe', argument: 'case_id', words: ['退订', '取消订阅', '取消关注'] },
  { type: 'subscribe_community', argument: 'none', words: ['订阅社区', '关注社区', '订阅本社区', '订阅社区动态'] },
  { type: 'unsubscribe_community', argument: 'none', words: ['退订社区', '退订本社区', '取消订阅社区', '取消关注社区'] },
  { type: 'publicity', argument: 'none', words: ['公示', '项目公示', '公示名单', '查看公示', '看公示'] },
  { type: 'stats', argument: 'none', words: ['统计', '数据统计', '统计数据', '查看统计'] },
  { type: 'my_community', argument: 'none', words: ['我的社区', '我住哪', '我住哪个社区', '我是哪个社区', '我属于哪个社区', '修改我的社区', '改我的社区', '换社区'] },
  /** 认领: the wishes waiting for someone; 认领 12: how to claim wish 12 */
  { type: 'claim', argument: 'optional_case_id', words: ['认领', '认领心愿', '我来认领', '心愿墙'] },
  /** 支持 12: the resident supports proposal 12 while it is collected (征集) */
  { type: 'support', argument: 'case_id', words: ['支持', '支持提议', '赞成'] },
];

/**
 * Politeness around a command that does not change it: 请转人工, 我要取消, 帮我查询一下, 人工谢谢.
 * Only these are stripped; anything else around a command word makes the message a sentence.
 */
export const COMMAND_PREFIXES: readonly string[] = ['请', '请问', '麻烦', '麻烦你', '我要', '我想', '我想要', '我需要', '帮我', '给我', '我', '要', '想'];

/**
 * A case number asked about in a sentence is a lookup: 4号办得怎么样了, 12号报修处理了吗, 第三号进度如何.
 * The number (digits or numerals, as after 查询), then optionally what it is, then one of these
 * questions, and nothing else (4号楼怎么样了 is not a case).
 */
export const LOOKUP_QUESTION = {
  /** what the number names: 4号报修, 12号的提议 */
  what: ['报修', '提议', '心愿', '问题', '事情', '事', '单', '件'],
  /** the question after it, optionally after 办得 / 处理得 …: 怎么样了, 到哪了, 处理了吗 */
  verbs: ['办', '处理', '修', '弄', '做'],
  questions: ['怎么样了', '怎么样', '咋样了', '如何了', '到哪了', '到哪一步了', '进展如何', '进度如何', '有进展吗', '有结果吗', '好了吗', '完了吗', '好了没有'],
  /** questions only after one of the verbs: 处理了吗, 修了没有 */
  afterVerb: ['了吗', '了没有', '了没'],
} as const;
export const COMMAND_SUFFIXES: readonly string[] = ['一下', '吧', '啊', '呀', '哦', '呢', '了', '谢谢', '好吗', '可以吗', '行吗'];
