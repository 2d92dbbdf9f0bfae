import { caseTitle, maskPhones, type BatchSummary, type CaseRow, type Community } from '../civic/index.js';
import { formatMoney } from '../texts/format.js';
import { formatDate } from './dates.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import { fill, publicTexts } from './texts.js';

const T = publicTexts.batches;
const C = publicTexts.common;

/** GET /batches — 批次: the published batches, the latest first, each with its projects and money (三公开 of the decision) */
export interface PublishedBatch {
  batch: BatchSummary;
  streetName: string;
  cases: CaseRow[];
}

export interface BatchesPageInput {
  batches: PublishedBatch[];
  communities: ReadonlyMap<string, Community>;
  now: Date;
  canonical: string;
}

function project(r: CaseRow, communities: ReadonlyMap<string, Community>): Html {
  const community = r.communityId ? communities.get(r.communityId)?.name : undefined;
  return html`<li><a href="/c/${r.id}">${maskPhones(caseTitle(r))}</a>
<p class="meta">${fill(C.numbered, { number: r.id })}${community ? ` · ${community}` : ''}${r.projectType ? ` · ${r.projectType}` : ''} · ${fill(T.money, { money: formatMoney(r.approvedCost) })}</p></li>`;
}

export function batchesPage(p: BatchesPageInput): string {
  const sections = p.batches.map(
    ({ batch, streetName, cases }) => html`<section class="card" data-batch="${batch.id}"><h2>${fill(T.sectionTitle, { street: streetName, title: batch.title })}</h2>
<p class="meta">${fill(T.summary, { count: batch.count, money: formatMoney(batch.approvedCost), date: batch.publishedAt ? formatDate(batch.publishedAt, p.now) : '' })}</p>
<ul class="list">${cases.map((r) => project(r, p.communities))}</ul></section>`,
  );
  const body = html`<section class="card">
<h1>${T.heading}</h1>
<p>${T.intro}</p>
</section>
${sections.length ? sections : html`<section class="card"><p class="empty">${T.empty}</p></section>`}`;
  return page({ title: T.heading, canonical: p.canonical, body });
}
