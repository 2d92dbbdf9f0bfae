import { and, desc, eq, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { messages } from '../../db/schema.js';
import type { TranscriptEntry } from '../contract.js';
import { staffNames } from '../staff.js';
import { voicesById } from '../voices.js';
import type { TicketRow } from './tickets.js';

type MessageRow = typeof messages.$inferSelect;

/** resident | bot | staff:<id> | note:<id> | anything else (system) */
function senderOf(sender: string): { kind: TranscriptEntry['kind']; staffId: number | null } {
  if (sender === 'resident') return { kind: 'resident', staffId: null };
  if (sender === 'bot') return { kind: 'bot', staffId: null };
  const m = /^(staff|note):(\d+)$/.exec(sender);
  if (m) return { kind: m[1] === 'note' ? 'note' : 'staff', staffId: Number(m[2]) };
  return { kind: 'system', staffId: null };
}

/** the voice row a resident's voice line points at (receive-voice.ts writes data.voiceId) */
const voiceIdOf = (r: MessageRow): number | undefined => (r.msgType === 'voice' && typeof r.data.voiceId === 'number' ? r.data.voiceId : undefined);

export async function toEntries(db: Db, rows: MessageRow[]): Promise<TranscriptEntry[]> {
  const senders = rows.map((r) => senderOf(r.sender));
  const names = await staffNames(db, senders.flatMap((s) => (s.staffId ? [s.staffId] : [])));
  const voices = await voicesById(db, rows.flatMap((r) => voiceIdOf(r) ?? []));
  return rows.map((r, i) => {
    const s = senders[i]!;
    const voiceId = voiceIdOf(r);
    const voice = voiceId === undefined ? undefined : voices.get(voiceId);
    return {
      ...(voice ? { voice } : {}),
      id: r.id,
      at: r.at.toISOString(),
      direction: r.direction,
      kind: s.kind,
      senderName: s.staffId ? (names.get(s.staffId) ?? `#${s.staffId}`) : null,
      msgType: r.msgType,
      body: r.body,
      internal: s.kind === 'note',
    };
  });
}

/**
 * What staff read of a ticket: the resident's last messages (before and during the ticket: the bot
 * conversation that led to it matters), oldest first, up to the ticket's end. Notes are included
 * and marked internal; they were never sent.
 */
export async function ticketTranscript(db: Db, ticket: TicketRow, limit = 200): Promise<TranscriptEntry[]> {
  const rows = await db
    .select()
    .from(messages)
    .where(and(eq(messages.openid, ticket.openid), ticket.resolvedAt ? lte(messages.at, ticket.resolvedAt) : undefined))
    .orderBy(desc(messages.at), desc(messages.id))
    .limit(limit);
  return toEntries(db, rows.reverse());
}

/** writes a staff message or note into the transcript */
export async function recordStaffMessage(
  db: Db,
  o: { ticket: TicketRow; staffId: number; kind: 'staff' | 'note'; msgType: string; body: string; data?: Record<string, unknown>; at: Date },
): Promise<MessageRow> {
  const [row] = await db
    .insert(messages)
    .values({
      openid: o.ticket.openid,
      conversationId: o.ticket.id,
      direction: 'out',
      sender: `${o.kind}:${o.staffId}`,
      msgType: o.msgType,
      body: o.body,
      data: o.data ?? {},
      at: o.at,
    })
    .returning();
  return row!;
}
