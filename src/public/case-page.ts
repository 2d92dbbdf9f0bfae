import { kindTexts, maskPhones, proposePublicText, statusLabel, type CaseCouncilDecision, type ObjectionView, type PublicCase } from '../civic/index.js';
import { formatMoney } from '../texts/format.js';
import { councilSection } from './council-section.js';
import { deliverySection, evaluationSection, surveySection, type DeliveryView } from './delivery-section.js';
import { daysUntil, formatDate, formatDateTime, formatRange } from './dates.js';
import { fillHtml, html, type Html } from './html.js';
import { page } from './layout.js';
import type { PhotoRow, TimelineRow } from './read.js';
import { stagePath } from './stages.js';
import { fill, publicTexts } from './texts.js';

const T = publicTexts.case;
const C = publicTexts.common;

/** GET /c/:number — one case, 三公开: where it stands, what was decided, what was done. */
export interface CasePageInput {
  c: PublicCase;
  timeline: TimelineRow[];
  /** the shown photos; null when photos are not served (no media store) */
  photos: PhotoRow[] | null;
  now: Date;
  canonical: string;
  /** 公示异议 of a project (the reason and answer masked like other public resident text); absent for other kinds */
  objections?: ObjectionView[];
  /** what 居民议事会 decided of a proposal (kinds a 议事会 decides); absent for other kinds */
  council?: CaseCouncilDecision[];
  /** 实施与验收, 第三方评估, 满意度调查 of a project (kinds that are delivered); absent for other kinds */
  delivery?: DeliveryView;
  /** the 满意度调查 takes answers now (a completed project) */
  surveyOpen?: boolean;
  /** the shown photos of each milestone, in the order of c.milestones */
  milestonePhotos?: number[][];
}

/** free text residents typed: mobile numbers masked wherever it appears */
const t = (s: string | null | undefined): string | null => (s ? maskPhones(s) : null);

function stages(c: PublicCase, now: Date): Html {
  const s = stagePath(c.kind, c.status);
  const items = s.steps.map((label, i) => {
    const reached = i <= s.current;
    const here = i === s.current && !s.off;
    const cls = here ? 'done now' : reached ? 'done' : 'todo';
    return html`<li class="${cls}"${here ? html` aria-current="step"` : ''}>${label}${here ? html`<b>${publicTexts.stages.current}</b>` : ''}</li>`;
  });
  return html`<p class="state">${fill(T.state, { status: c.statusLabel })}</p>
<ol class="steps" aria-label="${publicTexts.stages.label}">${items}</ol>${notice(c, now)}`;
}

function notice(c: PublicCase, now: Date): Html | null {
  if (c.duplicateOf)
    return html`<p class="notice">${fillHtml(T.merged, { link: html`<a href="/c/${c.duplicateOf}">${fill(C.numbered, { number: c.duplicateOf })}</a>` })}</p>`;
  if (c.notice) return html`<p class="notice">${c.notice}</p>`;
  if (c.phase === 'off')
    return html`<p class="notice">${c.reason ? fillHtml(T.refused, { status: c.statusLabel, reason: t(c.reason) }) : fill(T.refusedNoReason, { status: c.statusLabel })}</p>`;
  if (c.dueAt && !c.resolvedAt && c.open) {
    const left = daysUntil(c.dueAt, now);
    if (left < 0) return html`<p class="notice">${fill(T.overdue, { date: formatDate(c.dueAt, now) })}</p>`;
  }
  return null;
}

function facts(c: PublicCase, now: Date): Html {
  const row = (k: string, v: string | number | null | undefined) =>
    v === null || v === undefined || v === '' ? '' : html`<dt>${k}</dt><dd>${v}</dd>`;
  const F = T.facts;
  const P = kindTexts(c.kind).page;
  const community = c.community ? fill(F.communityValue, { community: c.community.name, street: c.community.streetName }) : null;
  const onTime = c.resolvedAt && c.dueAt ? (c.resolvedAt <= c.dueAt ? F.onTime : F.late) : '';
  return html`<section class="card"><h2>${F.title}</h2><dl class="facts">
${row(F.number, c.number)}
${row(F.category, c.categoryName ?? c.projectType)}
${row(F.theme, c.themeName)}
${row(F.community, community)}
${row(F.location, t(c.locationLabel))}
${row(F.beneficiaries, t(c.beneficiaries))}
${row(F.created, formatDate(c.createdAt, now))}
${row(P.accepted, c.acceptedAt ? formatDate(c.acceptedAt, now) : null)}
${row(F.due, c.dueAt && !c.resolvedAt ? formatDate(c.dueAt, now) : null)}
${row(P.resolved, c.resolvedAt ? formatDate(c.resolvedAt, now) + onTime : null)}
${row(F.supporters, c.supporters > 1 && !c.support ? fill(F.supportersValue, { count: c.supporters }) : null)}
${row(F.support, c.support ? fill(F.supportValue, { count: c.support.count }) : null)}
</dl>${c.support?.open ? html`<p class="notice">${fill(T.supportHow, { number: c.number })}</p>` : ''}</section>`;
}

function budget(c: PublicCase, now: Date): Html | null {
  if (!c.budget) return null;
  const B = T.budget;
  return html`<section class="card"><h2>${B.title}</h2><dl class="facts">
<dt>${B.estimated}</dt><dd>${formatMoney(c.budget.estimated)}</dd>
<dt>${B.approved}</dt><dd>${formatMoney(c.budget.approved)}</dd>
<dt>${B.spent}</dt><dd>${c.budget.spent === null ? B.unsettled : formatMoney(c.budget.spent)}</dd>
${c.batch ? html`<dt>${B.batch}</dt><dd>${c.batch}</dd>` : ''}
${c.publicity ? html`<dt>${B.publicity}</dt><dd>${formatRange(c.publicity.start, c.publicity.end, now)}</dd>` : ''}
</dl></section>`;
}

/** a wish: what it is worth and who claimed it (their public name only) */
function value(c: PublicCase): Html | null {
  if (!c.value) return null;
  const V = T.value;
  return html`<section class="card"><h2>${V.title}</h2><dl class="facts">
<dt>${V.estimated}</dt><dd>${formatMoney(c.value.estimated)}</dd>
${c.value.given !== null ? html`<dt>${V.given}</dt><dd>${formatMoney(c.value.given)}</dd>` : ''}
${c.claimer ? html`<dt>${V.claimer}</dt><dd>${c.claimer}</dd>` : ''}
</dl></section>`;
}

/** 资金来源: each source of the money, named where a company or foundation gave it, and the total */
function funding(c: PublicCase): Html | null {
  if (!c.funding?.length) return null;
  const F = T.funding;
  const items = c.funding.map((f) => {
    const values = { source: publicTexts.funding[f.source], money: formatMoney(f.amount) };
    return html`<li>${f.funder ? fill(F.lineNamed, { ...values, funder: f.funder }) : fill(F.line, values)}</li>`;
  });
  const total = c.funding.reduce((sum, f) => sum + f.amount, 0);
  return html`<section class="card"><h2>${F.title}</h2><ul class="plain">${items}</ul>
<p><strong>${F.total} <span class="nw">${formatMoney(total)}</span></strong></p></section>`;
}

function progress(c: PublicCase, now: Date, photoIds: number[][] = []): Html | null {
  if (!c.milestones.length) return null;
  const pct = c.progress ?? 0;
  const img = (id: number, i: number) => {
    const src = `/c/${c.number}/photos/${id}`;
    return html`<a href="${src}"><img src="${src}" alt="${fill(T.photos.altStaff, { n: i + 1 })}" loading="lazy"></a>`;
  };
  const items = c.milestones
    .map((m, i) => {
      const ids = photoIds[i] ?? [];
      return html`<li><time>${formatDate(m.date, now)}</time><span class="what">${fill(T.progress.milestone, { percent: m.percent })}</span><p class="text">${t(m.note)}</p>${
        ids.length ? html`<div class="photos" data-milestone-photos="${ids.length}">${ids.map(img)}</div>` : ''
      }</li>`;
    })
    .reverse();
  return html`<section class="card"><h2>${T.progress.title}</h2>
<p>${fillHtml(T.progress.done, { percent: html`<strong>${pct}%</strong>` })}</p>
<progress value="${pct}" max="100">${pct}%</progress>
<ol class="line">${items}</ol></section>`;
}

function rating(c: PublicCase): Html | null {
  if (!c.rating || c.phase !== 'done') return null;
  const r = c.rating;
  return html`<section class="card"><h2>${T.rating.title}</h2>${
    r.average === null
      ? html`<p>${T.rating.none}</p>`
      : html`<p>${fillHtml(T.rating.average, { average: html`<strong>${r.average.toFixed(1)}</strong>`, count: r.count })}</p>`
  }</section>`;
}

/**
 * 公示异议: while 公示 runs, how to raise one (the bot: no form here collects who); then the
 * objections and their answers, without names, the reason masked as residents' text is.
 */
function objections(c: PublicCase, list: ObjectionView[] | undefined, now: Date): Html | null {
  if (!list || (!list.length && !c.publicity)) return null;
  const O = T.objections;
  const running = c.status === 'publicised' && c.publicity && now <= c.publicity.end;
  const head = running
    ? html`<p class="notice">${fill(O.how, { number: c.number })}</p>`
    : c.publicity
      ? html`<p class="meta">${fill(O.ended, { date: formatDate(c.publicity.end, now) })}</p>`
      : '';
  const items = list.map(
    (o) => html`<li><time>${formatDate(o.createdAt, now)}</time><span class="what">${O[o.status]}</span><p class="text">${t(proposePublicText(o.reason))}</p>${
      o.answer ? html`<p class="text">${fill(O.answer, { answer: t(proposePublicText(o.answer)) ?? '' })}</p>` : ''
    }</li>`,
  );
  return html`<section class="card"><h2>${O.title}</h2>${head}${items.length ? html`<ol class="line">${items}</ol>` : html`<p class="empty">${O.none}</p>`}</section>`;
}

/** what residents who sent a photo and find none here should know */
const REVIEW_LINE = T.photos.review;

function photos(c: PublicCase, list: PhotoRow[] | null): Html | null {
  if (!list) return null;
  if (!list.length) return html`<p class="meta">${REVIEW_LINE}</p>`;
  const img = (p: PhotoRow, i: number) => {
    const src = `/c/${c.number}/photos/${p.id}`;
    const alt = fill(p.source === 'staff' ? T.photos.altStaff : T.photos.altResident, { n: i + 1 });
    return html`<a href="${src}"><img src="${src}" alt="${alt}" loading="lazy"></a>`;
  };
  return html`<section class="card"><h2>${fill(T.photos.title, { count: list.length })}</h2><div class="photos">${list.map(img)}</div>
<p class="meta">${T.photos.tapHint}${REVIEW_LINE}</p></section>`;
}

const WHAT: Record<string, string> = {
  created: T.timeline.created,
  milestone: T.timeline.milestoneNoPercent,
  transferred: T.timeline.transferred,
  note: T.timeline.note,
};

function timeline(c: PublicCase, rows: TimelineRow[], now: Date): Html {
  const items = rows.map((r) => {
    const what =
      r.type === 'status_changed' && r.toStatus
        ? statusLabel(c.kind, r.toStatus)
        : r.type === 'milestone' && r.percent !== null
          ? fill(T.timeline.milestone, { percent: r.percent })
          : Object.hasOwn(WHAT, r.type) ? WHAT[r.type]! : T.timeline.other;
    return html`<li><time>${formatDateTime(r.at, now)}</time><span class="what">${what}</span>${
      r.note ? html`<p class="text">${t(r.note)}</p>` : ''
    }</li>`;
  });
  return html`<section class="card"><h2>${T.timeline.title}</h2>${
    items.length ? html`<ol class="line">${items}</ol>` : html`<p class="empty">${T.timeline.empty}</p>`
  }</section>`;
}

export function casePage(p: CasePageInput): string {
  const { c, now } = p;
  const heading = t(c.title) ?? c.categoryName ?? c.kindLabel;
  const body = html`<section class="card">
<p class="meta"><span class="tag">${c.kindLabel}</span>${fill(C.numbered, { number: c.number })}${c.community ? ` · ${c.community.name}` : ''}</p>
<h1>${heading}</h1>
${stages(c, now)}
</section>
<section class="card"><h2>${kindTexts(c.kind).page.description}</h2>${
    c.textPending ? html`<p class="meta">${T.textPending}</p>` : html`<p class="text">${t(c.description)}</p>`
  }</section>
${facts(c, now)}
${councilSection(p.council, now)}
${budget(c, now)}
${value(c)}
${funding(c)}
${deliverySection(p.delivery, now)}
${progress(c, now, p.milestonePhotos)}
${objections(c, p.objections, now)}
${evaluationSection(p.delivery, now)}
${surveySection(p.delivery, p.surveyOpen === true, c.number)}
${rating(c)}
${photos(c, p.photos)}
${timeline(c, p.timeline, now)}
${c.community ? html`<p><a href="/community/${c.community.id}">${fill(C.allProjects, { community: c.community.name })}</a></p>` : ''}`;
  return page({ title: `${c.kindLabel} ${c.number} ${heading}`, canonical: p.canonical, body });
}
