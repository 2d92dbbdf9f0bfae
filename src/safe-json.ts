/**
 * JSON text as a value, or null when it is not JSON (or absent): what the service stored or was
 * sent, read before its zod schema decides whether it is usable.
 */
export function safeJson(s: string | null): unknown {
  if (s === null) return null;
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
