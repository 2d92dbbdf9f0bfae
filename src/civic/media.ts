import { z } from 'zod';
import type { Db } from '../db/client.js';
import { caseMedia } from '../db/schema.js';

/** A file already downloaded and stored under MEDIA_DIR (WeChat media ids expire after 3 days). */
export const photoSchema = z.object({
  /** relative to MEDIA_DIR, never absolute and never climbing out of it */
  path: z
    .string()
    .min(1)
    .refine((p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..'), { message: 'path must stay inside MEDIA_DIR' }),
  sha256: z.string().regex(/^[0-9a-f]{64}$/i),
  bytes: z.number().int().positive(),
  contentType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/i),
});
export type PhotoInput = z.infer<typeof photoSchema>;

export async function insertMedia(
  db: Db,
  o: { caseId: number; eventId: number; photos: readonly PhotoInput[]; source: 'resident' | 'staff'; now: Date },
): Promise<void> {
  if (!o.photos.length) return;
  await db.insert(caseMedia).values(
    o.photos.map((p) => ({
      caseId: o.caseId,
      eventId: o.eventId,
      path: p.path,
      sha256: p.sha256.toLowerCase(),
      bytes: p.bytes,
      contentType: p.contentType,
      source: o.source,
      // what staff upload is public at once; a resident's photo waits for a staff member's look
      publicState: o.source === 'staff' ? ('shown' as const) : ('pending' as const),
      createdAt: o.now,
    })),
  );
}
