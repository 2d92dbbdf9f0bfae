import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { deliveries } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Actor, CivicContext } from '../context.js';
import { parseInput } from '../intake.js';
import type { CaseRow } from '../kinds/kind.js';
import { sideActionWhere } from '../kinds/registry.js';
import { claimCase } from '../lifecycle/claim.js';
import { insertEvent } from '../lifecycle/events.js';
import { civicTexts } from '../texts.js';
import { IMPLEMENTER_KINDS } from './values.js';


const day = z.iso.date().nullable().default(null);

export const deliverySchema = z
  .object({
    caseId: z.number().int().positive(),
    /** provider: a contracted company or organisation; street: the street office delivers it itself */
    implementerKind: z.enum(IMPLEMENTER_KINDS),
    implementerName: z.string().trim().min(1).max(100),
    /** fen (分) */
    contractAmount: z.number().int().nonnegative().max(1e12).nullable().default(null),
    plannedStart: day,
    plannedEnd: day,
    actualStart: day,
    actualEnd: day,
  })
  .refine((d) => !d.plannedStart || !d.plannedEnd || d.plannedEnd >= d.plannedStart, { path: ['plannedEnd'] })
  .refine((d) => !d.actualStart || !d.actualEnd || d.actualEnd >= d.actualStart, { path: ['actualEnd'] })
  .refine((d) => !d.actualEnd || !!d.actualStart, { path: ['actualStart'] });
export type DeliveryInput = z.input<typeof deliverySchema>;
export type Delivery = Omit<z.output<typeof deliverySchema>, 'caseId'> & { updatedAt: Date };

export async function deliveryOf(db: Db, caseId: number): Promise<Delivery | null> {
  const [r] = await db.select().from(deliveries).where(eq(deliveries.caseId, caseId));
  if (!r) return null;
  const { caseId: _c, updatedBy: _u, ...d } = r;
  return d;
}

/**
 * 实施信息: who delivers a project after 公示 (a contracted provider or the street itself), the
 * contract amount and the planned and actual dates; set, and corrected later, by staff. The case is
 * claimed in the statuses its kind allows (sideActions.delivery) and `authorize` (the staff scope
 * check) runs on it inside the transaction; an internal timeline event keeps what changed. Returns
 * what was there before (null the first time), for the audit.
 */
export async function setDelivery(
  db: Db,
  input: DeliveryInput & { actor: Actor; authorize?: (row: CaseRow) => void | Promise<void> },
  ctx: CivicContext,
): Promise<{ before: Delivery | null; after: Delivery; eventId: number }> {
  const d = parseInput(deliverySchema, input, civicTexts.inputWhat.delivery);
  return db.transaction(async (tx) => {
    const row = await claimCase(tx, { caseId: d.caseId, now: ctx.now, allowed: sideActionWhere('delivery'), action: civicTexts.actions.delivery });
    if (input.authorize) await input.authorize(row);
    const before = await deliveryOf(tx, row.id);
    const { caseId, ...values } = d;
    if (before && (Object.keys(values) as (keyof typeof values)[]).every((k) => before[k] === values[k]))
      throw new AppError('conflict', civicTexts.errors.deliveryUnchanged, { reason: 'unchanged' });
    await tx
      .insert(deliveries)
      .values({ caseId, ...values, updatedBy: input.actor.id, updatedAt: ctx.now })
      .onConflictDoUpdate({ target: deliveries.caseId, set: { ...values, updatedBy: input.actor.id, updatedAt: ctx.now } });
    const eventId = await insertEvent(tx, { caseId, at: ctx.now, actor: input.actor, type: 'delivery', data: { ...values } });
    return { before, after: { ...values, updatedAt: ctx.now }, eventId };
  });
}
