import type { Sql } from 'postgres';

/** statements with more parameters than this are left unprepared (multi-row inserts, long lists) */
export const MAX_PREPARED_PARAMS = 32;

type Unsafe = (query: string, params?: unknown[], options?: { prepare?: boolean }) => unknown;
type Scoped = (...args: unknown[]) => unknown;

/**
 * The postgres.js client drizzle talks to, with its statements prepared. drizzle sends every query
 * unprepared (drizzle-orm#6096), and postgres.js then asks the server to describe each one before
 * running it: two round trips and a parse per statement. Prepared, a statement is parsed once per
 * connection and then takes one round trip.
 *
 * Only statements with 1 to MAX_PREPARED_PARAMS parameters: postgres.js keeps each connection's
 * prepared statements until the connection closes (at the latest after its max_lifetime), so text
 * that varies (a list growing with its values, a multi-row insert) must stay unprepared. A statement
 * without parameters is one round trip either way, and may hold several commands (migrations).
 * Transactions and savepoints get the same client. Named statements need a session: a pgbouncer in
 * front must run in session mode or support prepared statements (1.21+).
 */
export function preparing(client: Sql): Sql {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (prop === 'unsafe') {
        const unsafe = value as Unsafe;
        return (query: string, params?: unknown[], options?: { prepare?: boolean }) => {
          const n = params?.length ?? 0;
          return unsafe.call(target, query, params, { ...options, prepare: n > 0 && n <= MAX_PREPARED_PARAMS });
        };
      }
      if (prop === 'begin' || prop === 'savepoint') {
        const scoped = value as Scoped;
        return (...args: unknown[]) => {
          const i = args.findIndex((a) => typeof a === 'function');
          const fn = args[i] as (tx: Sql) => unknown;
          const wrapped = [...args];
          wrapped[i] = (tx: Sql) => fn(preparing(tx));
          return scoped.apply(target, wrapped);
        };
      }
      return value;
    },
  });
}
