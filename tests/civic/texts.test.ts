import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { civicTextSpec, civicTextsFile } from '../../src/civic/civic-texts.js';
import { kindTextsFile } from '../../src/civic/kinds/kind-texts.js';
import { kindsTextSpec } from '../../src/civic/kinds/kind-texts.js';
import { caseKinds } from '../../src/civic/kinds/registry.js';
import { checkTextFile, fill, loadTextFile, parseTexts, type TextSpec } from '../../src/texts/text-spec.js';
import { kindLabel, kindTexts, statusLabel } from '../../src/civic/index.js';

const spec = { greet: ['name'], section: { plain: [], pair: ['a', 'b'] } } as const satisfies TextSpec;

/** scratch directories in the OS temp directory, removed after the file, pass or fail */
const scratch: string[] = [];
const scratchDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});

describe('text files read through a spec', () => {
  it('reads a complete file', () => {
    const r = parseTexts(spec, { greet: '您好，{{name}}', section: { plain: '好', pair: '{{a}} 和 {{ b }}' } }, 'f.yaml');
    expect(r.problems).toEqual([]);
    expect(fill(r.texts!.section.pair, { a: 1, b: '二' })).toBe('1 和 二');
  });

  it('refuses a missing or empty text and a missing section, naming the key', () => {
    const r = parseTexts(spec, { greet: '  ', section: { pair: '{{a}}{{b}}' } }, 'flows/x.yaml');
    expect(r.texts).toBeUndefined();
    expect(r.problems).toEqual(
      expect.arrayContaining([
        { file: 'flows/x.yaml', key: 'greet', message: 'text is empty' },
        { file: 'flows/x.yaml', key: 'section.plain', message: 'text is missing' },
      ]),
    );
    expect(parseTexts(spec, { greet: '{{name}}' }, 'x').problems).toContainEqual({ file: 'x', key: 'section', message: 'section is missing' });
  });

  it('refuses an unknown placeholder, a missing one, one written with single braces, and an unknown key', () => {
    const r = parseTexts(spec, { greet: '您好，{{nmae}}', section: { plain: '好{x}', pair: '{{a}}', extra: '多' } }, 'x');
    expect(r.problems).toEqual(
      expect.arrayContaining([
        { file: 'x', key: 'greet', message: 'unknown placeholder {{nmae}} (this text may use {{name}})' },
        { file: 'x', key: 'greet', message: 'lacks placeholder {{name}}' },
        { file: 'x', key: 'section.plain', message: 'a placeholder is written {{name}}, with two braces' },
        { file: 'x', key: 'section.pair', message: 'lacks placeholder {{b}}' },
        expect.objectContaining({ key: 'section.extra', message: expect.stringContaining('unknown key') }),
      ]),
    );
    expect(parseTexts(spec, { greet: '{{name}}', section: { plain: '{{name}}', pair: '{{a}}{{b}}' } }, 'x').problems).toEqual([
      { file: 'x', key: 'section.plain', message: 'unknown placeholder {{name}} (this text takes none)' },
    ]);
  });

  it('a placeholder marked ? may be used or left out, and is still the only one allowed', () => {
    const optional = { thanks: ['number?'], line: ['title', 'number?'] } as const satisfies TextSpec;
    expect(parseTexts(optional, { thanks: '谢谢！', line: '{{title}} #{{number}}' }, 'x').problems).toEqual([]);
    expect(parseTexts(optional, { thanks: '谢谢 #{{number}}', line: '{{title}}' }, 'x').problems).toEqual([]);
    expect(parseTexts(optional, { thanks: '谢谢 #{{numbr}}', line: '#{{number}}' }, 'x').problems).toEqual([
      { file: 'x', key: 'thanks', message: 'unknown placeholder {{numbr}} (this text may use {{number}})' },
      { file: 'x', key: 'line', message: 'lacks placeholder {{title}}' },
    ]);
  });

  it('loading at startup throws with the file and the key', () => {
    const dir = scratchDir('texts-');
    const file = path.join(dir, 'civic.zh-CN.yaml');
    const raw = parse(readFileSync(civicTextsFile, 'utf8'));
    delete raw.errors.staleStatus;
    raw.notes.autoClosed = '办结后{{day}}天内未收到评价';
    writeFileSync(file, JSON.stringify(raw));
    expect(() => loadTextFile(civicTextSpec, file)).toThrow(/civic\.zh-CN\.yaml: errors\.staleStatus: text is missing/);
    expect(() => loadTextFile(civicTextSpec, file)).toThrow(/civic\.zh-CN\.yaml: notes\.autoClosed: unknown placeholder \{\{day\}\}/);
    expect(checkTextFile(civicTextSpec, path.join(dir, 'none.yaml')).problems[0]?.message).toBe('file not found');
  });

  it('flows/civic.zh-CN.yaml and flows/kinds.zh-CN.yaml are complete, and a kind\'s labels keep its lifecycle\'s keys and order', () => {
    expect(checkTextFile(civicTextSpec, civicTextsFile).problems).toEqual([]);
    expect(checkTextFile(kindsTextSpec, kindTextsFile).problems).toEqual([]);
    for (const m of Object.values(caseKinds)) expect(Object.keys(kindTexts(m.kind).status)).toEqual(Object.keys(m.lifecycle.statuses));
    expect(statusLabel('report', 'in_progress')).toBe('处理中');
    expect(statusLabel('report', 'toString')).toBe('toString');
    expect(kindLabel('proposal')).toBe('微实事');
  });

  it('a kind\'s section must name every status, move and step of its lifecycle', () => {
    const dir = scratchDir('texts-');
    const file = path.join(dir, 'kinds.zh-CN.yaml');
    const raw = parse(readFileSync(kindTextsFile, 'utf8'));
    delete raw.report.status.closed;
    delete raw.proposal.actions['publicised>reviewing'];
    raw.report.filed = '您的报修编号是 #{{numbr}}';
    writeFileSync(file, JSON.stringify(raw));
    const problems = checkTextFile(kindsTextSpec, file).problems.map((p) => `${p.key}: ${p.message}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'report.status.closed: text is missing',
        'proposal.actions.publicised>reviewing: text is missing',
        expect.stringMatching(/^report\.filed: unknown placeholder \{\{numbr\}\}/),
      ]),
    );
  });
});

describe('npm run flows:check', () => {
  const run = (dir: string) => {
    try {
      return { code: 0, out: execFileSync('npx', ['tsx', 'src/cli/flows-check.ts', dir], { encoding: 'utf8', stdio: 'pipe' }) };
    } catch (e) {
      const x = e as { status: number; stdout: string; stderr: string };
      return { code: x.status, out: x.stdout + x.stderr };
    }
  };

  it('names the file and key of a missing text and of a bad placeholder, in every text file', () => {
    const flows = path.resolve('flows');
    const dir = scratchDir('flows-');
    for (const f of readdirSync(flows)) if (/\.ya?ml$/.test(f)) copyFileSync(path.join(flows, f), path.join(dir, f));
    const file = path.join(dir, 'civic.zh-CN.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('没有找到编号为 {{number}} 的事项', '没有找到编号为 {{num}} 的事项'));
    const kinds = path.join(dir, 'kinds.zh-CN.yaml');
    writeFileSync(kinds, readFileSync(kinds, 'utf8').replace(/^ {4}reviewing: .*\n/m, ''));
    const push = path.join(dir, 'push.zh-CN.yaml');
    writeFileSync(push, readFileSync(push, 'utf8').replace(/^noNote: .*\n/m, ''));
    const pub = path.join(dir, 'public.zh-CN.yaml');
    writeFileSync(pub, readFileSync(pub, 'utf8').replace('还剩 {{n}} 天', '还剩 {n} 天'));
    const formats = path.join(dir, 'formats.zh-CN.yaml');
    writeFileSync(formats, readFileSync(formats, 'utf8').replace('"{{amount}}万元"', '"{{amt}}万元"'));
    const bot = path.join(dir, 'bot.zh-CN.yaml');
    writeFileSync(bot, readFileSync(bot, 'utf8').replace('"没有找到编号 {{number}} 的事项', '"没有找到编号 {{numbr}} 的事项'));
    const r = run(dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/formats\.zh-CN\.yaml: money\.wan: unknown placeholder \{\{amt\}\}/);
    expect(r.out).toMatch(/push\.zh-CN\.yaml: noNote: /);
    expect(r.out).toMatch(/public\.zh-CN\.yaml: publicity\.daysLeft: lacks placeholder \{\{n\}\}/);
    expect(r.out).toMatch(/public\.zh-CN\.yaml: publicity\.daysLeft: a placeholder is written \{\{name\}\}, with two braces/);
    expect(r.out).toMatch(/bot\.zh-CN\.yaml: caseNotFound: unknown placeholder \{\{numbr\}\}/);
    expect(r.out).toMatch(/ok console\.zh-CN\.yaml/);
    expect(r.out).toMatch(/kinds\.zh-CN\.yaml: proposal\.status\.reviewing: text is missing/);
    expect(r.out).toMatch(/civic\.zh-CN\.yaml: errors\.caseNotFound: unknown placeholder \{\{num\}\}/);
    expect(r.out).toMatch(/civic\.zh-CN\.yaml: errors\.caseNotFound: lacks placeholder \{\{number\}\}/);
  }, 60_000);
});
