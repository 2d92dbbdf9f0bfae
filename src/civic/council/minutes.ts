import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { councilMeetings } from '../../db/schema.js';
import { meetingRow } from './meetings.js';

/** the minutes' file as stored under MEDIA_DIR (media/store-media-file.ts) */
export interface MinutesFile {
  path: string;
  sha256: string;
  bytes: number;
  contentType: string;
}

/**
 * 会议纪要: attaches (or replaces) the minutes of a meeting, after the staff scope check on its
 * community inside the transaction. Returns what it replaced (null the first time), for the audit.
 */
export async function attachMinutes(
  db: Db,
  input: { meetingId: number; file: MinutesFile; authorizeCommunity?: (communityId: string) => void | Promise<void> },
): Promise<{ communityId: string; replaced: string | null }> {
  return db.transaction(async (tx) => {
    const m = await meetingRow(tx, input.meetingId);
    if (input.authorizeCommunity) await input.authorizeCommunity(m.communityId);
    await tx
      .update(councilMeetings)
      .set({ minutesPath: input.file.path, minutesType: input.file.contentType, minutesSha256: input.file.sha256, minutesBytes: input.file.bytes })
      .where(eq(councilMeetings.id, m.id));
    return { communityId: m.communityId, replaced: m.minutesPath };
  });
}
