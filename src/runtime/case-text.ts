import { neutralise, type PublicCase, type ResidentCase } from '../civic/index.js';
import { menuLink } from '../engine/menu-link.js';
import { fill, type BotTexts } from './bot-texts.js';
import { formatDate, formatMoney } from '../texts/format.js';

/** 查询 N: what a resident reads about a case (public facts only; what residents typed neutralised: no markup, no link). */
export function caseText(c: PublicCase, texts: BotTexts, now: Date, opts: { following?: boolean; url?: string } = {}): string {
  const title = c.title ? neutralise(c.title) : (c.categoryName ?? c.kindLabel);
  const lines = [fill(texts.caseHeader, { kind: c.kindLabel, number: c.number, title }), fill(texts.caseStatus, { status: c.statusLabel })];
  if (c.community) lines.push(fill(texts.caseCommunity, { community: c.community.name }));
  if (c.themeName) lines.push(fill(texts.caseTheme, { theme: c.themeName }));
  if (c.duplicateOf) lines.push(fill(texts.caseMergedInto, { target: c.duplicateOf }));
  if (c.reason) lines.push(fill(texts.caseReason, { reason: neutralise(c.reason) }));
  if (c.dueAt && c.open) lines.push(fill(texts.caseDue, { date: formatDate(c.dueAt, now) }));
  if (c.budget?.approved) lines.push(fill(texts.caseBudget, { money: formatMoney(c.budget.approved) }));
  const value = c.value?.given ?? c.value?.estimated;
  if (value) lines.push(fill(texts.caseValue, { money: formatMoney(value) }));
  if (c.claimer) lines.push(fill(texts.caseClaimer, { claimer: neutralise(c.claimer) }));
  if (c.progress !== null) lines.push(fill(texts.caseProgress, { percent: c.progress }));
  if (c.support) lines.push(fill(texts.caseSupport, { count: c.support.count }));
  if (c.support?.open) lines.push(fill(texts.caseSupportHint, { number: c.number }));
  if (c.rating?.average) lines.push(fill(texts.caseRating, { average: c.rating.average, count: c.rating.count }));
  if (c.timeline.length) {
    lines.push(texts.caseTimelineTitle);
    for (const e of c.timeline) {
      const text = [e.statusLabel, e.note && neutralise(e.note)].filter(Boolean).join('：') || e.type;
      lines.push(fill(texts.caseTimelineLine, { date: formatDate(e.at, now), text }));
    }
  }
  if (opts.url) lines.push(fill(texts.caseLink, { url: opts.url }));
  lines.push(opts.following ? texts.caseFollowing : fill(texts.caseFollowHint, { number: c.number }));
  return lines.join('\n');
}

/** 我的: the resident's cases, newest first; tapping one asks for it (查询 N) */
export function mineText(list: ResidentCase[], texts: BotTexts): string {
  if (!list.length) return texts.mineEmpty;
  return [
    fill(texts.mineHeader, { count: list.length }),
    ...list.map((c) => menuLink(fill(texts.mineTap, { number: c.number }), c.number, fill(texts.mineLine, { number: c.number, title: neutralise(c.title), status: c.statusLabel }))),
    texts.mineFooter,
  ].join('\n');
}
