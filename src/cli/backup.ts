/**
 * npm run backup -- [--out DIR]
 *
 * Writes one consistent snapshot of the configured database (DATABASE_URL, its media_files with it;
 * or the embedded one under DATA_DIR, stop the service first, and MEDIA_DIR) into a new folder under
 * DIR (default BACKUP_DIR, else ./backups), and prints its path and what it holds. See
 * src/backup/take-backup.ts.
 */
import { parseArgs } from 'node:util';
import { takeBackup } from '../backup/take-backup.js';
import { loadConfig } from '../config/config.js';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = values.out ?? (process.env.BACKUP_DIR || './backups');
try {
  const { dir, manifest } = await takeBackup(loadConfig(), out);
  const rows = (t: string) => manifest.rows[t] ?? 0;
  console.log(`backup written: ${dir}`);
  console.log(`  ${manifest.database === 'postgres' ? 'PostgreSQL' : 'embedded database'}: ${rows('cases')} cases, ${rows('case_events')} events, ${rows('subscriptions')} subscriptions; ${manifest.media.length} media files`);
} catch (e) {
  console.error(`backup failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
