import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CASE_KINDS } from '../../src/civic/kinds/names.js';

/**
 * A case kind is a module (src/civic/kinds/<kind>.ts): code elsewhere asks the registry what a
 * kind does, never `kind === 'report'`. This test finds every string literal naming a kind outside
 * src/civic/kinds. The few places that name one on purpose are listed with the reason.
 */
const ALLOWED: ReadonlyArray<{ file: string; kinds: readonly string[]; why: string }> = [
  { file: 'src/civic/civic-texts.ts', kinds: ['report', 'proposal', 'wish'], why: 'text keys (inputWhat), not kinds' },
  { file: 'src/civic/stage-columns.ts', kinds: ['report', 'proposal', 'wish'], why: 'the figures officials report are of named kinds: 征集/确定/实施/完成 of projects, reports, wishes' },
  { file: 'src/civic/stats.ts', kinds: ['report'], why: 'the rejected and duplicate counts of reports in the figures' },
  { file: 'src/public/stages.ts', kinds: ['proposal', 'wish'], why: 'the community page lists projects, the wish wall wishes' },
];

/**
 * Not read: the kinds themselves; the console SPA (it builds everything from GET /lifecycles and is
 * checked by its own tests); the engine's event files, whose documented examples name flow ids.
 */
const SKIPPED = [['src', 'civic', 'kinds'], ['src', 'console', 'web'], ['src', 'engine', 'events']].map((p) => path.join(...p));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return SKIPPED.includes(p) ? [] : files(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** the kind names written as string literals in a file, each once */
function kindLiterals(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = new Set<string>();
  const visit = (n: ts.Node) => {
    if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && (CASE_KINDS as readonly string[]).includes(n.text)) found.add(n.text);
    n.forEachChild(visit);
  };
  visit(sf);
  return [...found].sort();
}

describe('case kinds are asked of the registry, not named in code', () => {
  const found = files('src').map((f) => ({ file: f.split(path.sep).join('/'), kinds: kindLiterals(f) }));

  it('no file outside src/civic/kinds names a kind, but for the listed reasons', () => {
    const unexpected = found.flatMap(({ file, kinds }) => {
      const allowed = ALLOWED.find((a) => a.file === file)?.kinds ?? [];
      return kinds.filter((k) => !allowed.includes(k)).map((k) => `${file}: '${k}'`);
    });
    expect(unexpected, 'ask the kind registry (src/civic/kinds/registry.ts) instead').toEqual([]);
  });

  it('every allowed exception is still there (a stale entry is removed)', () => {
    const stale = ALLOWED.flatMap((a) => {
      const kinds = found.find((f) => f.file === a.file)?.kinds ?? [];
      return a.kinds.filter((k) => !kinds.includes(k)).map((k) => `${a.file}: '${k}'`);
    });
    expect(stale).toEqual([]);
  });
});
