import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';

/** drizzle's own rendering of a `sql` template (the same text and parameters db.execute sends) */
const dialect = new PgDialect();

interface PostgresJsClient {
  unsafe(query: string, params: unknown[], options: { prepare: boolean }): Promise<Record<string, unknown>[]>;
}

const postgresJsOf = (db: Db): PostgresJsClient | undefined => {
  const client = (db as { $client?: unknown }).$client;
  return client && typeof (client as PostgresJsClient).unsafe === 'function' ? (client as PostgresJsClient) : undefined;
};

/**
 * Runs a statement on the hot path of every message as a named prepared statement on PostgreSQL.
 * drizzle sends its queries to postgres.js unprepared (drizzle-orm#6096), and postgres.js then asks
 * the server to describe each one first: two round trips and a parse per statement. Prepared, it is
 * parsed once per connection and then takes one round trip.
 *
 * Only for statements whose text is fixed (values as parameters, no lists that grow): postgres.js
 * keeps every prepared statement of a connection until the connection closes. Named statements need
 * a session, so a pgbouncer in front must be in session mode or support prepared statements (1.21+).
 * On PGlite, and inside a transaction, it is db.execute.
 */
export async function executePrepared(db: Db, query: SQL): Promise<Record<string, unknown>[]> {
  const client = postgresJsOf(db);
  if (client) {
    const q = dialect.sqlToQuery(query);
    return client.unsafe(q.sql, q.params, { prepare: true });
  }
  return rowsOf(await db.execute(query));
}

/** postgres.js returns the rows as an array, PGlite as `{ rows }` */
export function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
}
