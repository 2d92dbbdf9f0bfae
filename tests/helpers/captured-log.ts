import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/log.js';

/** a logger whose JSON lines land, parsed, in `lines` (one record per line, as an operator's log reader sees them) */
export function capturedLog<T = Record<string, unknown>>(level = 'info'): { lines: T[]; logger: Logger } {
  const lines: T[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as T);
      done();
    },
  });
  return { lines, logger: createLogger(level, stream) };
}
