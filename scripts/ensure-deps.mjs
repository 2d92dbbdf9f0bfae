// Runs before `npm start` and `npm test`: on a fresh clone (or after package-lock.json changed) it
// installs the locked dependencies, and it builds the staff console when its build is missing or
// older than its sources, so a newcomer needs no separate install or build step.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const run = (args) => {
  const r = spawnSync('npm', args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const marker = 'node_modules/.package-lock.json';
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs) {
  console.log('Installing dependencies (npm ci)…');
  run(['ci', '--no-audit', '--no-fund']);
}

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((t, e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'dist' || e.name === 'node_modules' ? t : Math.max(t, newest(p));
    return Math.max(t, statSync(p).mtimeMs);
  }, 0);
const web = 'src/console/web';
const built = path.join(web, 'dist/index.html');
if (existsSync(web) && (!existsSync(built) || statSync(built).mtimeMs < newest(web))) {
  console.log('Building the staff console…');
  run(['run', 'console:build', '--silent']);
}
