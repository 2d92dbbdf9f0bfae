import { html } from './html.js';
import { page } from './layout.js';
import { fill, publicTexts } from './texts.js';

const T = publicTexts.claim;

export const CLAIMER_TYPES = ['company', 'organisation', 'volunteer', 'individual'] as const;

/** what the claimer typed, sent back into the form when something was wrong (escaped like all data) */
export interface ClaimFormValues {
  claimerName?: string;
  claimerType?: string;
  contactName?: string;
  contactPhone?: string;
  note?: string;
}

/**
 * GET /wishes/:number/claim — the claim form: who claims it (public once confirmed), how staff reach
 * them (never public), a word to the community. Plain HTML, no script; posts to itself.
 */
export function claimFormPage(p: { number: number; title: string; values?: ClaimFormValues; error?: string; canonical: string }): string {
  const v = p.values ?? {};
  const type = v.claimerType && (CLAIMER_TYPES as readonly string[]).includes(v.claimerType) ? v.claimerType : 'company';
  const choices = CLAIMER_TYPES.map(
    (t) => html`<label class="choice"><input type="radio" name="claimerType" value="${t}"${t === type ? html` checked` : ''}> ${T.types[t]}</label>`,
  );
  const heading = fill(T.heading, { title: p.title });
  const body = html`<section class="card"><h1>${heading}</h1><p>${T.intro}</p>
${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ''}
<form method="post" action="/wishes/${p.number}/claim" accept-charset="utf-8">
<label for="claimerName">${T.claimerName}</label>
<input type="text" id="claimerName" name="claimerName" maxlength="60" required value="${v.claimerName ?? ''}">
<fieldset><legend>${T.claimerType}</legend>${choices}</fieldset>
<label for="contactName">${T.contactName}</label>
<input type="text" id="contactName" name="contactName" maxlength="30" required autocomplete="name" value="${v.contactName ?? ''}">
<label for="contactPhone">${T.contactPhone}</label>
<input type="tel" id="contactPhone" name="contactPhone" maxlength="20" required autocomplete="tel" value="${v.contactPhone ?? ''}">
<label for="note">${T.note}</label>
<textarea id="note" name="note" rows="3" maxlength="500">${v.note ?? ''}</textarea>
<button type="submit">${T.submit}</button>
</form></section>`;
  return page({ title: heading, canonical: p.canonical, body });
}

/** after a claim was received */
export function claimDonePage(p: { number: number; title: string }): string {
  const body = html`<section class="card"><h1>${T.doneTitle}</h1><p>${fill(T.done, { title: p.title })}</p>
<p><a href="/c/${p.number}">${fill(publicTexts.common.numbered, { number: p.number })}</a> · <a href="/wishes">${publicTexts.wishes.heading}</a></p></section>`;
  return page({ title: T.doneTitle, body });
}
