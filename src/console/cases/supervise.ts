import { and, count, eq, inArray, max } from 'drizzle-orm';
import type { z } from 'zod';
import { superviseCase } from '../../civic/index.js';
import type { Db } from '../../db/client.js';
import { caseEvents } from '../../db/schema.js';
import { writeAudit } from '../audit.js';
import type { StaffPrincipal } from '../auth/principal.js';
import type { superviseBodySchema } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { consoleKeys } from '../keys.js';
import { actorOf, civicCtx } from './actions.js';
import { scopeHook } from './scope.js';

/**
 * 督办 by a manager: the civic operation writes the internal timeline event after checking the
 * user's scope on the locked row (scopeHook), the audit row commits with it, and once both are
 * committed every staff alert channel is told to look (start-alerts.ts sends 【督办】 from the
 * event itself, so a channel that misses the nudge sends it at its next sweep).
 */
export async function superviseCaseAction(deps: ConsoleDeps, me: StaffPrincipal, caseId: number, b: z.output<typeof superviseBodySchema>) {
  const ctx = civicCtx(deps);
  const r = await deps.db.transaction(async (tx) => {
    const s = await superviseCase(tx, { caseId, actor: actorOf(me), note: b.note, authorize: scopeHook(tx, me) }, ctx);
    await writeAudit(tx, {
      staffId: me.id,
      action: 'case.supervise',
      target: `case:${caseId}`,
      before: { status: s.row.status, assignee: s.row.assignee },
      after: { note: b.note, times: s.times, eventId: s.eventId },
      at: ctx.now,
    });
    return s;
  });
  // never fails the request: the alert channels sweep for supervised cases anyway
  await deps.store.publish(consoleKeys.supervisedChannel, String(r.eventId)).catch((err: unknown) => deps.logger.warn({ err, caseId }, 'supervise nudge not published'));
  return { caseId, eventId: r.eventId, times: r.times, at: ctx.now.toISOString() };
}

/** how many times each case was supervised and when last (cases never supervised are absent) */
export async function supervisionOf(db: Db, ids: readonly number[]): Promise<Map<number, { times: number; lastAt: string }>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ caseId: caseEvents.caseId, times: count(), lastAt: max(caseEvents.at) })
    .from(caseEvents)
    .where(and(eq(caseEvents.type, 'supervised'), inArray(caseEvents.caseId, [...ids])))
    .groupBy(caseEvents.caseId);
  return new Map(rows.map((r) => [r.caseId, { times: Number(r.times), lastAt: new Date(r.lastAt!).toISOString() }]));
}
