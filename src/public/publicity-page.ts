import type { Community, PublicisedProject } from '../civic/index.js';
import { maskPhones } from '../civic/index.js';
import { formatMoney } from '../runtime/format.js';
import { daysUntil, formatRange } from './dates.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';

/** GET /publicity and /community/:id/publicity — 公示: what is publicised now and how to object. */
export interface PublicitySection {
  community: Community;
  projects: PublicisedProject[];
}

export interface PublicityPageInput {
  /** one community's page, or every community's */
  community?: Community;
  sections: PublicitySection[];
  now: Date;
  canonical: string;
}

function left(end: Date, now: Date): string {
  const n = daysUntil(end, now);
  return n <= 0 ? '今天是最后一天' : `还剩 ${n} 天`;
}

function project(p: PublicisedProject, now: Date): Html {
  return html`<li><a href="/c/${p.number}">${maskPhones(p.title)}</a>
<p class="meta">编号 ${p.number}${p.projectType ? ` · ${p.projectType}` : ''}${p.batch ? ` · ${p.batch}` : ''}</p>
<p>批准预算 <strong>${formatMoney(p.approvedCost)}</strong></p>
<p>公示期 ${formatRange(p.publicityStart, p.publicityEnd, now)}（<span class="nw">${left(p.publicityEnd, now)}</span>）</p>
<p class="text">${p.description}</p></li>`;
}

const HOW_TO_OBJECT = html`<section class="how"><h2>如何提出异议</h2>
<p>对公示的项目有不同意见，请在公示期内，在本公众号里回复 <strong class="nw">“人工”</strong>，说明项目编号和您的理由。工作人员会记录并复核，复核结果也会在这里公开。</p>
<p>回复<span class="nw">“查询 编号”</span>（例如<span class="nw">“查询 12”</span>）可以随时查看项目进展。</p></section>`;

export function publicityPage(p: PublicityPageInput): string {
  const sections = p.sections.filter((s) => s.projects.length);
  const heading = p.community ? `${p.community.name} · 正在公示` : '正在公示的项目';
  const list = sections.map(
    (s) => html`<section class="card"><h2>${s.community.name}（${s.projects.length} 个）</h2>
<ul class="list">${s.projects.map((x) => project(x, p.now))}</ul>${
      p.community ? '' : html`<p><a href="/community/${s.community.id}">查看${s.community.name}的全部项目</a></p>`
    }</section>`,
  );
  const body = html`<section class="card">
<h1>${heading}</h1>
<p>以下项目已经社区议事确定，正在公示。公示期满无异议的，进入实施。有不同意见，请看页面下方“如何提出异议”。</p>
</section>
${list.length ? list : html`<section class="card"><p class="empty">目前没有正在公示的项目。</p></section>`}
${HOW_TO_OBJECT}
${p.community ? html`<p><a href="/community/${p.community.id}">查看${p.community.name}的全部项目</a></p>` : ''}`;
  return page({ title: heading, canonical: p.canonical, body });
}
