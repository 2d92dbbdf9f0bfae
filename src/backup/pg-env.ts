/**
 * A postgres:// URL as libpq's environment (PGHOST, PGPASSWORD …), so that pg_dump and pg_restore
 * get the password without it showing in the process list.
 */
export function libpqEnv(url: string): Record<string, string> {
  const u = new URL(url);
  const env: Record<string, string> = {};
  if (u.hostname) env.PGHOST = decodeURIComponent(u.hostname.replace(/^\[|\]$/g, ''));
  if (u.port) env.PGPORT = u.port;
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const db = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (db) env.PGDATABASE = db;
  const sslmode = u.searchParams.get('sslmode') ?? u.searchParams.get('ssl');
  if (sslmode) env.PGSSLMODE = sslmode === 'true' ? 'require' : sslmode;
  return env;
}
