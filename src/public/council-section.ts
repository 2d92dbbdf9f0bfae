import { ATTENDEE_GROUPS, maskPhones, type CaseCouncilDecision } from '../civic/index.js';
import { formatMoney } from '../texts/format.js';
import { formatDate } from './dates.js';
import { html, type Html } from './html.js';
import { fill, publicTexts } from './texts.js';

const K = publicTexts.case.council;

/** the day a meeting met, as an instant (midnight in China) */
const dayOf = (heldOn: string) => new Date(`${heldOn}T00:00:00+08:00`);

/** 参会 25 人：社区党组织 3 人、居委会 5 人 … (the groups with anyone; counts only, never names) */
function attendeesLine(d: CaseCouncilDecision): string | null {
  const present = ATTENDEE_GROUPS.filter((g) => d.attendees[g] > 0);
  if (!present.length) return null;
  const total = present.reduce((n, g) => n + d.attendees[g], 0);
  const groups = present.map((g) => fill(K.group, { group: K.groups[g], count: d.attendees[g] })).join(K.separator);
  return fill(K.attendees, { total, groups });
}

/** 表决：同意 20 票，反对 3 票 … (only the numbers the meeting recorded) */
function votesLine(d: CaseCouncilDecision): string | null {
  const parts = [
    d.votes.for !== null ? fill(K.voteFor, { count: d.votes.for }) : null,
    d.votes.against !== null ? fill(K.voteAgainst, { count: d.votes.against }) : null,
    d.votes.abstain !== null ? fill(K.voteAbstain, { count: d.votes.abstain }) : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? fill(K.votes, { votes: parts.join(K.separator) }) : null;
}

/**
 * 三公开 of the decision: 「议事会 12月7日 决定：确定 / 备选 / 不予采纳（理由）」 for each meeting
 * that decided the proposal, the budget it set, the votes it recorded and who sat on it, counted.
 */
export function councilSection(list: readonly CaseCouncilDecision[] | undefined, now: Date): Html | null {
  if (!list?.length) return null;
  const items = list.map((d) => {
    const outcome = K.outcomes[d.outcome] + (d.outcome === 'declined' && d.reason ? fill(K.reason, { reason: maskPhones(d.reason) }) : '');
    const lines = [
      d.outcome === 'approved' && d.approvedCost !== null ? fill(K.cost, { cost: formatMoney(d.approvedCost) }) : null,
      votesLine(d),
      attendeesLine(d),
    ].filter((l): l is string => l !== null);
    return html`<li data-council="${d.outcome}"><p class="text">${fill(K.decision, { date: formatDate(dayOf(d.heldOn), now), outcome })}</p>${lines.map(
      (l) => html`<p class="meta">${l}</p>`,
    )}</li>`;
  });
  return html`<section class="card"><h2>${K.title}</h2><ol class="line">${items}</ol></section>`;
}
