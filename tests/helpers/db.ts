import { openDatabase, type Database } from '../../src/db/client.js';
import { cloneTemplate } from './pg-template.js';

export type DbKind = 'pglite' | 'postgres';

/**
 * A migrated, empty database. PostgreSQL (the default, and where domain tests run): a fresh
 * database per call, cloned from the run's migrated template (tests/helpers/pg-template.ts), so
 * test files running in parallel never see each other's rows; close() drops it. PGlite: a new
 * in-memory instance, migrated — used by the parity suite (tests/db/pglite-parity.test.ts), which
 * runs the civic domain on the embedded database once, not by every domain test. (Booting PGlite
 * once per worker and cloning it with dumpDataDir()/loadDataDir was measured: a boot 1.8–4.5 s, a
 * dump 0.3–0.4 s, a load 0.5–1.1 s under load 7. It pays from the second instance in a worker; a
 * run now opens one, so there is nothing to clone.)
 */
export async function openTestDatabase(kind: DbKind = 'postgres'): Promise<Database> {
  if (kind === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    await database.migrate();
    return database;
  }
  const clone = await cloneTemplate();
  const database = await openDatabase({ url: clone.url, dataDir: 'memory://' });
  return {
    ...database,
    close: async () => {
      await database.close();
      await clone.drop();
    },
  };
}

/** URL of a fresh, migrated PostgreSQL database, for tests that start the whole service or a CLI. */
export async function createPostgresDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  const { url, drop } = await cloneTemplate();
  return { url, drop };
}
