import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { mediaFiles } from '../db/schema.js';
import { isMediaPath, mediaPath, sha256Of, type MediaStore } from './media-store.js';

/**
 * Media in the media_files table: with PostgreSQL every instance of the service (and the worker)
 * reads what any of them stored, and npm run backup's database dump holds the files too. A path is
 * a key, never a file name; storing under an existing path keeps the first copy (the path is the
 * content hash, so the bytes are the same).
 */
export function pgMediaStore(db: Db): MediaStore {
  const keep = async (path: string, sha256: string, bytes: Buffer) => {
    await db.insert(mediaFiles).values({ path, sha256, size: bytes.length, content: bytes }).onConflictDoNothing({ target: mediaFiles.path });
  };
  return {
    kind: 'postgres',
    put: async (bytes, ext, at) => {
      const sha256 = sha256Of(bytes);
      const path = mediaPath(sha256, ext, at);
      await keep(path, sha256, bytes);
      return { path, sha256, bytes: bytes.length };
    },
    putAt: async (path, bytes) => {
      if (!isMediaPath(path)) throw new Error(`unsafe media path: ${path}`);
      await keep(path, sha256Of(bytes), bytes);
    },
    get: async (path) => {
      if (!isMediaPath(path)) return undefined;
      const [row] = await db.select({ content: mediaFiles.content }).from(mediaFiles).where(eq(mediaFiles.path, path));
      return row?.content;
    },
    has: async (path) => {
      if (!isMediaPath(path)) return false;
      const [row] = await db.select({ one: sql<number>`1` }).from(mediaFiles).where(eq(mediaFiles.path, path));
      return row !== undefined;
    },
  };
}
