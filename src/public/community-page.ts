import { excerpt, proposePublicText, statusAttrs, statusLabel, type Community, type CommunityStats } from '../civic/index.js';
import { formatMoney } from '../texts/format.js';
import { formatRange } from './dates.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import type { ProjectRow } from './read.js';
import { PROJECT_GROUPS, PROJECT_KIND } from './stages.js';
import { fill, publicTexts } from './texts.js';

const T = publicTexts.community;
const F = T.figures;
const M = T.money;

/** GET /community/:id — a community's projects by stage and the year's figures (三公开). */
export interface CommunityPageInput {
  community: Community;
  stats: CommunityStats;
  /** one list per PROJECT_GROUPS entry, in that order */
  groups: ProjectRow[][];
  publicised: number;
  now: Date;
  canonical: string;
}

/** how many projects of one group are listed; the rest are counted */
export const GROUP_LIMIT = 30;

/** an amount that never breaks across lines (68.8万 / 元 reads as two numbers) */
const amount = (label: string, fen: number | null) => html`${label} <span class="nw">${formatMoney(fen)}</span>`;

/** unit: T.projects or T.reports, with {{count}} */
const fig = (label: string, count: number, unit: string, money?: Html | string) =>
  html`<div class="fig"><span>${label}</span><strong>${fill(unit, { count })}</strong>${money ? html`<em>${money}</em>` : ''}</div>`;

function figures(s: CommunityStats): Html {
  const r = s.reports;
  const onTimeRate = r.resolved ? fill(T.onTimeRate, { percent: Math.round((r.resolvedOnTime / r.resolved) * 100) }) : undefined;
  return html`<section class="card"><h2>${fill(T.projectsTitle, { year: s.year })}</h2><div class="figs">
${fig(F.collected, s.collected.count, T.projects, amount(M.requested, s.collected.requested))}
${fig(F.confirmed, s.confirmed.count, T.projects, amount(M.approved, s.confirmed.approved))}
${fig(F.implemented, s.implemented.count, T.projects, amount(M.approved, s.implemented.approved))}
${fig(F.completed, s.completed.count, T.projects, amount(M.spent, s.completed.spent))}
</div>
<p class="meta">${fill(T.others, { reserve: s.reserve, declined: s.declined })}</p>${funding(s)}</section>
<section class="card"><h2>${fill(T.reportsTitle, { year: s.year })}</h2><div class="figs">
${fig(F.received, r.received, T.reports)}
${fig(F.resolved, r.resolved, T.reports)}
${fig(F.resolvedOnTime, r.resolvedOnTime, T.reports, onTimeRate)}
${fig(F.open, r.open, T.reports)}
</div></section>`;
}

/** 资金来源 of the year's projects and wishes, each source with money; nothing when none is recorded */
function funding(s: CommunityStats): Html | null {
  const amounts = [
    ['government', s.funding.government],
    ['social', s.funding.social],
    ['residents', s.funding.residents],
    ['in_kind', s.funding.inKind],
  ] as const;
  const parts = amounts.filter(([, fen]) => fen > 0).map(([source, fen]) => fill(T.fundingPart, { source: publicTexts.funding[source], money: formatMoney(fen) }));
  // the list separator of zh-CN prose
  return parts.length ? html`<p class="meta">${fill(T.fundingLine, { sources: parts.join(' · ') })}</p>` : null;
}

/** 微心愿 of the year: posted, claimed, come true, with their value, and the way to the wall */
function wishes(s: CommunityStats, communityId: string): Html | null {
  const w = s.wishes;
  if (!w.posted.count) return null;
  const W = T.wishFigures;
  return html`<section class="card"><h2>${fill(T.wishesTitle, { year: s.year })}</h2><div class="figs">
${fig(W.posted, w.posted.count, T.wishes, fill(T.wishValue, { money: formatMoney(w.posted.value) }))}
${fig(W.claimed, w.claimed.count, T.wishes)}
${fig(W.fulfilled, w.fulfilled.count, T.wishes, fill(T.wishValue, { money: formatMoney(w.fulfilled.value) }))}
</div>
<p><a href="/wishes?community=${communityId}">${T.wishWall}</a></p></section>`;
}

/** the money that matters at the project's stage: the estimate until decided, then approved, and spent once done */
function money(p: ProjectRow): Html {
  switch (statusAttrs(PROJECT_KIND, p.status)?.phase) {
    case 'new':
      return amount(M.estimated, p.estimatedCost);
    case 'done':
      return html`${amount(M.approved, p.approvedCost)} · ${amount(M.spent, p.actualCost)}`;
    default:
      return amount(M.approved, p.approvedCost);
  }
}

function item(p: ProjectRow, now: Date): Html {
  // a proposal is public before staff look at it: its words masked by rule
  const title = proposePublicText(p.title ?? excerpt(p.description, 20));
  const a = statusAttrs(PROJECT_KIND, p.status);
  const working = a?.phase === 'working' && p.progress !== null;
  const extra =
    a?.announce && p.publicityStart && p.publicityEnd
      ? fill(T.inPublicity, { range: formatRange(p.publicityStart, p.publicityEnd, now) })
      : working
        ? fill(T.progress, { percent: p.progress! })
        : null;
  return html`<li><a href="/c/${p.number}">${title}</a>
<p class="meta">${fill(publicTexts.common.numbered, { number: p.number })} · ${statusLabel(PROJECT_KIND, p.status)}${p.projectType ? ` · ${p.projectType}` : ''}</p>
<p>${money(p)}${p.batch ? ` · ${p.batch}` : ''}</p>${
    working
      ? html`<progress value="${p.progress}" max="100">${p.progress}%</progress>`
      : ''
  }${extra ? html`<p class="meta">${extra}</p>` : ''}</li>`;
}

function group(title: string, rows: ProjectRow[], now: Date): Html {
  const shown = rows.slice(0, GROUP_LIMIT);
  return html`<section class="card"><h2>${fill(T.groupTitle, { title, count: rows.length })}</h2>${
    rows.length ? html`<ul class="list">${shown.map((p) => item(p, now))}</ul>` : html`<p class="empty">${T.empty}</p>`
  }${rows.length > shown.length ? html`<p class="meta">${fill(T.more, { count: rows.length - shown.length })}</p>` : ''}</section>`;
}

export function communityPage(p: CommunityPageInput): string {
  const c = p.community;
  const body = html`<section class="card">
<p class="meta">${c.district} · ${c.streetName}</p>
<h1>${c.name}</h1>
<p>${T.intro}</p>
<p><a href="/community/${c.id}/publicity">${fill(T.publicityLink, { count: p.publicised })}</a></p>
</section>
${figures(p.stats)}
${wishes(p.stats, c.id)}
${PROJECT_GROUPS.map((g, i) => group(g.title, p.groups[i] ?? [], p.now))}`;
  return page({ title: c.name, canonical: p.canonical, body });
}
