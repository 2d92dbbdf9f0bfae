import { z } from 'zod';
import { TRANSCRIPT_SOURCES } from '../../speech/transcript-sources.js';
import { iso } from './common.js';

/** who wrote a voice's words: WeChat or the recogniser (machine-made), or a staff member's correction */
export const transcriptSourceSchema = z.enum(TRANSCRIPT_SOURCES);

/** a resident's voice message as staff see it: played from voiceAudio, its words editable */
export const voiceSchema = z.object({
  id: z.number(),
  durationMs: z.number(),
  /** the words; null when nobody (no machine, no staff member) wrote any */
  transcript: z.string().nullable(),
  transcriptSource: transcriptSourceSchema.nullable(),
  /** what the machine heard, kept when staff corrected it */
  machineTranscript: z.string().nullable(),
  correctedByName: z.string().nullable(),
  correctedAt: iso.nullable(),
  caseId: z.number().nullable(),
  at: iso,
});
export type Voice = z.infer<typeof voiceSchema>;

export const voiceTranscriptBodySchema = z.object({ transcript: z.string().trim().min(1).max(2000) });
