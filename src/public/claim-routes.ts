import type Router from '@koa/router';
import type Koa from 'koa';
import { z } from 'zod';
import { offerClaim, phoneSchema } from '../civic/index.js';
import type { Db } from '../db/client.js';
import { isAppError } from '../errors.js';
import { readRawBody } from '../http/raw-body.js';
import { keys } from '../state/keys.js';
import type { StateStore } from '../state/store.js';
import { CLAIMER_TYPES, claimDonePage, claimFormPage, type ClaimFormValues } from './claim-page.js';
import { sendPage } from './layout.js';
import { claimableWish } from './read.js';
import { fill, publicTexts } from './texts.js';

const T = publicTexts.claim;

/** a claim form is small: anything bigger is not one */
const FORM_LIMIT = 8 * 1024;
/** claims one address may post in an hour (a company claims a few wishes, a script thousands) */
const CLAIMS_PER_HOUR = 10;

/** the form as posted: each field's label names it when it is wrong */
const formSchema = z.object({
  claimerName: z.string().trim().min(1).max(60),
  claimerType: z.enum(CLAIMER_TYPES),
  contactName: z.string().trim().min(1).max(30),
  contactPhone: z.string().trim().min(1).max(20),
  note: z.string().trim().max(500).optional(),
});
const LABELS: Record<keyof z.infer<typeof formSchema>, string> = {
  claimerName: T.claimerName,
  claimerType: T.claimerType,
  contactName: T.contactName,
  contactPhone: T.contactPhone,
  note: T.note,
};

export interface ClaimRouteDeps {
  db: Db;
  base: string;
  now: () => Date;
  store?: StateStore;
  badRequest: (ctx: Koa.Context, message: string) => void;
  notFound: (ctx: Koa.Context, message: string) => void;
}

/**
 * GET /wishes/:number/claim shows the form of a wish that takes claims; POST files the offer
 * (civic offerClaim: pending until staff confirm it). Anyone may post, so: a small body, a count per
 * address in the shared store, and a wish that no longer takes claims answered in words, not a 4xx
 * the claimer cannot read.
 */
export function claimRoutes(router: Router, d: ClaimRouteDeps): void {
  const wishOf = async (ctx: Koa.Context) => {
    const raw = ctx.params.number ?? '';
    if (!/^\d{1,9}$/.test(raw)) {
      d.badRequest(ctx, publicTexts.errors.badCaseNumber);
      return undefined;
    }
    const wish = await claimableWish(d.db, Number(raw));
    if (!wish) d.notFound(ctx, T.notClaimable);
    return wish;
  };
  const form = (ctx: Koa.Context, status: number, wish: { number: number; title: string }, values?: ClaimFormValues, error?: string) =>
    sendPage(ctx, status, claimFormPage({ ...wish, ...(values ? { values } : {}), ...(error ? { error } : {}), canonical: `${d.base}/wishes/${wish.number}/claim` }), false, true);

  router.get('/wishes/:number/claim', async (ctx) => {
    const wish = await wishOf(ctx);
    if (wish) form(ctx, 200, wish);
  });

  router.post('/wishes/:number/claim', async (ctx) => {
    const wish = await wishOf(ctx);
    if (!wish) return;
    const type = ctx.get('content-type').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') return d.badRequest(ctx, T.badForm);
    const body = new URLSearchParams((await readRawBody(ctx.req, FORM_LIMIT)).toString('utf8'));
    const values: ClaimFormValues = Object.fromEntries(['claimerName', 'claimerType', 'contactName', 'contactPhone', 'note'].map((k) => [k, body.get(k) ?? '']));
    const parsed = formSchema.safeParse({ ...values, note: values.note || undefined });
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path[0] as keyof typeof LABELS | undefined;
      return form(ctx, 400, wish, values, fill(T.invalid, { field: field ? LABELS[field] : '' }));
    }
    if (!phoneSchema.safeParse(parsed.data.contactPhone).success) return form(ctx, 400, wish, values, T.invalidPhone);
    if (d.store && (await d.store.incr(keys.claimRate(ctx.ip), 3600_000)) > CLAIMS_PER_HOUR) return form(ctx, 429, wish, values, T.busy);
    try {
      await offerClaim(d.db, { caseId: wish.number, ...parsed.data }, { now: d.now() });
    } catch (e) {
      if (isAppError(e) && e.code === 'conflict') return form(ctx, 409, wish, values, T.notClaimable);
      throw e;
    }
    sendPage(ctx, 200, claimDonePage(wish), false);
  });
}
