import { maskPhones, type Community } from '../civic/index.js';
import { excerpt } from '../civic/index.js';
import { formatMoney } from '../texts/format.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import type { WishRow } from './read.js';
import type { WISH_GROUPS } from './stages.js';
import { fill, publicTexts } from './texts.js';

const T = publicTexts.wishes;
const C = publicTexts.common;

/** GET /wishes — 心愿墙: the wishes waiting for a claimer, claimed, and come true. */
export interface WishWallInput {
  /** one community's wall, or every community's */
  community?: Community;
  /** one list per WISH_GROUPS entry, in that order */
  groups: { key: (typeof WISH_GROUPS)[number]['key']; wishes: WishRow[] }[];
  canonical: string;
}

/** what the wisher typed, as the wall shows it: staff reviewed it, and mobile numbers stay masked */
const t = (s: string) => maskPhones(s);

function wish(w: WishRow, open: boolean): Html {
  const title = t(w.title ?? excerpt(w.description, 20));
  const money = w.actualCost ?? w.estimatedCost;
  const facts = [
    fill(C.numbered, { number: w.number }),
    w.communityName,
    w.beneficiaries ? fill(T.forWhom, { who: t(w.beneficiaries) }) : null,
    money !== null ? fill(T.value, { money: formatMoney(money) }) : null,
  ].filter((x): x is string => !!x);
  return html`<li><a href="/c/${w.number}">${title}</a>
<p class="meta">${facts.join(' · ')}</p>
<p class="text">${t(excerpt(w.description, 80))}</p>${
    w.claimer ? html`<p><strong>${fill(T.claimedBy, { claimer: w.claimer })}</strong></p>` : ''
  }${open ? html`<p><a class="button" href="/wishes/${w.number}/claim">${T.claimLink}</a></p>` : ''}</li>`;
}

export function wishWallPage(p: WishWallInput): string {
  const heading = p.community ? fill(T.headingCommunity, { community: p.community.name }) : T.heading;
  const sections = p.groups.map(
    (g) => html`<section class="card"><h2>${fill(T.groupTitle, { title: T[g.key], count: g.wishes.length })}</h2>${
      g.wishes.length ? html`<ul class="list">${g.wishes.map((w) => wish(w, g.key === 'open'))}</ul>` : html`<p class="empty">${T.empty}</p>`
    }</section>`,
  );
  const body = html`<section class="card"><h1>${heading}</h1><p>${T.intro}</p>${
    p.community ? html`<p><a href="/wishes">${T.allWishes}</a></p>` : ''
  }</section>
${sections}`;
  return page({ title: heading, canonical: p.canonical, body });
}
