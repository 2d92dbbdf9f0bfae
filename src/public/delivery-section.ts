import { maskPhones, type Acceptance, type Delivery, type SurveyTally, type ThirdPartyEvaluation } from '../civic/index.js';
import { formatMoney } from '../texts/format.js';
import { formatDate, formatRange } from './dates.js';
import { html, type Html } from './html.js';
import { fill, publicTexts } from './texts.js';

const D = publicTexts.case.delivery;

/** what the public page shows of a project after 公示 (read.ts deliveryView) */
export interface DeliveryView {
  delivery: Delivery | null;
  acceptances: Acceptance[];
  evaluations: ThirdPartyEvaluation[];
  survey: SurveyTally;
}

/** a calendar day (YYYY-MM-DD, China) as an instant: midnight in China */
const dayOf = (d: string) => new Date(`${d}T00:00:00+08:00`);
const t = (s: string | null | undefined): string | null => (s ? maskPhones(s) : null);

/**
 * 实施与验收: who delivers the project (a contracted provider or the street), the contract amount,
 * the planned and actual dates, and each acceptance with its result and who accepted it.
 */
export function deliverySection(v: DeliveryView | undefined, now: Date): Html | null {
  if (!v || (!v.delivery && !v.acceptances.length)) return null;
  const d = v.delivery;
  const row = (k: string, value: string | null) => (value ? html`<dt>${k}</dt><dd>${value}</dd>` : '');
  const range = (start: string | null, end: string | null) => (start && end ? formatRange(dayOf(start), dayOf(end), now) : null);
  const actual = d ? (range(d.actualStart, d.actualEnd) ?? (d.actualStart ? fill(D.started, { date: formatDate(dayOf(d.actualStart), now) }) : null)) : null;
  const facts = d
    ? html`<dl class="facts">
${row(D.implementer, fill(D.implementerValue, { name: t(d.implementerName) ?? '', kind: D.implementerKinds[d.implementerKind] }))}
${row(D.contract, d.contractAmount !== null ? formatMoney(d.contractAmount) : null)}
${row(D.planned, range(d.plannedStart, d.plannedEnd))}
${row(D.actual, actual)}
</dl>`
    : '';
  const items = v.acceptances.map(
    (a) => html`<li data-acceptance="${a.result}"><p class="text">${fill(D.acceptance, { date: formatDate(dayOf(a.acceptedOn), now), result: D.results[a.result] })}</p>
<p class="meta">${fill(D.acceptedBy, { by: t(a.acceptedBy) ?? '' })}</p>${a.notes ? html`<p class="text">${t(a.notes)}</p>` : ''}</li>`,
  );
  return html`<section class="card" id="delivery"><h2>${D.title}</h2>${facts}${
    items.length ? html`<h3>${D.acceptances}</h3><ol class="line">${items}</ol>` : ''
  }</section>`;
}

/** 第三方评估: the evaluator, the day, the score and its summary */
export function evaluationSection(v: DeliveryView | undefined, now: Date): Html | null {
  if (!v?.evaluations.length) return null;
  const E = publicTexts.case.evaluation;
  const items = v.evaluations.map(
    (e) => html`<li><p class="text">${fill(E.line, { evaluator: t(e.evaluator) ?? '', date: formatDate(dayOf(e.evaluatedOn), now), score: e.score })}</p><p class="text">${t(e.summary)}</p>${
      e.reportPath ? html`<p><a href="/c/${e.caseId}/evaluations/${e.id}/report">${E.report}</a></p>` : ''
    }</li>`,
  );
  return html`<section class="card" id="evaluation"><h2>${E.title}</h2><ol class="line">${items}</ol></section>`;
}

/** 满意度调查 of a completed project: the counts, and how beneficiaries answer (in the bot) */
export function surveySection(v: DeliveryView | undefined, open: boolean, number: number): Html | null {
  if (!v || !open) return null;
  const S = publicTexts.case.survey;
  const s = v.survey;
  const total = s.satisfied + s.fair + s.dissatisfied;
  return html`<section class="card" id="survey"><h2>${S.title}</h2><p>${total ? fill(S.tally, { satisfied: s.satisfied, fair: s.fair, dissatisfied: s.dissatisfied }) : S.none}</p>
<p class="meta">${fill(S.how, { number })}</p></section>`;
}
