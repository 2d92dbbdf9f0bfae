import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** `npm start` as an operator runs it (node with tsx as a loader), with these variables on top */
function start(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'msw-start-'));
  dirs.push(dataDir);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', WECHAT_APP_ID: '', DATABASE_URL: '', REDIS_URL: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    // a start that went through would keep running: stop it, the test then fails on the exit code
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('a bad setting stops the start with one line naming it, and no stack', () => {
  const badYaml = path.join(mkdtempSync(path.join(tmpdir(), 'msw-yaml-')), 'templates.yaml');
  dirs.push(path.dirname(badYaml));
  writeFileSync(badYaml, 'templates:\n  status_changed: [unclosed\n    templateId: :\n');
  const cases: [string, Record<string, string>, RegExp][] = [
    ['PORT=abc', { PORT: 'abc' }, /^Invalid configuration: PORT: must be a port number \(0–65535\)$/],
    ['TRUST_PROXY=maybe', { TRUST_PROXY: 'maybe' }, /^Invalid configuration: TRUST_PROXY: must be true, false or the number of reverse proxies in front of the service \(1–9\)$/],
    ['a DATABASE_URL that is no postgres URL', { DATABASE_URL: 'mysql://db/x' }, /^Invalid configuration: DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL$/],
    ['a DATABASE_URL nothing answers on', { DATABASE_URL: 'postgres://nobody:s3cret-pw@127.0.0.1:1/x' }, /^Invalid configuration: DATABASE_URL: the database could not be opened \(.*ECONNREFUSED.*\)$/],
    ['a DATABASE_URL with a bad port', { DATABASE_URL: 'postgres://u@db.example:notaport/x' }, /^Invalid configuration: DATABASE_URL: the database could not be opened \(Invalid URL\)$/],
    ['a bad YAML file', { PUSH_TEMPLATES_FILE: badYaml }, /^Invalid configuration: .*templates\.yaml: not valid YAML: .* at line 2, column \d+$/],
    ['a bad CONSOLE_* variable', { CONSOLE_MAP_COORDS: 'mercator' }, /^Invalid configuration: CONSOLE_MAP_COORDS: must be gcj02/],
  ];
  it.concurrent.each(cases)('%s', async (_name, env, line) => {
    const r = await start(env);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(line);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr + r.stdout).not.toContain('s3cret-pw');
  }, 90_000);
});
