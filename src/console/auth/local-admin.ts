import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { staffUsers } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { createStaffUser } from '../staff.js';
import type { HashCost } from './password.js';
import { passwordWeakness } from './password-strength.js';

/** 16 random URL-safe characters, drawn again in the (vanishing) case the strength check refuses them */
export function localAdminPassword(): string {
  for (;;) {
    const password = randomBytes(12).toString('base64url');
    if (!passwordWeakness(password, ['admin', '管理员'])) return password;
  }
}

/**
 * Local mode: when no staff user exists yet, creates `admin` with a random one-time password and
 * returns it so the start banner can print it (it is stored only as an argon2id hash). Returns
 * undefined when any staff user exists, or another instance created the admin first.
 */
export async function ensureLocalAdmin(db: Db, cost?: HashCost): Promise<{ username: string; password: string } | undefined> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(staffUsers);
  if ((row?.n ?? 0) > 0) return undefined;
  const password = localAdminPassword();
  try {
    await createStaffUser(db, { username: 'admin', displayName: '管理员', password, role: 'admin' }, cost);
  } catch (e) {
    if (e instanceof AppError && e.code === 'conflict') return undefined;
    throw e;
  }
  return { username: 'admin', password };
}
