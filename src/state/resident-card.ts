import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { safeJson } from '../safe-json.js';
import { keys } from './keys.js';
import type { StateStore, StoreWrite } from './store.js';

/**
 * What a resident's turn starts from, kept in the state store so a flow step or a help reply needs
 * no PostgreSQL round trip: the resident row exists, their community, the ticket that owns the
 * conversation if any. A turn that reads no trustworthy card reads PostgreSQL (runtime/turn-record.ts)
 * and leaves a card for the next one.
 *
 * Trust comes from a generation: the card carries the value of `cardgen:{openid}` the turn read
 * with its lock, before it read PostgreSQL. Whoever changes the facts outside a turn (staff claim,
 * assign or resolve a ticket; an idle ticket closes) commits to PostgreSQL, then bumps the
 * generation (`forgetResidentCard`): a card computed before the change, even one written after
 * the bump, then names an older generation and is read again. A turn that changes the facts
 * itself (人工, 结束人工, a community bound, a case filed) deletes the card with its own writes; it
 * holds the resident's lock, so no other turn writes one meanwhile.
 *
 * A generation is a random value, never a count: one that expired and came back can never make an
 * old card look current again. The card lives ten minutes, well inside the generation's day: should
 * a bump be lost (the state store down just after a staff action), a stale card is gone within ten
 * minutes.
 */
export const CARD_TTL_MS = 10 * 60_000;
const GEN_TTL_MS = 24 * 3600_000;

const ticketSchema = z.object({ id: z.number().int(), status: z.enum(['queued', 'assigned', 'resolved']), communityId: z.string().nullable() });
const cardSchema = z.object({ g: z.string(), c: z.string().nullable(), t: ticketSchema.nullable() });

export type ResidentCard = { communityId: string | null; ticket: z.infer<typeof ticketSchema> | null };

/** the generation as read with the lock ("0" when there is none) */
export const cardGeneration = (raw: string | null): string => raw ?? '0';

/** the card in a raw value, when it is readable and of the current generation */
export function readResidentCard(raw: string | null, generation: string): ResidentCard | undefined {
  const r = cardSchema.safeParse(safeJson(raw));
  if (!r.success || r.data.g !== generation) return undefined;
  return { communityId: r.data.c, ticket: r.data.t };
}

/** the write that leaves a card computed at `generation` */
export function residentCardWrite(openid: string, card: ResidentCard, generation: string): StoreWrite {
  return { op: 'set', key: keys.residentCard(openid), value: JSON.stringify({ g: generation, c: card.communityId, t: card.ticket }), ttlMs: CARD_TTL_MS };
}

/** the write a turn that changed the facts itself makes (it holds the lock) */
export const residentCardDrop = (openid: string): StoreWrite => ({ op: 'del', key: keys.residentCard(openid) });

/** after a change made outside a turn is committed: no card read before it is trusted again */
export async function forgetResidentCard(store: StateStore, openid: string): Promise<void> {
  await store.set(keys.residentGen(openid), randomUUID(), GEN_TTL_MS);
}
