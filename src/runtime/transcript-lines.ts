import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { rowsOf } from '../db/rows-of.js';
import type { InboundMessage } from '../wechat/inbound.js';
import type { OutboundMessage } from '../wechat/outbound.js';
import { describeInbound, describeOutbound } from './transcript.js';

/**
 * A transcript line written behind: a turn the bot answers alone appends its lines to the state
 * store's queue with the turn's final batch, and a drainer (transcript-drain.ts) moves them to
 * PostgreSQL's `messages` in batches. Short keys: the queue holds many of them.
 *
 * `k`, the line key, is the message's dedupe key, the turn's time and the line's place in its
 * turn: a line drained twice (a drainer that died between its insert and its trim) is kept once.
 */
export const transcriptLineSchema = z.object({
  /** null for a line written at once (no queue to drain it twice) */
  k: z.string().min(1).nullable(),
  o: z.string().min(1),
  c: z.number().int().nullable(),
  d: z.enum(['in', 'out']),
  s: z.string(),
  t: z.string(),
  b: z.string(),
  x: z.record(z.string(), z.unknown()),
  at: z.string().datetime(),
});
export type TranscriptLine = z.infer<typeof transcriptLineSchema>;

/** the resident's message and the bot's replies of one turn, in that order */
export function turnLines(o: { sourceKey: string; msg: InboundMessage; replies: readonly OutboundMessage[]; at: Date }): TranscriptLine[] {
  const at = o.at.toISOString();
  const key = `${o.sourceKey}@${o.at.getTime()}`;
  const d = describeInbound(o.msg);
  const openid = o.msg.fromUser;
  return [
    { k: `${key}#0`, o: openid, c: null, d: 'in', s: 'resident', t: d.msgType, b: d.body, x: d.data, at },
    ...o.replies.map((m, i): TranscriptLine => ({ k: `${key}#${i + 1}`, o: openid, c: null, d: 'out', s: 'bot', t: m.type, b: describeOutbound(m), x: {}, at })),
  ];
}

/**
 * Lines into `messages` in one statement of fixed text (prepared once per connection, whatever the
 * number of lines: they travel as one JSON parameter), in the given order; a line whose key is
 * already there is skipped. Returns how many were new.
 */
export async function insertLines(db: Db, lines: readonly TranscriptLine[]): Promise<number> {
  if (!lines.length) return 0;
  const result = await db.execute(sql`
    insert into messages (openid, conversation_id, direction, sender, msg_type, body, data, created_at, line_key)
    select l->>'o', (l->>'c')::int, l->>'d', l->>'s', l->>'t', l->>'b', l->'x', (l->>'at')::timestamptz, l->>'k'
    from jsonb_array_elements(${JSON.stringify(lines)}::jsonb) with ordinality as r(l, n)
    order by r.n
    on conflict (line_key) do nothing
    returning id`);
  return rowsOf(result).length;
}

/**
 * The bot's replies of one turn, in the transcript now (a turn staff or a voice are part of, and
 * the idle close's message): the same one statement as the lines written behind, without line keys.
 */
export async function recordOutbound(
  db: Db,
  openid: string,
  out: OutboundMessage[],
  conversationId: number | null,
  sender: string,
  at: Date,
): Promise<void> {
  const when = at.toISOString();
  await insertLines(db, out.map((m) => ({ k: null, o: openid, c: conversationId, d: 'out', s: sender, t: m.type, b: describeOutbound(m), x: {}, at: when })));
}
