import { bindCommunity, listCommunities, loadPlaceMap, matchCommunities, type Community } from '../../civic/index.js';
import { parseHomeStatement } from '../../intent/home-words.js';
import { normaliseText } from '../../intent/normalise.js';
import { fill } from '../bot-texts.js';
import { answerCommand } from '../commands.js';
import { typedText } from '../message-input.js';
import type { BotContext, Responder } from './responder.js';

/** the example residents are shown: a short name they would say (同乐), else the full name */
const exampleOf = (list: readonly Community[]) => list[0]?.aliases[0] ?? list[0]?.name ?? '';

/**
 * Where the resident lives (their own community: the default of a report whose place says nothing,
 * the community of 公示, 统计, 订阅社区): 「我住在同乐」, 「搬家了，我现在住同乐社区」 change it. A
 * resident with no community who answers 公示's question with a community's name alone (同乐社区)
 * has it set and reads that community's 公示 list. After any waiting flow, so a flow's own question
 * (报修's 这是哪个社区的问题) takes such answers first.
 */
export const homeCommunity =
  (c: BotContext): Responder =>
  async (msg, turn) => {
    const typed = typedText(msg);
    if (!typed) return undefined;
    const said = parseHomeStatement(typed.raw);
    if (said) {
      const found = await matchCommunities(c.db, said.place);
      if (found.length === 1) return [await bind(c, turn, found[0]!)];
      if (!said.sure) return undefined;
      if (found.length > 1) return [fill(c.texts.homeWhich, { names: found.map((x) => x.name).join('、') })];
      return [fill(c.texts.homeUnknown, { example: exampleOf(await listCommunities(c.db)) })];
    }
    // a community's name alone, from a resident who has none yet: the answer to 请先告诉我们您住在哪个社区
    const text = normaliseText(typed.raw).replace(/[\s\p{P}\p{S}]+/gu, '');
    if (!text || [...text].length > 12 || !namesACommunity(text)) return undefined;
    // the turn's first statement read it: no statement of its own for text that is not a name
    if (await turn.community()) return undefined;
    const named = (await matchCommunities(c.db, text)).filter((x) => x.name === text || x.aliases.includes(text));
    if (named.length !== 1) return undefined;
    const set = await bind(c, turn, named[0]!);
    return [set, await answerCommand({ type: 'publicity' }, turn.openid, turn.now, { db: c.db, texts: c.texts })];
  };

/** the text is a community's name or alias (read from the communities file in memory: no statement for free text) */
function namesACommunity(text: string): boolean {
  return loadPlaceMap().file.streets.some((s) => s.communities.some((c) => c.name === text || c.aliases.includes(text)));
}

async function bind(c: BotContext, turn: Parameters<Responder>[1], community: Community): Promise<string> {
  await bindCommunity(c.db, turn.openid, community.id, turn.now);
  turn.residentChanged();
  return fill(c.texts.homeSet, { community: community.name, street: community.streetName });
}
