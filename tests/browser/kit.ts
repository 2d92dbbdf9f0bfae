import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createStaffUser, type NewStaffUser } from '../../src/console/staff.js';
import type { Service } from '../../src/service.js';
import { startTestService } from '../helpers/service.js';

/** What every browser test shares: the built console, Debian's Chromium, and waiting on a probe. */
const WEB = path.resolve('src/console/web');

/** builds the SPA when dist is missing or older than any of its sources */
export function ensureConsoleBuilt(): void {
  const index = path.join(WEB, 'dist/index.html');
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs)));
  const sources = Math.max(newest(path.join(WEB, 'src')), ...['index.html', 'vite.config.ts', 'precompress.ts'].map((f) => statSync(path.join(WEB, f)).mtimeMs));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  // vitest sets NODE_ENV=test, under which the build would bundle React's development copy (the first-load test's 600 KB is a production figure)
  execFileSync(path.resolve('node_modules/.bin/vite'), ['build', '--config', path.join(WEB, 'vite.config.ts'), '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

/** Debian's Chromium, headless, with nothing that would reach out to Google's servers */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** polls until the probe answers something other than undefined/false */
export async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** collects what should never happen on a page: an uncaught script error, an alert() or confirm() */
export function watchPage(page: Page, problems: string[]): void {
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`unexpected dialog: ${d.message()}`);
    void d.dismiss();
  });
}

/** the service with its embedded defaults, one staff account, and a zh-CN page in Chromium watched for problems */
export interface ConsoleInBrowser {
  svc: Service;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export async function startConsoleInBrowser(
  user: NewStaffUser,
  problems: string[],
  viewport: { width: number; height: number } = { width: 1440, height: 900 },
): Promise<ConsoleInBrowser> {
  ensureConsoleBuilt();
  const svc = await startTestService();
  await createStaffUser(svc.database.db, user, { memoryCost: 1024, timeCost: 1 });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  watchPage(page, problems);
  return {
    svc,
    browser,
    page,
    close: async () => {
      await browser.close();
      await svc.stop();
    },
  };
}
