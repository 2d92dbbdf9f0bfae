import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Ask } from '../civic/kinds/kind.js';
import type { CaseKind } from '../civic/kinds/names.js';
import type { Db } from '../db/client.js';
import { outbox } from '../db/schema.js';
import { asksOf, FULL_NOTE_KIND, pushPayloadSchema } from './push-content.js';

/** one case with news for the resident, to be said in the reply to their message */
export interface HeldUpdate {
  caseId: number;
  /** the number residents type after 查询 */
  number: number;
  kind: CaseKind;
  title: string;
  /** the status label, e.g. 处理中 */
  status: string;
  /** the latest public note, if any */
  note: string | null;
  /** ISO time of the latest update */
  at: string;
  /** what the latest update asks the resident (问题解决了吗 …), now that they are told of it */
  asks?: Ask;
  /** staff's whole note, when a template could carry only 说明较长，全文另发给您 (FULL_NOTE_KIND) */
  fullNote?: string;
}

/**
 * The pushes waiting for this resident, marked sent (channel 'held_shown') in the same statement
 * that reads them, so a second call (or a worker) never gets them again. Returns one entry per
 * case, the latest news first, for "你关注的 2 件事有新进展：…" (flows/bot.zh-CN.yaml).
 *
 * Taken: 'held' rows (no channel could carry them) and, unless includePending is false, 'pending'
 * rows with no send in doubt (queued moments ago, waiting for a retry, the end of quiet hours or
 * tomorrow's template quota): the resident is here now, and the reply costs nothing. Rows being
 * sent right now ('sending') are left to the worker.
 */
export async function takeHeldUpdates(
  db: Db,
  openid: string,
  opts: { now?: Date; includePending?: boolean } = {},
): Promise<HeldUpdate[]> {
  const noDoubt = and(
    isNull(sql`${outbox.payload} -> 'delivery' ->> 'templateInFlightSince'`),
    isNull(sql`${outbox.payload} -> 'delivery' ->> 'customInFlightSince'`),
  );
  const waiting = opts.includePending === false ? eq(outbox.status, 'held') : or(eq(outbox.status, 'held'), and(eq(outbox.status, 'pending'), noDoubt));
  const rows = await db
    .update(outbox)
    .set({ status: 'sent', channel: 'held_shown', sentAt: opts.now ?? sql`now()`, lockedUntil: null })
    .where(and(eq(outbox.openid, openid), waiting))
    .returning({ id: outbox.id, kind: outbox.kind, payload: outbox.payload });
  const latest = new Map<number, { id: number; update: HeldUpdate }>();
  for (const r of rows.sort((a, b) => a.id - b.id)) {
    const p = pushPayloadSchema.safeParse(r.payload);
    if (!p.success) continue;
    const prev = latest.get(p.data.caseId);
    const asks = asksOf(p.data);
    const fullNote = r.kind === FULL_NOTE_KIND && p.data.publicNote?.trim() ? p.data.publicNote.trim() : prev?.update.fullNote;
    latest.set(p.data.caseId, {
      id: r.id,
      update: {
        caseId: p.data.caseId,
        number: p.data.caseNumber,
        kind: p.data.kind,
        title: p.data.title,
        status: p.data.statusLabel,
        note: p.data.publicNote ?? prev?.update.note ?? null,
        at: p.data.at,
        ...(asks ? { asks } : {}),
        ...(fullNote ? { fullNote } : {}),
      },
    });
  }
  return [...latest.values()].sort((a, b) => b.id - a.id).map((x) => x.update);
}
