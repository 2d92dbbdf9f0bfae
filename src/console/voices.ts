import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { conversations, voiceMessages } from '../db/schema.js';
import { AppError } from '../errors.js';
import { assertScope } from './auth/access.js';
import { can } from './auth/policy.js';
import type { StaffPrincipal } from './auth/principal.js';
import { caseInScope } from './cases/scope.js';
import { writeAudit } from './audit.js';
import type { Voice } from './contract.js';
import { staffNames } from './staff.js';

type VoiceRow = typeof voiceMessages.$inferSelect;

async function toVoices(db: Db, rows: VoiceRow[]): Promise<Voice[]> {
  const names = await staffNames(db, rows.flatMap((r) => (r.correctedBy ? [r.correctedBy] : [])));
  return rows.map((r) => ({
    id: r.id,
    durationMs: r.durationMs,
    transcript: r.transcript,
    transcriptSource: r.transcriptSource,
    machineTranscript: r.machineTranscript,
    correctedByName: r.correctedBy ? (names.get(r.correctedBy) ?? `#${r.correctedBy}`) : null,
    correctedAt: r.correctedAt ? r.correctedAt.toISOString() : null,
    caseId: r.caseId,
    at: r.createdAt.toISOString(),
  }));
}

/** the voices of transcript lines, by id */
export async function voicesById(db: Db, ids: number[]): Promise<Map<number, Voice>> {
  if (!ids.length) return new Map();
  const rows = await db.select().from(voiceMessages).where(inArray(voiceMessages.id, ids));
  return new Map((await toVoices(db, rows)).map((v) => [v.id, v]));
}

/** what the resident said while filing a case, oldest first */
export async function voicesOfCase(db: Db, caseId: number): Promise<Voice[]> {
  return toVoices(db, await db.select().from(voiceMessages).where(eq(voiceMessages.caseId, caseId)).orderBy(asc(voiceMessages.createdAt), asc(voiceMessages.id)));
}

/**
 * A voice the user may hear: one filed with a case in their scope, or, for inbox staff, one of a
 * resident whose latest ticket is in their scope. Anything else is as if it did not exist.
 */
export async function voiceInScope(db: Db, me: StaffPrincipal, id: number): Promise<VoiceRow> {
  const [row] = await db.select().from(voiceMessages).where(eq(voiceMessages.id, id));
  const missing = new AppError('not_found', '没有这条语音', { reason: 'unknown_voice' });
  if (!row) throw missing;
  if (row.caseId !== null) {
    await caseInScope(db, me, row.caseId);
    return row;
  }
  if (!can(me, 'inbox')) throw new AppError('forbidden', '无权收听这条语音', { reason: 'voice_scope' });
  const [ticket] = await db
    .select({ communityId: conversations.communityId })
    .from(conversations)
    .where(and(eq(conversations.openid, row.openid)))
    .orderBy(desc(conversations.id))
    .limit(1);
  if (!ticket) throw missing;
  await assertScope(db, me, ticket.communityId, '语音');
  return row;
}

/** staff write the words they hear; the machine's stay in machine_transcript; audited */
export async function correctTranscript(db: Db, me: StaffPrincipal, row: VoiceRow, transcript: string, now: Date): Promise<Voice> {
  const [updated] = await db
    .update(voiceMessages)
    .set({ transcript, transcriptSource: 'staff', correctedBy: me.id, correctedAt: now })
    .where(eq(voiceMessages.id, row.id))
    .returning();
  await writeAudit(db, {
    staffId: me.id,
    action: 'voice.transcript',
    target: `voice:${row.id}`,
    before: { transcript: row.transcript, source: row.transcriptSource },
    after: { transcript, source: 'staff' },
    at: now,
  });
  return (await toVoices(db, [updated!]))[0]!;
}
