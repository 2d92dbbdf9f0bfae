import {
  caseForViewer,
  claimableCases,
  communityStats,
  findCommunity,
  getResident,
  listCommunities,
  listPublicised,
  listResidentCases,
  neutralise,
  subscribeCase,
  subscribeCommunity,
  supportProposal,
  unsubscribeCase,
  unsubscribeCommunity,
} from '../civic/index.js';
import type { Db } from '../db/client.js';
import { isAppError } from '../errors.js';
import type { Command } from '../intent/commands.js';
import { fill, type BotTexts } from './bot-texts.js';
import { caseText, mineText } from './case-text.js';
import { supportText } from './support-text.js';
import { chinaYear, formatDate, formatMoney } from '../texts/format.js';

export interface CommandDeps {
  db: Db;
  texts: BotTexts;
  /** the public page of a case, when public pages are served */
  caseUrl?: (caseId: number) => string;
  /** a public page by its path (/wishes …), when public pages are served */
  pageUrl?: (path: string) => string;
}

/** Commands answered with facts; 取消, 人工 and 结束人工 change the conversation and belong to the dispatcher. */
export type FactCommand = Exclude<Command, { type: 'cancel' } | { type: 'handoff' } | { type: 'end_handoff' }>;

/** Answers a global command with the text the resident reads. */
export async function answerCommand(cmd: FactCommand, openid: string, now: Date, deps: CommandDeps): Promise<string> {
  const { db, texts } = deps;
  switch (cmd.type) {
    case 'help':
      return texts.help;
    case 'lookup_usage':
      return texts.lookupUsage;
    case 'lookup': {
      try {
        const { case: c, following } = await caseForViewer(db, cmd.caseId, { viewer: openid });
        // a case only its author may see yet has no public page
        const url = c.public ? deps.caseUrl?.(c.number) : undefined;
        return caseText(c, texts, now, { following, ...(url ? { url } : {}) });
      } catch (e) {
        if (isAppError(e) && e.code === 'not_found') return fill(texts.caseNotFound, { number: cmd.caseId });
        throw e;
      }
    }
    case 'mine':
      return mineText(await listResidentCases(db, openid, { limit: 10 }), texts);
    case 'subscribe': {
      try {
        const role = await subscribeCase(db, cmd.caseId, openid, now);
        return fill(role === 'author' ? texts.alreadyAuthor : texts.subscribed, { number: cmd.caseId });
      } catch (e) {
        if (isAppError(e) && e.code === 'not_found') return fill(texts.caseNotFound, { number: cmd.caseId });
        throw e;
      }
    }
    case 'support':
      return supportCommand(cmd.caseId, openid, now, deps);
    case 'unsubscribe':
      return fill((await unsubscribeCase(db, cmd.caseId, openid)) ? texts.unsubscribed : texts.notSubscribed, { number: cmd.caseId });
    case 'subscribe_community':
    case 'unsubscribe_community':
    case 'publicity':
    case 'stats':
      return communityCommand(cmd.type, openid, now, deps);
    case 'claim_list':
    case 'claim':
      return claimCommand(cmd, openid, deps);
    case 'my_community':
      return homeText(openid, deps);
  }
}

async function communityCommand(
  type: 'subscribe_community' | 'unsubscribe_community' | 'publicity' | 'stats',
  openid: string,
  now: Date,
  deps: CommandDeps,
): Promise<string> {
  const { db, texts } = deps;
  const resident = await getResident(db, openid);
  const community = resident?.communityId ? await findCommunity(db, resident.communityId) : undefined;
  if (!community) {
    const example = (await listCommunities(db))[0]?.name;
    return example ? fill(texts.needCommunity, { example }) : texts.needCommunityNoExample;
  }
  switch (type) {
    case 'subscribe_community':
      await subscribeCommunity(db, community.id, openid, now);
      return fill(texts.subscribedCommunity, { community: community.name });
    case 'unsubscribe_community':
      await unsubscribeCommunity(db, community.id, openid);
      return texts.unsubscribedCommunity;
    case 'publicity': {
      const list = await listPublicised(db, community.id, now);
      if (!list.length) return fill(texts.publicityEmpty, { community: community.name });
      return [
        fill(texts.publicityHeader, { community: community.name }),
        ...list.map((p) =>
          fill(texts.publicityLine, {
            number: p.number,
            title: neutralise(p.title),
            type: p.projectType ?? '',
            money: formatMoney(p.approvedCost),
            end: formatDate(p.publicityEnd, now),
          }),
        ),
        texts.publicityFooter,
      ].join('\n');
    }
    case 'stats': {
      const year = chinaYear(now);
      const s = await communityStats(db, { communityId: community.id, year });
      return fill(texts.statsText, {
        scope: community.name,
        year,
        collected: s.collected.count,
        confirmed: s.confirmed.count,
        approved: formatMoney(s.confirmed.approved),
        implemented: s.implemented.count,
        completed: s.completed.count,
        spent: formatMoney(s.completed.spent),
        received: s.reports.received,
        resolved: s.reports.resolved,
      });
    }
  }
}

/** 支持 N: each outcome of the domain answered with what the resident can do next */
async function supportCommand(caseId: number, openid: string, now: Date, { db, texts }: CommandDeps): Promise<string> {
  try {
    return supportText(await supportProposal(db, caseId, openid, now), caseId, texts);
  } catch (e) {
    if (isAppError(e) && e.code === 'not_found') return fill(texts.caseNotFound, { number: caseId });
    throw e;
  }
}

/** 我的社区: the community the resident gave as theirs (the default for a report whose place says nothing) */
async function homeText(openid: string, { db, texts }: CommandDeps): Promise<string> {
  const own = (await getResident(db, openid))?.communityId;
  const community = own ? await findCommunity(db, own) : undefined;
  if (community) return fill(texts.homeShow, { community: community.name, street: community.streetName });
  return fill(texts.homeNone, { example: (await listCommunities(db))[0]?.aliases[0] ?? '' });
}

/** how many wishes 认领 lists; the wall has them all */
const CLAIM_LIST = 5;

/**
 * 认领: the wishes waiting for someone (of the resident's community when they are bound to one, or
 * of every community), and the wall; 认领 N: the claim form of wish N, where a company, a volunteer
 * or a neighbour leaves a contact that stays private.
 */
async function claimCommand(cmd: Extract<FactCommand, { type: 'claim' | 'claim_list' }>, openid: string, deps: CommandDeps): Promise<string> {
  const { db, texts } = deps;
  if (cmd.type === 'claim') {
    const [wish] = await claimableCases(db, { caseId: cmd.caseId, limit: 1 });
    if (!wish) return fill(texts.claimNotOpen, { number: cmd.caseId });
    const url = deps.pageUrl?.(`/wishes/${wish.number}/claim`);
    const title = neutralise(wish.title);
    return url ? fill(texts.claimHow, { number: wish.number, title, url }) : fill(texts.claimHowNoPage, { number: wish.number, title });
  }
  const communityId = (await getResident(db, openid))?.communityId ?? undefined;
  const open = await claimableCases(db, { ...(communityId ? { communityId } : {}), limit: CLAIM_LIST });
  const wall = deps.pageUrl?.(communityId ? `/wishes?community=${communityId}` : '/wishes');
  if (!open.length) return wall ? fill(texts.claimNoneWall, { url: wall }) : texts.claimNone;
  return [
    texts.claimHeader,
    ...open.map((w) => {
      const parts = [
        ...(w.beneficiaries ? [fill(texts.claimFor, { who: neutralise(w.beneficiaries) })] : []),
        ...(w.estimatedCost !== null ? [fill(texts.claimValue, { money: formatMoney(w.estimatedCost) })] : []),
      ];
      // the list separator of zh-CN prose
      const detail = parts.length ? fill(texts.claimDetail, { parts: parts.join('，') }) : '';
      return fill(texts.claimLine, { number: w.number, title: neutralise(w.title), detail });
    }),
    wall ? fill(texts.claimFooterWall, { url: wall }) : texts.claimFooter,
  ].join('\n');
}
