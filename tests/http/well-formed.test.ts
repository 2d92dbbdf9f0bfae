import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseWith } from '../../src/console/http.js';
import { fieldsOf, parsePost } from '../../src/open311/post-request.js';
import { wellFormed, wellFormedDeep } from '../../src/well-formed.js';

/**
 * Half an emoji (a lone surrogate; JSON carries one as "\ud83d" alone) becomes U+FFFD wherever
 * outside input is parsed: PostgreSQL's jsonb refuses it (22P02), so it would fail a staff note or
 * a partner's report wherever their words travel as jsonb. The webhook's own path is in
 * bad-input.test.ts (through the service, on both setups).
 */
describe('well-formed text', () => {
  it('turns lone surrogates into U+FFFD and leaves pairs and everything else alone', () => {
    expect(wellFormed('a\ud800b')).toBe('a\ufffdb');
    expect(wellFormed('收到\udc00')).toBe('收到\ufffd');
    expect(wellFormed('x\ud83d\ud83d\ude00')).toBe('x\ufffd😀');
    expect(wellFormed('路灯不亮😀')).toBe('路灯不亮😀');
    expect(wellFormed('\\ud800 as typed')).toBe('\\ud800 as typed');
    expect(wellFormedDeep({ ['k\ud800']: ['v\udfff', 1, null, { n: 'ok' }] })).toEqual({ ['k\ufffd']: ['v\ufffd', 1, null, { n: 'ok' }] });
  });

  it('the console parses a body with half an emoji as U+FFFD', () => {
    const body = JSON.parse('{"note":"已处理\\ud83d","tags":["a\\ude00"]}') as unknown;
    expect(parseWith(z.object({ note: z.string(), tags: z.array(z.string()) }), body)).toEqual({ note: '已处理\ufffd', tags: ['a\ufffd'] });
  });

  it('an Open311 report with half an emoji in its description is taken with U+FFFD', () => {
    const fields = fieldsOf(Object.entries({ api_key: 'k', service_code: 'road', lat: '22.5', long: '113.9', description: '路面有坑\ud83d' }));
    expect(parsePost(fields).description).toBe('路面有坑\ufffd');
  });
});
