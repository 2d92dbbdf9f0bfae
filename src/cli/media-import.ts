/**
 * npm run media:import
 *
 * With DATABASE_URL, media are kept in PostgreSQL (media_files) where every instance reads them.
 * Files stored under MEDIA_DIR before that are copied into the database under the same paths, once,
 * on each host that has such a folder; running it again copies nothing twice. See
 * src/media/import-disk-media.ts.
 */
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/client.js';
import { importDiskMedia } from '../media/import-disk-media.js';
import { pgMediaStore } from '../media/pg-media-store.js';

const config = loadConfig();
if (!config.databaseUrl) {
  console.error('media:import copies MEDIA_DIR into PostgreSQL: set DATABASE_URL (the embedded database keeps its media under MEDIA_DIR)');
  process.exit(2);
}
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  await database.migrate();
  const { imported, present } = await importDiskMedia(config.mediaDir, pgMediaStore(database.db));
  console.log(`media from ${config.mediaDir}: ${imported} files copied into PostgreSQL, ${present} there already`);
} catch (e) {
  console.error(`media:import failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
