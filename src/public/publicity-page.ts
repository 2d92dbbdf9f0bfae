import type { Community, PublicisedProject } from '../civic/index.js';
import { maskPhones } from '../civic/index.js';
import { formatMoney } from '../texts/format.js';
import { daysUntil, formatRange } from './dates.js';
import { fillHtml, html, type Html } from './html.js';
import { page } from './layout.js';
import { fill, publicTexts } from './texts.js';

const T = publicTexts.publicity;
const C = publicTexts.common;

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
  return n <= 0 ? T.lastDay : fill(T.daysLeft, { n });
}

function project(p: PublicisedProject, now: Date): Html {
  return html`<li><a href="/c/${p.number}">${maskPhones(p.title)}</a>
<p class="meta">${fill(C.numbered, { number: p.number })}${p.projectType ? ` · ${p.projectType}` : ''}${p.batch ? ` · ${p.batch}` : ''}</p>
<p>${fillHtml(T.approvedBudget, { money: html`<strong>${formatMoney(p.approvedCost)}</strong>` })}</p>
<p>${fillHtml(T.period, { range: formatRange(p.publicityStart, p.publicityEnd, now), left: html`<span class="nw">${left(p.publicityEnd, now)}</span>` })}</p>
<p class="text">${p.description}</p></li>`;
}

const nw = (s: string) => html`<span class="nw">${s}</span>`;
const HOW_TO_OBJECT = html`<section class="how"><h2>${T.howTitle}</h2>
<p>${fillHtml(T.howObject, { handoff: html`<strong class="nw">${C.handoffWord}</strong>` })}</p>
<p>${fillHtml(T.howLookup, { lookup: nw(C.lookupWord), example: nw(C.lookupExample) })}</p></section>`;

export function publicityPage(p: PublicityPageInput): string {
  const sections = p.sections.filter((s) => s.projects.length);
  const heading = p.community ? fill(T.headingCommunity, { community: p.community.name }) : T.heading;
  const list = sections.map(
    (s) => html`<section class="card"><h2>${fill(T.sectionTitle, { community: s.community.name, count: s.projects.length })}</h2>
<ul class="list">${s.projects.map((x) => project(x, p.now))}</ul>${
      p.community ? '' : html`<p><a href="/community/${s.community.id}">${fill(C.allProjects, { community: s.community.name })}</a></p>`
    }</section>`,
  );
  const body = html`<section class="card">
<h1>${heading}</h1>
<p>${T.intro}</p>
</section>
${list.length ? list : html`<section class="card"><p class="empty">${T.empty}</p></section>`}
${HOW_TO_OBJECT}
${p.community ? html`<p><a href="/community/${p.community.id}">${fill(C.allProjects, { community: p.community.name })}</a></p>` : ''}`;
  return page({ title: heading, canonical: p.canonical, body });
}
