import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LIB = ['wechat', '4u'].join('');
const MAIN = 'src/staff-bot/main.ts';

/** an import, export-from, dynamic import or require of `target` */
const loads = (target: string) => new RegExp(String.raw`(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"\`]${target}['"\`]`);
/** the package, or a file inside it */
const loadsLib = loads(`${LIB}(?:/[^'"\`]*)?`);
/** the staff bot's entry point, by any relative path */
const loadsMain = loads(String.raw`[^'"\`]*staff-bot/main(?:\.[jt]s)?`);

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(?:[cm]?[jt]sx?)$/.test(e.name) && !e.parentPath.includes('node_modules'))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

describe('wechat4u stays in the staff-bot process', () => {
  it(`only ${MAIN} loads it: not the web process, not a test`, () => {
    const files = [...sources('src'), ...sources('tests')];
    expect(files).toContain(MAIN);
    const loading = files.filter((f) => loadsLib.test(readFileSync(path.join(root, f), 'utf8')));
    expect(loading).toEqual([MAIN]);
    const loadingMain = files.filter((f) => loadsMain.test(readFileSync(path.join(root, f), 'utf8')));
    expect(loadingMain).toEqual([]);
  });

  it('the scan would see each way of loading it', () => {
    for (const line of [`import W from '${LIB}';`, `await import("${LIB}")`, `require('${LIB}/lib/core')`, `export { x } from '${LIB}'`, `import '${LIB}';`]) {
      expect(loadsLib.test(line), line).toBe(true);
    }
    expect(loadsLib.test(`// ${LIB} is loaded by main.ts`)).toBe(false);
    expect(loadsLib.test(`declare module '${LIB}' {`)).toBe(false);
    expect(loadsMain.test(`await import('../staff-bot/${'main'}.js')`)).toBe(true);
    expect(loadsMain.test(`const MAIN = 'src/staff-bot/main.ts'`)).toBe(false);
  });

  it('npm run staff-bot without PostgreSQL and Redis says why and exits 2 (before loading wechat4u)', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'staff-bot-main-'));
    try {
      const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, STAFF_BOT_CHAT: '南头街道工作群', LOG_LEVEL: 'silent' };
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        execFile(process.execPath, ['--import', 'tsx', MAIN], { cwd: root, env, timeout: 20_000 }, (err, _stdout, stderr) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stderr }),
        );
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('DATABASE_URL');
      expect(result.stderr).toContain('REDIS_URL');
      expect(result.stderr).toContain('embedded PGlite belongs to the service process');
      expect(result.stderr).not.toContain('STAFF_BOT_CHAT');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
