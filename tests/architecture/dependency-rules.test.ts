import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The layer rules (.dependency-cruiser.cjs) run in CI through `npm run typecheck`. A rule that
 * silently stops matching (a renamed folder, a regex typo) would pass every tree, so each is
 * checked here against a scratch tree with one planted violation per rule, and against the lawful
 * shapes it must let through. The scratch trees live in the OS temp directory and are removed
 * after the file, pass or fail; nothing is written into src/.
 */
const root = path.resolve(import.meta.dirname, '../..');
/** the package's own bin, as npm runs it (its exports do not expose package.json) */
const bin = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const CONFIG = '.dependency-cruiser.cjs';

/** the arguments CI passes (package.json lint:deps), so the test runs what CI runs */
const lintArgs = (() => {
  const script: string = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts['lint:deps'];
  const [command, ...args] = script.split(/\s+/);
  if (command !== 'depcruise') throw new Error(`lint:deps runs ${command}, not depcruise: update this test`);
  return args;
})();

/** runs the checker; `errors` are its reported violations, each on one line (a cycle's lines joined) */
function depcruise(cwd: string, args = lintArgs): { code: number | null; out: string; errors: string[] } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  const out = `${r.stdout}${r.stderr}`;
  const errors = out
    .split(/\n(?=\s*(?:error|warn|info) )/)
    .map((b) => b.replace(/\s+/g, ' ').trim())
    .filter((b) => b.startsWith('error '))
    .map((b) => b.replace(/ x \d+ dependency violations.*$/, ''));
  return { code: r.status, out, errors };
}

const scratch: string[] = [];
afterAll(() => {
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});

/** a tree of files (path → text) with the real config beside it, in the OS temp directory */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dep-rules-'));
  scratch.push(dir);
  copyFileSync(path.join(root, CONFIG), path.join(dir, CONFIG));
  const all: Record<string, string> = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, verbatimModuleSyntax: true }, include: ['src'] }),
    // stand-ins for the packages, so `zod` resolves to node_modules/zod/… as it does in the repository
    ...Object.fromEntries(
      ['zod', 'yaml', 'left-pad'].flatMap((name) => [
        [`node_modules/${name}/package.json`, JSON.stringify({ name, version: '1.0.0', type: 'module', main: 'index.js' })],
        [`node_modules/${name}/index.js`, 'export const x = 1;\n'],
      ]),
    ),
    'package.json': JSON.stringify({ name: 'scratch', type: 'module', dependencies: { zod: '*', yaml: '*', 'left-pad': '*' } }),
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const imports = (...from: string[]) => `${from.map((f, i) => `import * as m${i} from '${f}';`).join('\n')}\nexport const used = [${from.map((_, i) => `m${i}`).join(', ')}];\n`;

/** the shapes the rules must let through */
const LAWFUL: Record<string, string> = {
  'src/engine/flow.ts': `import { x } from 'zod';\nimport { x as y } from 'yaml';\nimport type { Kind } from './kind.js';\nexport const flow = { x, y };\nexport type F = Kind;\n`,
  // a cycle with an `import type` edge is erased at compile time
  'src/engine/kind.ts': `import { flow } from './flow.js';\nexport type Kind = typeof flow;\nexport const k = flow;\n`,
  'src/http/sse.ts': 'export const open = 1;\n',
  'src/civic/cases.ts': imports('../db/schema.js', '../texts/text-spec.js'),
  'src/db/schema.ts': 'export const s = 1;\n',
  'src/texts/text-spec.ts': "import { x } from 'yaml';\nexport const t = x;\n",
  'src/console/routes.ts': imports('../civic/cases.js', '../http/sse.js', '../vocabulary/word-forms.js'),
  'src/vocabulary/word-forms.ts': 'export const w = 1;\n',
  'src/runtime/bot.ts': imports('../engine/flow.js', '../civic/cases.js', '../vocabulary/word-forms.js'),
  'src/simulator/index.ts': imports('../http/sse.js', './routes.js'),
  'src/simulator/routes.ts': imports('../http/sse.js'),
  'src/service.ts': imports('./simulator/index.js', './console/routes.js', './runtime/bot.js'),
  // the console's bundle is build output (vite's chunks import each other both ways)
  'src/console/web/dist/assets/index.js': "import './page.js';\nexport const i = 1;\n",
  'src/console/web/dist/assets/page.js': "import { i } from './index.js';\nexport const p = i;\n",
};

describe('dependency rules (.dependency-cruiser.cjs)', () => {
  it('the repository passes, as npm run lint:deps', () => {
    const r = depcruise(root);
    expect(r.out).toContain('no dependency violations found');
    expect(r.code).toBe(0);
  });

  it('the lawful shapes pass: zod and yaml in the engine, a type-only cycle, the simulator mounted by service.ts, the built console', () => {
    const r = depcruise(tree(LAWFUL));
    expect(r.out).toContain('no dependency violations found');
    expect(r.code).toBe(0);
  });

  it('a planted violation of each rule fails, naming the rule and the import', () => {
    const r = depcruise(
      tree({
        ...LAWFUL,
        'src/engine/__planted.ts': imports('node:fs', 'left-pad', '../runtime/bot.js'),
        'src/wechat/inbound.ts': imports('../civic/cases.js'),
        'src/civic/outbox.ts': imports('../notify/push.js'),
        'src/notify/push.ts': 'export const p = 1;\n',
        'src/console/inbox.ts': imports('../runtime/bot.js'),
        'src/public/page.ts': imports('../runtime/bot.js'),
        'src/console/stream.ts': imports('../simulator/routes.js'),
        // a value cycle stays one though an `import type` runs beside the value import
        'src/runtime/a.ts': `import type { T } from './b.js';\n${imports('./b.js')}export type U = T;\n`,
        'src/runtime/b.ts': `${imports('./a.js')}export type T = number;\n`,
        // the shape of the cycle civic/lifecycle had (events → labels → report → events)
        'src/civic/lifecycle/events.ts': imports('./labels.js'),
        'src/civic/lifecycle/labels.ts': imports('./report.js'),
        'src/civic/lifecycle/report.ts': imports('./events.js'),
      }),
    );
    expect(r.code).not.toBe(0);
    const expected = [
      /^error engine-is-pure: src\/engine\/__planted\.ts → (node:)?fs$/,
      /^error engine-is-pure: src\/engine\/__planted\.ts → node_modules\/left-pad\/index\.js$/,
      /^error engine-is-pure: src\/engine\/__planted\.ts → src\/runtime\/bot\.ts$/,
      /^error wechat-knows-only-the-platform: src\/wechat\/inbound\.ts → src\/civic\/cases\.ts$/,
      /^error civic-is-the-domain: src\/civic\/outbox\.ts → src\/notify\/push\.ts$/,
      /^error console-calls-civic-not-runtime: src\/console\/inbox\.ts → src\/runtime\/bot\.ts$/,
      /^error console-calls-civic-not-runtime: src\/public\/page\.ts → src\/runtime\/bot\.ts$/,
      /^error simulator-only-in-local-wiring: src\/console\/stream\.ts → src\/simulator\/routes\.ts$/,
      /^error no-circular: src\/runtime\/(a|b)\.ts → src\/runtime\/(b|a)\.ts → src\/runtime\/(a|b)\.ts$/,
      /^error no-circular: src\/civic\/lifecycle\/(events|labels|report)\.ts → src\/civic\/lifecycle\/(events|labels|report)\.ts → /,
    ];
    for (const e of expected) expect(r.errors, `${e}\n${r.out}`).toContainEqual(expect.stringMatching(e));
    // and nothing else: the lawful shapes stay lawful beside the planted ones (a cycle may be
    // reported once from each end)
    expect(r.errors.filter((line) => !expected.some((e) => e.test(line))), r.out).toEqual([]);
  });
});
