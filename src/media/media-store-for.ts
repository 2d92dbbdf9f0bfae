import type { Config } from '../config/config.js';
import type { Database } from '../db/client.js';
import { diskMediaStore } from './disk-media-store.js';
import type { MediaStore } from './media-store.js';
import { pgMediaStore } from './pg-media-store.js';

/**
 * Where this deployment keeps its media: in PostgreSQL whenever DATABASE_URL is set (shared by every
 * instance, as the database is), under MEDIA_DIR only for the embedded database (one process).
 */
export function mediaStoreFor(config: Pick<Config, 'mediaDir'>, database: Pick<Database, 'db' | 'kind'>): MediaStore {
  return database.kind === 'postgres' ? pgMediaStore(database.db) : diskMediaStore(config.mediaDir);
}
