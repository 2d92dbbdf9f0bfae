import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { open311Keys, streets } from '../db/schema.js';
import { AppError } from '../errors.js';
import { writeAudit } from '../console/audit.js';

/**
 * Open311 API keys. A key is 32 random bytes, base64url: only its SHA-256 is stored (a random token
 * needs no slow hash), so it is shown once, when it is made. Each key is an actor of its own
 * (partner:<id>): the cases it files name it, and making or revoking it is audited.
 */
export interface Open311Key {
  id: number;
  name: string;
  /** the streets it may file into; null: every street */
  streetIds: string[] | null;
  createdAt: Date;
  createdBy: number | null;
  revokedAt: Date | null;
}

export const keyHash = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

export const newKeySchema = z.object({
  name: z.string().trim().min(1).max(60),
  streetIds: z.array(z.string().min(1).max(40)).max(50).optional(),
});
export type NewKey = z.input<typeof newKeySchema>;

const toKey = (r: typeof open311Keys.$inferSelect): Open311Key => ({
  id: r.id,
  name: r.name,
  streetIds: r.streetIds,
  createdAt: r.createdAt,
  createdBy: r.createdBy,
  revokedAt: r.revokedAt,
});

/** a new key: the row and the key itself, which nobody can read again */
export async function createKey(db: Db, input: NewKey, by: { staffId: number | null; now: Date }): Promise<{ key: string; row: Open311Key }> {
  const i = newKeySchema.parse(input);
  const streetIds = i.streetIds?.length ? [...new Set(i.streetIds)] : null;
  if (streetIds) {
    const known = await db.select({ id: streets.id }).from(streets).where(inArray(streets.id, streetIds));
    const unknown = streetIds.filter((s) => !known.some((k) => k.id === s));
    if (unknown.length) throw new AppError('bad_request', `unknown street: ${unknown.join(', ')}`, { reason: 'unknown_street' });
  }
  const key = randomBytes(32).toString('base64url');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(open311Keys)
      .values({ keyHash: keyHash(key), name: i.name, streetIds, createdAt: by.now, createdBy: by.staffId })
      .returning();
    await writeAudit(tx, { staffId: by.staffId, action: 'open311_key.create', target: `open311_key:${row!.id}`, after: { name: i.name, streetIds }, at: by.now });
    return { key, row: toKey(row!) };
  });
}

/** a key no longer accepted from now on (revoking twice changes nothing) */
export async function revokeKey(db: Db, id: number, by: { staffId: number | null; now: Date }): Promise<Open311Key> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(open311Keys).where(eq(open311Keys.id, id)).for('update');
    if (!row) throw new AppError('not_found', `no Open311 key #${id}`, { reason: 'unknown_key' });
    if (row.revokedAt) return toKey(row);
    const [done] = await tx.update(open311Keys).set({ revokedAt: by.now, revokedBy: by.staffId }).where(eq(open311Keys.id, id)).returning();
    await writeAudit(tx, { staffId: by.staffId, action: 'open311_key.revoke', target: `open311_key:${id}`, before: { name: row.name }, at: by.now });
    return toKey(done!);
  });
}

export async function listKeys(db: Db): Promise<Open311Key[]> {
  return (await db.select().from(open311Keys).orderBy(desc(open311Keys.id))).map(toKey);
}

/** the live key this token is, or undefined (unknown or revoked) */
export async function keyOf(db: Db, token: string): Promise<Open311Key | undefined> {
  if (!token || token.length > 200) return undefined;
  const [row] = await db.select().from(open311Keys).where(and(eq(open311Keys.keyHash, keyHash(token)), isNull(open311Keys.revokedAt)));
  return row ? toKey(row) : undefined;
}
