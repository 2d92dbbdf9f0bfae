import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * DESIGN.md: "Text that residents read lives in flows/ (and a locale file), never in TypeScript."
 * src/civic, src/public and src/notify hold no Chinese characters outside comments, but for the
 * few listed here with the reason each must stay.
 */
const ALLOWED: ReadonlyArray<{ file: string; text: string; why: string }> = [
  {
    file: 'src/civic/kinds/proposal.ts',
    text: "['工程类', '服务类', '货物类']",
    why: 'stored values, not words: the project_type enum of src/db/schema.ts, which the rows hold',
  },
];

const DIRS = ['src/civic', 'src/public', 'src/notify'];
const HAN = /\p{Script=Han}/u;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** the source with every comment blanked out (the compiler finds them, strings and regexes stay) */
function withoutComments(source: string, name = 'x.ts'): string {
  const sf = ts.createSourceFile(name, source, ts.ScriptTarget.Latest, true);
  const out = source.split('');
  const blank = (r: ts.CommentRange) => {
    for (let i = r.pos; i < r.end; i++) if (out[i] !== '\n') out[i] = ' ';
  };
  const seen = new Set<number>();
  const visit = (node: ts.Node) => {
    for (const at of [node.getFullStart(), node.getEnd()]) {
      if (seen.has(at)) continue;
      seen.add(at);
      for (const r of [...(ts.getLeadingCommentRanges(source, at) ?? []), ...(ts.getTrailingCommentRanges(source, at) ?? [])]) blank(r);
    }
    node.getChildren(sf).forEach(visit);
  };
  visit(sf);
  return out.join('');
}

describe('no resident-facing words in TypeScript', () => {
  it('finds comments but not strings', () => {
    const code = withoutComments("// 注释\nconst a = '字'; /* 块 */ const b = `模${a}板`; /** 文档 */\nconst c = 1; // 尾\n");
    expect(code).toContain("'字'");
    expect(code).toContain('`模${a}板`');
    expect(code).not.toMatch(/注释|块|文档|尾/);
  });

  it('src/civic, src/public and src/notify hold no Chinese outside comments', () => {
    const found: string[] = [];
    for (const file of DIRS.flatMap(files)) {
      const rel = file.split(path.sep).join('/');
      let code = withoutComments(readFileSync(file, 'utf8'), file);
      for (const a of ALLOWED) if (a.file === rel) code = code.replace(a.text, '');
      code.split('\n').forEach((line, i) => {
        if (HAN.test(line)) found.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found, 'move these words to flows/*.zh-CN.yaml').toEqual([]);
  });

  it('every allowed exception is still there (a stale entry is removed)', () => {
    for (const a of ALLOWED) expect(readFileSync(a.file, 'utf8')).toContain(a.text);
  });
});
