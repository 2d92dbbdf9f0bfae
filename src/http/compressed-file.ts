import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** what is worth compressing: text (images and fonts are compressed already) */
const TEXT = new Set(['.js', '.css', '.html', '.svg', '.json', '.txt', '.map']);
/** below this a compressed copy saves less than its headers cost */
const MIN_BYTES = 1024;
/** the suffix of the copy `vite build` writes beside each file (src/console/web/precompress.ts) */
const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };

/**
 * The encoding to answer with, by the client's Accept-Encoding: brotli when it takes it, else
 * gzip, else none. A coding given q=0 is refused; other q values are not ranked (br is smaller).
 */
export function pickEncoding(accept: string | undefined): Encoding | undefined {
  const offered = new Map<string, number>();
  for (const part of (accept ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    offered.set(name, q === undefined ? 1 : Number(q));
  }
  const takes = (c: string) => (offered.get(c) ?? offered.get('*') ?? 0) > 0;
  if (takes('br')) return 'br';
  if (takes('gzip')) return 'gzip';
  return undefined;
}

/** compressed copies made here (when the build wrote none), per file, kept while the file is unchanged */
const made = new Map<string, { mtimeMs: number; body: Buffer }>();

/**
 * A compressed body for a built file: the copy the build wrote beside it (file.br, file.gz), else
 * one made on first request and kept in memory (the files of a build do not change while it is
 * served; a rebuilt file has a new mtime). Undefined for what is not worth compressing.
 */
export function compressedFile(file: string, encoding: Encoding): { path?: string; body?: Buffer; length: number } | undefined {
  if (!TEXT.has(path.extname(file))) return undefined;
  const stat = statSync(file);
  if (stat.size < MIN_BYTES) return undefined;
  const copy = file + SUFFIX[encoding];
  if (existsSync(copy) && statSync(copy).mtimeMs >= stat.mtimeMs) return { path: copy, length: statSync(copy).size };
  const key = `${encoding}:${file}`;
  const cached = made.get(key);
  if (cached && cached.mtimeMs === stat.mtimeMs) return { body: cached.body, length: cached.body.length };
  const raw = readFileSync(file);
  const body =
    encoding === 'br'
      ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
      : gzipSync(raw, { level: 9 });
  made.set(key, { mtimeMs: stat.mtimeMs, body });
  return { body, length: body.length };
}
