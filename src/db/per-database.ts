import type { Db } from './client.js';

/**
 * A statement built once per database (a prepared drizzle query): the hot lookups pay drizzle's
 * query building once, not on every message. Keyed weakly, so a closed database takes its own.
 */
export function perDatabase<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let q = built.get(db);
    if (q === undefined) built.set(db, (q = build(db)));
    return q;
  };
}
