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
  const unsafe = client.unsafe as unknown as Unsafe;
  const prepared: Unsafe = (query, params, options) => {
    const n = params?.length ?? 0;
    return unsafe.call(client, query, params, { ...options, prepare: n > 0 && n <= MAX_PREPARED_PARAMS });
  };
  /** begin and savepoint hand their callback a client of their own: it prepares too */
  const scoped = (name: 'begin' | 'savepoint'): Scoped | undefined => {
    const original = (client as unknown as Record<string, unknown>)[name] as Scoped | undefined;
    if (typeof original !== 'function') return undefined; // savepoint exists inside a transaction only
    return (...args) => {
      const i = args.findIndex((a) => typeof a === 'function');
      const fn = args[i] as (tx: Sql) => unknown;
      const wrapped = [...args];
      wrapped[i] = (tx: Sql) => fn(preparing(tx));
      return original.apply(client, wrapped);
    };
  };
  const overrides: Record<string, unknown> = { unsafe: prepared };
  for (const name of ['begin', 'savepoint'] as const) {
    const f = scoped(name);
    if (f) overrides[name] = f;
  }
  return new Proxy(client, {
    get: (target, prop, receiver) => (typeof prop === 'string' && Object.hasOwn(overrides, prop) ? overrides[prop] : Reflect.get(target, prop, receiver)),
  });
}
