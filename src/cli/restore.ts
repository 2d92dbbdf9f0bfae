/**
 * npm run restore -- DIR
 *
 * Reads a snapshot written by npm run backup into the configured database, which must be empty
 * (a new PostgreSQL database, its media with it; or a DATA_DIR without an embedded database, its
 * media into MEDIA_DIR); then checks every table's rows and every media file against the snapshot. See src/backup/restore-backup.ts.
 */
import { parseArgs } from 'node:util';
import { restoreBackup } from '../backup/restore-backup.js';
import { loadConfig } from '../config/config.js';

const { positionals } = parseArgs({ allowPositionals: true, options: {} });
if (positionals.length !== 1) {
  console.error('usage: npm run restore -- <backup folder>');
  process.exit(2);
}
try {
  const manifest = await restoreBackup(loadConfig(), positionals[0]!);
  const total = Object.values(manifest.rows).reduce((a, b) => a + b, 0);
  console.log(`restored the backup of ${manifest.createdAt}: ${Object.keys(manifest.rows).length} tables, ${total} rows, ${manifest.media.length} media files, all checked`);
} catch (e) {
  console.error(`restore failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
