import { bigserial, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { cases } from './cases-schema.js';
import { createdAt, ts } from './columns.js';
import { TRANSCRIPT_SOURCES } from '../speech/transcript-sources.js';

/**
 * A resident's voice message, downloaded the moment it arrived (WeChat's media ids expire after
 * three days): the audio as WeChat sent it (AMR) and as browsers play it (MP3), its length, and its
 * words when a machine or a staff member wrote them. `case_id` is set when the voice was sent while
 * a flow that filed a case was open. Never public: the audio is a resident's own voice.
 */
export const voiceMessages = pgTable(
  'voice_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    openid: text('openid').notNull(),
    mediaId: text('media_id').notNull(),
    caseId: integer('case_id').references(() => cases.id),
    /** paths relative to MEDIA_DIR: as received, and as played in the console */
    originalPath: text('original_path').notNull(),
    originalContentType: text('original_content_type').notNull(),
    path: text('path').notNull(),
    contentType: text('content_type').notNull(),
    sha256: text('sha256').notNull(),
    bytes: integer('bytes').notNull(),
    durationMs: integer('duration_ms').notNull(),
    transcript: text('transcript'),
    transcriptSource: text('transcript_source', { enum: TRANSCRIPT_SOURCES }),
    /** the machine's words, kept when a staff member corrects them */
    machineTranscript: text('machine_transcript'),
    correctedBy: integer('corrected_by'),
    correctedAt: ts('corrected_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('voice_messages_media_idx').on(t.mediaId), index('voice_messages_case_idx').on(t.caseId), index('voice_messages_openid_idx').on(t.openid, t.createdAt)],
);
