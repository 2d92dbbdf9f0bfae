/** 预算与批次 in the console: a street's yearly envelopes (per community and its own) and its numbered batches. */
import { z } from 'zod';
import { id, iso, nonEmpty } from './common.js';

const placeId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/);
const year = z.coerce.number().int().min(2000).max(2100);
/** fen (分); the form types 元 */
const fen = z.number().int().min(0).max(1e13);

export const envelopeListQuerySchema = z.object({ year, streetId: placeId.optional() });

/** sets (or changes) the envelope of a community of the street, or the street's own (communityId null) */
export const envelopeBodySchema = z.object({
  streetId: placeId,
  communityId: placeId.nullable(),
  year: z.number().int().min(2000).max(2100),
  amount: fen,
});

export const envelopeSchema = z.object({
  streetId: z.string(),
  streetName: z.string(),
  communityId: z.string().nullable(),
  /** the community's name, or null for the street's own envelope */
  communityName: z.string().nullable(),
  year: z.number(),
  amount: z.number(),
  spent: z.number(),
  remaining: z.number(),
});

/** a street of the user's scope with its communities, each with its envelope of the year (null: none set, approving is not limited) */
export const envelopeListResponseSchema = z.object({
  year: z.number(),
  streets: z.array(
    z.object({
      streetId: z.string(),
      streetName: z.string(),
      own: envelopeSchema.nullable(),
      communities: z.array(z.object({ communityId: z.string(), communityName: z.string(), envelope: envelopeSchema.nullable() })),
    }),
  ),
});

export const batchListQuerySchema = z.object({ year: year.optional(), streetId: placeId.optional() });
export const batchBodySchema = z.object({ streetId: placeId, year: z.number().int().min(2000).max(2100), title: nonEmpty.max(40) });
export const batchCasesBodySchema = z.object({ caseIds: z.array(id).min(1).max(500) });

export const batchSchema = z.object({
  id: z.number(),
  streetId: z.string(),
  streetName: z.string(),
  year: z.number(),
  number: z.number(),
  title: z.string(),
  publishedAt: iso.nullable(),
  count: z.number(),
  approvedCost: z.number(),
});
export const batchListResponseSchema = z.object({ batches: z.array(batchSchema) });

const batchCaseSchema = z.object({
  id: z.number(),
  title: z.string(),
  communityId: z.string().nullable(),
  communityName: z.string().nullable(),
  projectType: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  approvedCost: z.number().nullable(),
});
/** a batch with its proposals, and (not yet published) the street's approved proposals in no batch, which may join it */
export const batchDetailSchema = batchSchema.extend({ cases: z.array(batchCaseSchema), candidates: z.array(batchCaseSchema) });
export const batchCasesResponseSchema = z.object({ added: z.array(z.number()) });
/** 公布, and with both dates its approved proposals enter 公示 with it (the dates as the 公示 move takes them) */
export const batchPublishBodySchema = z
  .object({ publicityStart: z.coerce.date().optional(), publicityEnd: z.coerce.date().optional() })
  .refine((b) => (b.publicityStart === undefined) === (b.publicityEnd === undefined), { message: 'publicityStart and publicityEnd go together', path: ['publicityEnd'] })
  .refine((b) => !b.publicityStart || !b.publicityEnd || b.publicityEnd > b.publicityStart, { message: 'publicityEnd must be after publicityStart', path: ['publicityEnd'] });
export const batchPublishResponseSchema = z.object({ batch: batchSchema, cases: z.number(), queued: z.number(), publicised: z.number() });
