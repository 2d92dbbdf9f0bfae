import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../log.js';

/**
 * wechat4u's `bot.botData`: the session keys and cookies of the staff bot's WeChat login. Whoever
 * holds this file can act as the account until it logs out, so it is written 0600 in a 0700 folder
 * and never logged. Only what a resumed login needs is checked; the rest is wechat4u's to read.
 */
const loginDataSchema = z
  .object({
    PROP: z.object({ uin: z.union([z.string().min(1), z.number()]) }).loose(),
    CONF: z.object({}).loose(),
    COOKIE: z.record(z.string(), z.unknown()),
    user: z.object({}).loose(),
  })
  .loose();

export type LoginData = z.infer<typeof loginDataSchema>;

/** DATA_DIR/staff-bot/login.json */
export function loginDataFile(dataDir: string): string {
  return path.join(dataDir, 'staff-bot', 'login.json');
}

/** the saved login, or undefined when there is none or it cannot be used (a new scan is needed) */
export function readLoginData(file: string, logger: Logger): LoginData | undefined {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn({ file, err: (e as Error).message }, 'staff bot login data could not be read: a new scan is needed');
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = undefined;
  }
  const parsed = loginDataSchema.safeParse(json);
  if (!parsed.success) {
    logger.warn({ file }, 'staff bot login data is not a wechat4u login (or is from a logged-out session): a new scan is needed');
    return undefined;
  }
  if ((statSync(file).mode & 0o077) !== 0) {
    chmodSync(file, 0o600);
    logger.warn({ file }, 'staff bot login data was readable by other users: its mode is now 0600');
  }
  return parsed.data;
}

/** written whole (temporary file, then rename), mode 0600 */
export function saveLoginData(file: string, data: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/** after a logout the saved keys are dead: removed, so the next start asks for a scan at once */
export function removeLoginData(file: string): void {
  rmSync(file, { force: true });
}
