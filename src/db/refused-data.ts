/**
 * True when PostgreSQL refused what a statement carried rather than failed to run it: SQLSTATE
 * class 22 (data exception: invalid JSON, a bad timestamp) or 23 (a constraint). Sending it again
 * gets the same answer; an unreachable server does not say this. Drizzle wraps the driver's error
 * (postgres.js and PGlite both carry `code`), so the causes are looked through.
 */
export function refusedData(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code)) return true;
  }
  return false;
}
