import { describe, expect, it } from 'vitest';
import { safeEqualHex, sha1Signature, verifySignature } from '../../src/wechat/signature.js';

/** Official GET handshake vectors (reference b.2): Token AAAAA. */
const TOKEN = 'AAAAA';
const vectors = [
  { timestamp: '1714036504', nonce: '1514711492', signature: 'f464b24fc39322e44b38aa78f5edd27bd1441696' },
  { timestamp: '1714037059', nonce: '486452656', signature: '899cf89e464efb63f54ddac96b0a0a235f53aa78' },
];

describe('sha1Signature', () => {
  it.each(vectors)('reproduces the official vector for timestamp $timestamp', ({ timestamp, nonce, signature }) => {
    expect(sha1Signature(TOKEN, timestamp, nonce)).toBe(signature);
  });

  it('does not depend on the order of its arguments', () => {
    const { timestamp, nonce, signature } = vectors[0]!;
    expect(sha1Signature(nonce, TOKEN, timestamp)).toBe(signature);
    expect(sha1Signature(timestamp, nonce, TOKEN)).toBe(signature);
  });

  it('sorts rather than concatenating in the given order', () => {
    // sha1("abc") is the FIPS 180 test vector
    expect(sha1Signature('c', 'a', 'b')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });

  it('does not reorder the caller array', () => {
    const parts = ['c', 'a', 'b'];
    sha1Signature(...parts);
    expect(parts).toEqual(['c', 'a', 'b']);
  });
});

describe('safeEqualHex', () => {
  const sig = vectors[0]!.signature;
  it('is true for equal digests, case-insensitively', () => {
    expect(safeEqualHex(sig, sig)).toBe(true);
    expect(safeEqualHex(sig.toUpperCase(), sig)).toBe(true);
  });

  it('is false for a different digest of the same length', () => {
    expect(safeEqualHex(sig, vectors[1]!.signature)).toBe(false);
    expect(safeEqualHex(sig, sig.slice(0, -1) + (sig.endsWith('6') ? '7' : '6'))).toBe(false);
  });

  it('is false, without throwing, when lengths differ', () => {
    expect(safeEqualHex(sig, sig.slice(0, 39))).toBe(false);
    expect(safeEqualHex(sig, sig + '0')).toBe(false);
    expect(safeEqualHex('', '')).toBe(false);
    expect(safeEqualHex(sig, '')).toBe(false);
  });

  it('is false when the byte lengths differ although the string lengths match', () => {
    expect(safeEqualHex('é'.repeat(40), 'e'.repeat(40))).toBe(false);
  });
});

describe('verifySignature', () => {
  it.each(vectors)('accepts the official handshake with timestamp $timestamp', (v) => {
    expect(verifySignature(TOKEN, { ...v })).toBe(true);
  });

  it('accepts a Koa-style query carrying echostr and openid', () => {
    expect(verifySignature(TOKEN, { ...vectors[0], echostr: '4375120948345356249', openid: 'o1' } as Record<string, unknown>)).toBe(true);
  });

  it('rejects a wrong token, timestamp or nonce', () => {
    const v = vectors[0]!;
    expect(verifySignature('AAAAB', v)).toBe(false);
    expect(verifySignature(TOKEN, { ...v, timestamp: '1714036505' })).toBe(false);
    expect(verifySignature(TOKEN, { ...v, nonce: '1514711493' })).toBe(false);
  });

  it('rejects missing, empty or repeated parameters without throwing', () => {
    const v = vectors[0]!;
    expect(verifySignature(TOKEN, {})).toBe(false);
    expect(verifySignature(TOKEN, { ...v, signature: undefined })).toBe(false);
    expect(verifySignature(TOKEN, { ...v, signature: '' })).toBe(false);
    expect(verifySignature(TOKEN, { ...v, nonce: '' })).toBe(false);
    expect(verifySignature(TOKEN, { ...v, signature: [v.signature, v.signature] })).toBe(false);
    expect(verifySignature(TOKEN, { ...v, timestamp: 1714036504 })).toBe(false);
  });
});
