import { excerpt, maskPhones, statusLabel, type Community, type CommunityStats } from '../civic/index.js';
import { formatMoney } from '../runtime/format.js';
import { formatRange } from './dates.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import type { ProjectRow } from './read.js';
import { PROJECT_GROUPS } from './stages.js';

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

const fig = (label: string, count: number, unit: string, money?: Html | string) =>
  html`<div class="fig"><span>${label}</span><strong>${count} ${unit}</strong>${money ? html`<em>${money}</em>` : ''}</div>`;

function figures(s: CommunityStats): Html {
  const r = s.reports;
  const onTimeRate = r.resolved ? `按时率 ${Math.round((r.resolvedOnTime / r.resolved) * 100)}%` : undefined;
  return html`<section class="card"><h2>${s.year}年 微实事项目</h2><div class="figs">
${fig('征集', s.collected.count, '个', amount('申请', s.collected.requested))}
${fig('确定', s.confirmed.count, '个', amount('批准', s.confirmed.approved))}
${fig('实施', s.implemented.count, '个', amount('批准', s.implemented.approved))}
${fig('完成', s.completed.count, '个', amount('支出', s.completed.spent))}
</div>
<p class="meta">备选库 ${s.reserve} 个 · 不予采纳 ${s.declined} 个。实施数含已完成的项目。</p></section>
<section class="card"><h2>${s.year}年 居民报修</h2><div class="figs">
${fig('收到', r.received, '件')}
${fig('已办结', r.resolved, '件')}
${fig('按时办结', r.resolvedOnTime, '件', onTimeRate)}
${fig('正在办理', r.open, '件')}
</div></section>`;
}

/** the money that matters at the project's stage */
function money(p: ProjectRow): Html {
  switch (p.status) {
    case 'collected':
    case 'reviewing':
      return amount('预估', p.estimatedCost);
    case 'completed':
    case 'evaluated':
      return html`${amount('批准', p.approvedCost)} · ${amount('支出', p.actualCost)}`;
    default:
      return amount('批准', p.approvedCost);
  }
}

function item(p: ProjectRow, now: Date): Html {
  const title = maskPhones(p.title ?? excerpt(p.description, 20));
  const extra =
    p.status === 'publicised' && p.publicityStart && p.publicityEnd
      ? `公示 ${formatRange(p.publicityStart, p.publicityEnd, now)}`
      : p.status === 'implementing' && p.progress !== null
        ? `已完成 ${p.progress}%`
        : null;
  return html`<li><a href="/c/${p.number}">${title}</a>
<p class="meta">编号 ${p.number} · ${statusLabel('proposal', p.status)}${p.projectType ? ` · ${p.projectType}` : ''}</p>
<p>${money(p)}${p.batch ? ` · ${p.batch}` : ''}</p>${
    p.status === 'implementing' && p.progress !== null
      ? html`<progress value="${p.progress}" max="100">${p.progress}%</progress>`
      : ''
  }${extra ? html`<p class="meta">${extra}</p>` : ''}</li>`;
}

function group(title: string, rows: ProjectRow[], now: Date): Html {
  const shown = rows.slice(0, GROUP_LIMIT);
  return html`<section class="card"><h2>${title}（${rows.length} 个）</h2>${
    rows.length ? html`<ul class="list">${shown.map((p) => item(p, now))}</ul>` : html`<p class="empty">暂无项目。</p>`
  }${rows.length > shown.length ? html`<p class="meta">另有 ${rows.length - shown.length} 个较早的项目未列出。</p>` : ''}</section>`;
}

export function communityPage(p: CommunityPageInput): string {
  const c = p.community;
  const body = html`<section class="card">
<p class="meta">${c.district} · ${c.streetName}</p>
<h1>${c.name}</h1>
<p>居民点菜、社区下单、政府出资、街道落实。这里公开本社区微实事项目的决定、进展和结果。</p>
<p><a href="/community/${c.id}/publicity">正在公示的项目（${p.publicised} 个）</a></p>
</section>
${figures(p.stats)}
${PROJECT_GROUPS.map((g, i) => group(g.title, p.groups[i] ?? [], p.now))}`;
  return page({ title: c.name, canonical: p.canonical, body });
}
