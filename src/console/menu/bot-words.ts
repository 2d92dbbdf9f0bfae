import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { communities, keywordReplies } from '../../db/schema.js';
import { loadFlows } from '../../flows/load-flows.js';
import { COMMAND_WORDS } from '../../intent/command-words.js';
import { parseCommand, type Command } from '../../intent/commands.js';
import { flowsDir } from '../../texts/text-spec.js';
import { flowWordForm, replyWordForm } from '../../vocabulary/word-forms.js';
import type { BotWord, WechatMenu } from '../contract/menu.js';

/**
 * The words a click button may send so that the bot does something with them. A click arrives as
 * its key and the dispatcher (src/runtime/bot.ts) reads it as typed text: a global command
 * (src/intent), a flow's trigger keyword (flows/*.yaml), or a staff keyword reply — in that order.
 * Anything else gets the help text. Nothing here is a list of its own: each source is asked.
 */
const COMMAND_MEANS: Record<Command['type'], string> = {
  cancel: '取消正在填写的事项',
  handoff: '转人工客服',
  end_handoff: '结束人工服务，回到机器人',
  help: '回复使用帮助',
  mine: '列出居民自己的报修和提议',
  lookup: '查询办理进度',
  lookup_usage: '说明怎样查询办理进度',
  subscribe: '订阅办理进度',
  unsubscribe: '退订办理进度',
  subscribe_community: '订阅社区动态',
  unsubscribe_community: '退订社区动态',
  publicity: '列出公示中的项目',
  stats: '回复社区统计数据',
  my_community: '告诉居民自己登记的社区和怎样修改',
  claim_list: '列出等待认领的微心愿',
  claim: '说明怎样认领一个微心愿',
  support: '支持一个征集中的微实事提议',
};


let flowWords: Map<string, string> | undefined;
/** trigger keyword → flow name; the flows are files, read once */
function flowKeywords(): Map<string, string> {
  if (!flowWords) {
    flowWords = new Map();
    for (const flow of loadFlows(flowsDir).flows.values()) for (const k of flow.triggers.keywords) flowWords.set(flowWordForm(k), flow.name);
  }
  return flowWords;
}

interface Reply {
  keyword: string;
  match: 'exact' | 'prefix';
  community: string | null;
}

export interface BotVocabulary {
  words: BotWord[];
  /** null = the bot acts on it for every resident; otherwise what staff should know */
  problemWith(key: string): 'unknown' | { onlyFor: string[] } | null;
}

export async function botVocabulary(db: Db): Promise<BotVocabulary> {
  const rows = await db
    .select({ keyword: keywordReplies.keyword, match: keywordReplies.match, communityId: keywordReplies.communityId, community: communities.name })
    .from(keywordReplies)
    .leftJoin(communities, eq(communities.id, keywordReplies.communityId))
    .where(eq(keywordReplies.enabled, true));
  const replies: Reply[] = rows.map((r) => ({ keyword: replyWordForm(r.keyword), match: r.match, community: r.communityId === null ? null : (r.community ?? r.communityId) }));

  const words: BotWord[] = [];
  const seen = new Set<string>();
  const add = (w: BotWord) => {
    if (seen.has(w.word)) return;
    seen.add(w.word);
    words.push(w);
  };
  for (const entry of COMMAND_WORDS)
    for (const word of entry.words) {
      const cmd = parseCommand(word);
      if (cmd) add({ word, means: COMMAND_MEANS[cmd.type], source: 'command' });
    }
  for (const [word, flow] of flowKeywords()) add({ word, means: `开始「${flow}」`, source: 'flow' });
  // a reply for every community says more than one community's own
  for (const r of [...rows].sort((a, b) => Number(a.communityId !== null) - Number(b.communityId !== null)))
    add({
      word: r.keyword,
      means: `关键词回复${r.communityId === null ? '' : `（仅${r.community ?? r.communityId}）`}${r.match === 'prefix' ? '，以此开头即可' : ''}`,
      source: 'keyword',
    });

  return {
    words,
    problemWith(key) {
      if (parseCommand(key) || flowKeywords().has(flowWordForm(key))) return null;
      const word = replyWordForm(key);
      const hits = word ? replies.filter((r) => (r.match === 'exact' ? word === r.keyword : word.startsWith(r.keyword))) : [];
      if (hits.some((r) => r.community === null)) return null;
      return hits.length ? { onlyFor: [...new Set(hits.map((r) => r.community!))] } : 'unknown';
    },
  };
}

/** warnings, not refusals: a click key the bot would answer with its help text */
export function clickKeyWarnings(menu: WechatMenu, vocab: BotVocabulary): string[] {
  const out: string[] = [];
  for (const b of menu.button)
    for (const leaf of b.sub_button ?? [b]) {
      if (leaf.type !== 'click' || !leaf.key) continue;
      const p = vocab.problemWith(leaf.key);
      if (p === 'unknown') out.push(`「${leaf.name}」发送的「${leaf.key}」不是机器人认识的词，居民点了只会收到使用帮助`);
      else if (p) out.push(`「${leaf.name}」发送的「${leaf.key}」只在${p.onlyFor.join('、')}有关键词回复，其他居民点了只会收到使用帮助`);
    }
  return out;
}
