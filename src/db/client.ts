import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { preparing } from './prepared.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** The one database type the code sees, whether PostgreSQL or the embedded PGlite sits behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** applies the SQL files in migrations/ (the same files on both) */
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

/**
 * DATABASE_URL set: PostgreSQL through postgres.js; absent: PGlite stored under DATA_DIR/pglite
 * (or in memory when dataDir is 'memory://', for tests).
 */
export async function openDatabase(opts: { url?: string; dataDir: string }): Promise<Database> {
  if (opts.url) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    const client = postgres(opts.url, {
      max: 10,
      onnotice: () => {},
      connect_timeout: 5,
      idle_timeout: 30,
      // seconds before a lost connection is tried again. postgres.js's default grows with the
      // failures of the whole pool (3^n/100 s, up to 20 s), so after a failover of a few seconds
      // residents kept reading 系统繁忙 for up to 20 s after PostgreSQL was back; now at most 1 s
      backoff: (retries: number) => Math.min(0.1 * retries, 1),
    });
    const db = drizzle(preparing(client), { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      migrate: async () => {
        await migrate(drizzle(client, { schema }), { migrationsFolder });
      },
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      close: async () => {
        await client.end({ timeout: 2 });
      },
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  let dir: string | undefined;
  if (opts.dataDir !== 'memory://') {
    dir = path.join(opts.dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
  }
  const client = dir ? new PGlite(dir) : new PGlite();
  await client.waitReady;
  const pdb = drizzle(client, { schema });
  const db = pdb as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: async () => {
      await migrate(pdb, { migrationsFolder });
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: async () => {
      await client.close();
    },
  };
}
