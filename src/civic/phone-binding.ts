import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { cases, phoneCodes, residents } from '../db/schema.js';
import { ensureResident } from './residents.js';
import { addSubscription } from './subscriptions.js';

/**
 * 绑定手机号: a resident confirms a phone number with a one-time code, and the cases staff filed for
 * that number (no resident yet: cases.openid null) become theirs: 我的 lists them and pushes reach
 * them as any author's.
 *
 * What the code proves: the bot shows it in its own reply to the same WeChat user, as issue 15 allows
 * ("a one-time code sent through the bot is enough"). That proves nothing about owning the phone: a
 * real deployment should send the code by SMS (PhoneCodeSender is the seam), so only the phone's
 * holder can read it.
 */

/** a mainland mobile number, as the bot and the console keep it: 11 digits from 1 (spaces, dashes and +86 dropped) */
export function normaliseMobile(raw: string): string | undefined {
  const digits = raw.replace(/[\s-]/g, '').replace(/^(?:\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : undefined;
}

/**
 * A case's phone as every intake keeps it (the console's 新建事项, Open311): a mobile as its 11
 * digits, so the resident who binds that phone later finds the case; any other number (a landline,
 * one from elsewhere) as written, without its spaces.
 */
export function storedPhone(raw: string): string {
  return normaliseMobile(raw) ?? raw.replace(/\s+/g, '');
}

export const PHONE_CODE_DIGITS = 6;
export const PHONE_CODE_TTL_MS = 10 * 60_000;
export const PHONE_CODE_MAX_ATTEMPTS = 5;

/**
 * Where the code goes. 'reply': the bot says it (the default, no proof of ownership); an SMS
 * gateway would send it to the phone and answer 'sent', and the bot then only says where to look.
 */
export interface PhoneCodeSender {
  send(phone: string, code: string): Promise<'reply' | 'sent'>;
}
export const replySender: PhoneCodeSender = { send: async () => 'reply' };

const hashOf = (openid: string, code: string) => createHash('sha256').update(`${openid}:${code}`).digest('hex');

/** a fresh code for the phone, replacing any pending one of the resident (attempts start again) */
export async function startPhoneBinding(
  db: Db,
  o: { openid: string; phone: string; now: Date; code?: string | undefined },
): Promise<{ code: string; expiresAt: Date }> {
  const code = o.code ?? String(randomInt(0, 10 ** PHONE_CODE_DIGITS)).padStart(PHONE_CODE_DIGITS, '0');
  const expiresAt = new Date(o.now.getTime() + PHONE_CODE_TTL_MS);
  const values = { phone: o.phone, codeHash: hashOf(o.openid, code), expiresAt, attempts: 0, createdAt: o.now };
  await db
    .insert(phoneCodes)
    .values({ openid: o.openid, ...values })
    .onConflictDoUpdate({ target: phoneCodes.openid, set: values });
  return { code, expiresAt };
}

export type BindingOutcome =
  | { outcome: 'bound'; phone: string; found: number }
  /** no code asked for, or it expired or ran out of tries (then it is gone) */
  | { outcome: 'none' }
  | { outcome: 'expired' }
  | { outcome: 'locked' }
  | { outcome: 'wrong'; attemptsLeft: number };

/** whether the resident has a code waiting (a bare 6-digit message is then its answer) */
export async function hasPendingCode(db: Db, openid: string, now: Date): Promise<boolean> {
  const [row] = await db.select({ expiresAt: phoneCodes.expiresAt }).from(phoneCodes).where(eq(phoneCodes.openid, openid));
  return !!row && row.expiresAt > now;
}

/**
 * The resident's answer: the code compared in constant time; a wrong one counts a try (the fifth
 * wrong one ends the code); the right one, in ONE transaction, sets the resident's phone, gives
 * every case of that phone with no resident to them with an author subscription, and ends the code.
 */
export async function confirmPhoneBinding(db: Db, o: { openid: string; code: string; now: Date }): Promise<BindingOutcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(phoneCodes).where(eq(phoneCodes.openid, o.openid)).for('update');
    if (!row) return { outcome: 'none' };
    if (row.expiresAt <= o.now) {
      await tx.delete(phoneCodes).where(eq(phoneCodes.openid, o.openid));
      return { outcome: 'expired' };
    }
    const given = Buffer.from(hashOf(o.openid, o.code), 'hex');
    const kept = Buffer.from(row.codeHash, 'hex');
    if (given.length !== kept.length || !timingSafeEqual(given, kept)) {
      const attempts = row.attempts + 1;
      if (attempts >= PHONE_CODE_MAX_ATTEMPTS) {
        await tx.delete(phoneCodes).where(eq(phoneCodes.openid, o.openid));
        return { outcome: 'locked' };
      }
      await tx.update(phoneCodes).set({ attempts }).where(eq(phoneCodes.openid, o.openid));
      return { outcome: 'wrong', attemptsLeft: PHONE_CODE_MAX_ATTEMPTS - attempts };
    }
    await tx.delete(phoneCodes).where(eq(phoneCodes.openid, o.openid));
    await ensureResident(tx, o.openid, o.now);
    await tx.update(residents).set({ phone: row.phone }).where(eq(residents.openid, o.openid));
    const claimed = await tx
      .update(cases)
      .set({ openid: o.openid })
      .where(and(eq(cases.phone, row.phone), isNull(cases.openid)))
      .returning({ id: cases.id });
    for (const c of claimed) await addSubscription(tx, { caseId: c.id, openid: o.openid, role: 'author', now: o.now });
    return { outcome: 'bound', phone: row.phone, found: claimed.length };
  });
}
