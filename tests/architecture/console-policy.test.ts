import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { routes, type RouteName } from '../../src/console/contract.js';

/**
 * One permission model (issue 13): who may do what is the table in src/console/contract/policy.ts.
 * Every console handler checks its route's permission on its first line (allow), and no code of
 * the console, server or SPA, compares a role by hand; what a role may do is asked of the table.
 */
const CONSOLE = path.join('src', 'console');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('the console has one permission model', () => {
  it('every handler starts with allow(ctx, routes.<its route>), but the public login', () => {
    const mounted = new Set<string>();
    const wrong: string[] = [];
    for (const file of files(path.join(CONSOLE, 'routes'))) {
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/router\.(?:get|post|patch|delete)\(routes\.(\w+)\.path,\s*(?:async )?\(ctx\) => \{\s*\n\s*([^\n]*)/g)) {
        const name = m[1] as RouteName;
        mounted.add(name);
        if (routes[name].permission === 'public') continue;
        if (!new RegExp(`allow\\(ctx, routes\\.${name}\\)`).test(m[2]!)) wrong.push(`${file}: ${name} starts with ${m[2]}`);
      }
    }
    expect(wrong).toEqual([]);
    expect([...mounted].sort()).toEqual(Object.keys(routes).sort());
  });

  it('no console code compares a role by hand', () => {
    const found: string[] = [];
    for (const file of files(CONSOLE)) {
      if (file.endsWith(path.join('contract', 'policy.ts'))) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // subscriptions have roles too (author, supporter, follower): not staff roles
          if (/subs\.find|subscriptions\.role/.test(line)) return;
          if (/\brole\s*[!=]==|[!=]==\s*[\w.]*\brole\b|roles?\.includes\(/.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });
});
