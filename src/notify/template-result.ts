import { and, eq, sql } from 'drizzle-orm';
import { markUnreachable } from '../civic/residents.js';
import type { Db } from '../db/client.js';
import { outbox } from '../db/schema.js';

export interface TemplateJobResult {
  /** the event's MsgID: the msgid the template send returned (a 64-bit integer, as a string) */
  templateMsgId: string;
  /** 'success', 'failed:user block', 'failed: system failed', 'failed:freq limit' … */
  status: string;
  now?: Date;
}

export interface RecordedTemplateResult {
  outboxId: number;
  openid: string;
  /** delivered; blocked (the resident refuses the account's messages: dead, resident unreachable); failed (held for their next message) */
  outcome: 'delivered' | 'blocked' | 'failed';
}

const normalise = (s: string) => s.toLowerCase().replace(/\s+/g, '');

/**
 * A TEMPLATESENDJOBFINISH event: WeChat's final word on a template message, matched to the push by
 * the msgid stored on the row when it was sent (payload.delivery.msgId). 'failed:user block'
 * marks the resident unreachable and the push dead; any other failure puts the push back as
 * 'held', so the resident hears of it at their next message. null when no sent push carries the
 * msgid (not ours, or already settled: WeChat may deliver the event twice).
 */
export async function recordTemplateResult(db: Db, r: TemplateJobResult): Promise<RecordedTemplateResult | null> {
  const status = r.status.trim();
  const norm = normalise(status);
  const outcome: RecordedTemplateResult['outcome'] = norm === 'success' ? 'delivered' : norm.includes('userblock') ? 'blocked' : 'failed';
  const at = (r.now ?? new Date()).toISOString();
  const payload = sql`jsonb_set(jsonb_set(${outbox.payload}, '{delivery,jobStatus}', to_jsonb(${status}::text)), '{delivery,jobAt}', to_jsonb(${at}::text))`;
  const [row] = await db
    .update(outbox)
    .set({
      payload,
      ...(outcome === 'blocked' ? { status: 'dead' as const, lastError: `template_job: ${status}` } : {}),
      ...(outcome === 'failed' ? { status: 'held' as const, lastError: `template_job: ${status}` } : {}),
    })
    .where(
      and(
        eq(outbox.status, 'sent'),
        eq(outbox.channel, 'template'),
        eq(sql`${outbox.payload} -> 'delivery' ->> 'msgId'`, r.templateMsgId),
      ),
    )
    .returning({ id: outbox.id, openid: outbox.openid });
  if (!row) return null;
  if (outcome === 'blocked') await markUnreachable(db, row.openid, 'template: user block', r.now);
  return { outboxId: row.id, openid: row.openid, outcome };
}
