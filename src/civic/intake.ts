import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { cases, residents, streets } from '../db/schema.js';
import { AppError } from '../errors.js';
import { ACTOR_TYPES, type Actor } from './context.js';
import { findCommunity } from './communities.js';
import { insertEvent } from './lifecycle/events.js';
import { insertMedia, type PhotoInput } from './media.js';
import { stripInvisible, stripInvisibleDeep } from './text.js';
import { addSubscription } from './subscriptions.js';
import { civicTexts, fill } from './texts.js';

/** a shared point (lat and lng, maybe a label) or a typed address (label only) */
export const locationSchema = z
  .object({
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    label: z.string().trim().max(200).optional(),
  })
  .refine((l) => (l.lat === undefined) === (l.lng === undefined), 'lat and lng go together')
  .refine((l) => l.lat !== undefined || !!l.label, 'a location needs a point or an address');

/** a case filed on someone's behalf: by staff (phone, window, patrol …) or by a partner system (Open311) */
export interface Filing {
  by: Actor;
  /** a channel id: config/channels.yaml, or 'open311' */
  channel: string;
  /** the resident's name as given (private: never public) */
  contactName?: string | undefined;
  /**
   * where the filer may file: staff are held to their own street or community, checked here on the
   * community the case gets (not only by the route); absent = anywhere (a partner key checks its own)
   */
  scope?: FilingScope | undefined;
}

/** the places a filer may file into: everywhere, a street's communities, one community, or nowhere */
export type FilingScope = { kind: 'all' } | { kind: 'street'; streetId: string } | { kind: 'community'; communityId: string } | { kind: 'none' };

const filingScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('street'), streetId: z.string().min(1) }),
  z.object({ kind: z.literal('community'), communityId: z.string().min(1) }),
  z.object({ kind: z.literal('none') }),
]);

/** may this scope file a case into the community (of the street)? */
export function mayFileInto(scope: FilingScope, communityId: string | null, streetId: string | null): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'street':
      return streetId === scope.streetId;
    case 'community':
      return communityId === scope.communityId;
    case 'none':
      return false;
  }
}

export const filingSchema = z.object({
  by: z.object({ type: z.enum(ACTOR_TYPES), id: z.string().min(1).max(100) }),
  channel: z.string().min(1).max(40),
  contactName: z.string().trim().min(1).max(50).optional(),
  scope: filingScopeSchema.optional(),
});

export interface SubmitResult {
  caseId: number;
  /** false: this source message had already created the case (a retried delivery) */
  created: boolean;
}

/**
 * zod input → AppError 'bad_request' naming the first bad field. Every civic input passes here, so
 * this is the one place invisible characters (bidi overrides, zero-width) leave each text field,
 * before the schema trims and measures it and before anything is stored.
 */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const r = schema.safeParse(stripInvisibleDeep(input));
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue?.path.join('.') || civicTexts.errors.wholeInput;
  throw new AppError('bad_request', fill(civicTexts.errors.invalidInput, { what, field }), { reason: 'invalid_input' });
}

/** the free-text columns of a new case without invisible characters, whoever built the values */
function cleanText(v: NewCase): NewCase {
  const s = (t: string | null | undefined) => (typeof t === 'string' ? stripInvisible(t) : t);
  return { ...v, description: stripInvisible(v.description), title: s(v.title), beneficiaries: s(v.beneficiaries), locationLabel: s(v.locationLabel) };
}

async function existing(db: Db, sourceKey: string): Promise<number | undefined> {
  const [row] = await db.select({ id: cases.id }).from(cases).where(eq(cases.sourceKey, sourceKey));
  return row?.id;
}

type NewCase = Omit<typeof cases.$inferInsert, 'id' | 'openid' | 'communityId' | 'sourceKey' | 'createdAt' | 'updatedAt'>;

/** what every submission carries, as the kinds' input schemas parse it */
export interface CaseIntake {
  /** the resident it is for, when known: absent when staff or a partner system files for someone not (yet) on the account */
  openid?: string | undefined;
  sourceKey: string;
  /** who filed it on the resident's behalf and through which channel (default: the resident, through the bot) */
  filing?: Filing | undefined;
  /** default: the community the resident is bound to */
  communityId?: string | undefined;
  /**
   * the resident does not know the community (不清楚): the case goes to this street to sort out
   * (null: the street is not known either; it goes to the street of the resident's own community,
   * else to the admins' triage pool, which no street office sees). Ignored with a communityId.
   */
  triageStreetId?: string | null | undefined;
  phone?: string | undefined;
  photos: readonly PhotoInput[];
}

/**
 * Files a new case in ONE transaction: the case, its 'created' event, its photos and the author's
 * subscription. Idempotent on sourceKey: `INSERT … ON CONFLICT (source_key) DO NOTHING` makes a
 * concurrent or retried delivery of the same message wait for the first and return its case.
 *
 * Statements that do not wait for each other's results are issued together: the transaction's
 * connection pipelines them (one round trip for the lot, run in the order given). A submission is
 * four round trips in all (five with photos) besides BEGIN and COMMIT, wherever the load puts the
 * event loop between them.
 */
export async function createCase(db: Db, intake: CaseIntake, values: NewCase, now: Date): Promise<SubmitResult> {
  const o = { ...intake, values, now };
  if (!o.openid && !o.filing) throw new AppError('bad_request', fill(civicTexts.errors.invalidInput, { what: civicTexts.errors.wholeInput, field: 'openid' }), { reason: 'no_filer' });
  return db.transaction(async (tx) => {
    // round trip 1: filed already?, the resident made known and read, the community named
    const [seen, resident, named] = await Promise.all([
      existing(tx, o.sourceKey),
      o.openid ? knownResident(tx, o.openid, o.now) : { communityId: null },
      o.communityId ? findCommunity(tx, o.communityId) : undefined,
    ]);
    if (seen !== undefined) return { caseId: seen, created: false };
    const triage = o.communityId === undefined && o.triageStreetId !== undefined;
    const communityId = triage ? null : (o.communityId ?? resident.communityId);
    let streetId: string | null = null;
    if (communityId) {
      const community = named ?? (await findCommunity(tx, communityId));
      if (!community) throw new AppError('bad_request', civicTexts.errors.unknownCommunity, { reason: 'unknown_community' });
      streetId = community.streetId;
    } else if (!triage) {
      throw new AppError('bad_request', civicTexts.errors.communityRequired, { reason: 'community_required' });
    } else if (o.triageStreetId) {
      const [street] = await tx.select({ id: streets.id }).from(streets).where(eq(streets.id, o.triageStreetId));
      if (!street) throw new AppError('bad_request', civicTexts.errors.unknownCommunity, { reason: 'unknown_street' });
      streetId = street.id;
    } else if (resident.communityId) {
      // the place named no street: the street of the resident's own community triages it, not every street
      streetId = (await findCommunity(tx, resident.communityId))?.streetId ?? null;
    }
    if (o.filing?.scope && !mayFileInto(o.filing.scope, communityId, streetId))
      throw new AppError('forbidden', civicTexts.errors.fileOutOfScope, { reason: 'out_of_scope' });
    // round trip 2: the case
    const [row] = await tx
      .insert(cases)
      .values({
        ...cleanText(o.values),
        openid: o.openid ?? null,
        channel: o.filing?.channel ?? 'wechat',
        contactName: o.filing?.contactName ?? null,
        communityId,
        streetId,
        phone: o.phone ?? null,
        sourceKey: o.sourceKey,
        createdAt: o.now,
        updatedAt: o.now,
      })
      .onConflictDoNothing({ target: cases.sourceKey })
      .returning({ id: cases.id, status: cases.status });
    if (!row) {
      const id = await existing(tx, o.sourceKey);
      if (id === undefined) throw new AppError('conflict', civicTexts.errors.sourceKeyRace, { reason: 'source_key_race' });
      return { caseId: id, created: false };
    }
    // round trip 3: its 'created' event, the author's subscription, what the resident's row learns
    const openid = o.openid;
    const [eventId] = await Promise.all([
      insertEvent(tx, {
        caseId: row.id,
        at: o.now,
        actor: o.filing?.by ?? { type: 'resident', id: openid ?? '' },
        type: 'created',
        toStatus: row.status,
        data: { photos: o.photos.length, ...(o.filing ? { channel: o.filing.channel } : {}) },
      }),
      openid ? addSubscription(tx, { caseId: row.id, openid, role: 'author', now: o.now }) : undefined,
      openid && o.phone
        ? tx
            .update(residents)
            .set({ phone: o.phone })
            .where(and(eq(residents.openid, openid), isNull(residents.phone)))
        : undefined,
      openid && !resident.communityId && communityId ? tx.update(residents).set({ communityId }).where(eq(residents.openid, openid)) : undefined,
    ]);
    // round trip 4 (with photos): the photos, on the event that brought them
    await insertMedia(tx, { caseId: row.id, eventId, photos: o.photos, source: 'resident', now: o.now });
    return { caseId: row.id, created: true };
  });
}

/**
 * ensureResident inside a transaction, in one round trip: the insert and the read are issued
 * together on the transaction's connection (the read runs after the insert and sees its row).
 */
async function knownResident(tx: Db, openid: string, now: Date): Promise<{ communityId: string | null }> {
  const [, rows] = await Promise.all([
    tx.insert(residents).values({ openid, createdAt: now }).onConflictDoNothing({ target: residents.openid }),
    tx.select({ communityId: residents.communityId }).from(residents).where(eq(residents.openid, openid)),
  ]);
  return rows[0]!;
}
