import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * WeChat's one signature recipe, shared by the GET handshake, every POST (`signature`) and the
 * ciphertext (`msg_signature`): sort the parts lexicographically, concatenate, SHA-1, lowercase
 * hex. JavaScript's default sort compares UTF-16 code units, which equals byte order for the
 * ASCII tokens, timestamps, nonces and base64 that WeChat signs.
 */
export function sha1Signature(...parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''), 'utf8')
    .digest('hex');
}

/**
 * Constant-time comparison of two hex digests, case-insensitive (WeChat sends lowercase; a proxy
 * or a hand-made test may not). Different lengths are simply unequal: timingSafeEqual would throw,
 * and the length of a SHA-1 digest is no secret.
 */
export function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase(), 'utf8');
  const y = Buffer.from(b.toLowerCase(), 'utf8');
  if (x.length !== y.length || x.length === 0) return false;
  return timingSafeEqual(x, y);
}

/**
 * The query parameters that authenticate a request. Values are `unknown` so a Koa `ctx.query`
 * (where a repeated parameter becomes an array) can be passed as it is: anything but a non-empty
 * string fails verification instead of throwing.
 */
export interface SignedQuery {
  signature?: unknown;
  timestamp?: unknown;
  nonce?: unknown;
}

const present = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Checks `signature = sha1(sort([token, timestamp, nonce]))`, sent on the GET handshake and every POST. */
export function verifySignature(token: string, query: SignedQuery): boolean {
  const { signature, timestamp, nonce } = query;
  if (!present(signature) || !present(timestamp) || !present(nonce)) return false;
  return safeEqualHex(sha1Signature(token, timestamp, nonce), signature);
}
