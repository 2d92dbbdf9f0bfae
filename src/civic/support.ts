import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { readYamlFile } from '../config/yaml-file.js';
import type { Db } from '../db/client.js';
import { cases, outbox, residents, subscriptions } from '../db/schema.js';
import { statusLabel } from './kinds/kind-texts.js';
import type { CaseKind } from './kinds/names.js';
import { kindModule, statusAttrs } from './kinds/registry.js';
import { notFound } from './lifecycle/events.js';
import { casePayload } from './outbox.js';
import { ensureResident } from './residents.js';
import { addSubscription } from './subscriptions.js';
import { civicTexts, fill } from './texts.js';

/** the statuses in which a case of the kind takes support (a proposal's 征集), or undefined when nobody supports it */
export const supportStatuses = (kind: CaseKind): readonly string[] | undefined => kindModule(kind).supportStatuses;

/** config/support.yaml */
export interface SupportRules {
  /** supporter counts at which the proposer is pushed, once each */
  milestones: number[];
}

const fileSchema = z.object({ milestones: z.array(z.number().int().min(1)).max(20) });
export const defaultSupportFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../config/support.yaml');

/** reads the file; a bad value is a ConfigError naming the file and the key */
export const loadSupportRules = (file: string = defaultSupportFile): SupportRules => readYamlFile(file, fileSchema);

let cached: SupportRules | undefined;
export function defaultSupportRules(): SupportRules {
  cached ??= loadSupportRules();
  return cached;
}

export type SupportOutcome =
  | { outcome: 'supported'; count: number }
  | { outcome: 'already'; count: number }
  /** the proposer supports their own proposal already by having made it */
  | { outcome: 'own' }
  /** 征集 is over: the stage it is in */
  | { outcome: 'closed'; statusLabel: string }
  /** only proposals take support (a report is joined with 我也遇到) */
  | { outcome: 'not_proposal' };

/** the outbox key of a milestone push: unique, so two supports crossing it at once queue it once */
const milestoneKey = (caseId: number, n: number) => `support:${caseId}:${n}`;

/**
 * 支持 N: the resident supports proposal N, once. The case row is locked for the count, so two
 * supports at once are counted one after the other and each milestone is crossed by exactly one of
 * them; the outbox key is a second guard. A case others may not see is as unknown as a missing one.
 */
export async function supportProposal(
  db: Db,
  caseId: number,
  openid: string,
  now: Date,
  rules: SupportRules = defaultSupportRules(),
): Promise<SupportOutcome> {
  await ensureResident(db, openid, now);
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
    if (!row || (!statusAttrs(row.kind, row.status)?.public && row.openid !== openid)) throw notFound(caseId);
    const open = supportStatuses(row.kind);
    if (!open) return { outcome: 'not_proposal' };
    if (row.openid === openid) return { outcome: 'own' };
    const before = await currentRole(tx, caseId, openid);
    if (before === 'supporter') return { outcome: 'already', count: await countOf(tx, caseId) };
    if (!open.includes(row.status)) return { outcome: 'closed', statusLabel: statusLabel(row.kind, row.status) };
    // a follower (订阅 N) who supports becomes a supporter; the author was answered above
    await addSubscription(tx, { caseId, openid, role: 'supporter', now });
    const count = await countOf(tx, caseId);
    if (rules.milestones.includes(count) && row.openid) await queueMilestone(tx, row, count, now);
    return { outcome: 'supported', count };
  });
}

async function currentRole(tx: Db, caseId: number, openid: string) {
  const [s] = await tx
    .select({ role: subscriptions.role })
    .from(subscriptions)
    .where(and(eq(subscriptions.caseId, caseId), eq(subscriptions.openid, openid)));
  return s?.role;
}

const countOf = async (tx: Db, caseId: number) => (await proposalSupportCounts(tx, [caseId])).get(caseId) ?? 0;

/** residents who support each proposal (支持 N); the proposer is not counted */
export async function proposalSupportCounts(db: Db, caseIds: number[]): Promise<Map<number, number>> {
  if (!caseIds.length) return new Map();
  const rows = await db
    .select({ caseId: subscriptions.caseId, n: sql<number>`count(*)::int` })
    .from(subscriptions)
    .where(and(inArray(subscriptions.caseId, caseIds), eq(subscriptions.role, 'supporter')))
    .groupBy(subscriptions.caseId);
  return new Map(rows.map((r) => [r.caseId, Number(r.n)]));
}

/** a proposal's support as its pages show it: the count, and whether 支持 N is still taken; null for other kinds */
export async function supportOf(db: Db, row: { id: number; kind: CaseKind; status: string }): Promise<{ count: number; open: boolean } | null> {
  const open = supportStatuses(row.kind);
  if (!open) return null;
  return { count: (await proposalSupportCounts(db, [row.id])).get(row.id) ?? 0, open: open.includes(row.status) };
}

/** the proposer hears that n residents support them, unless WeChat told us they cannot be reached */
async function queueMilestone(tx: Db, row: typeof cases.$inferSelect, n: number, now: Date): Promise<void> {
  const [proposer] = await tx
    .select({ unreachableAt: residents.unreachableAt, following: residents.following })
    .from(residents)
    .where(eq(residents.openid, row.openid!));
  if (!proposer || proposer.unreachableAt || !proposer.following) return;
  const payload = casePayload(row, 'note', now, { publicNote: fill(civicTexts.notes.supportMilestone, { count: n }) });
  await tx
    .insert(outbox)
    .values({
      openid: row.openid!,
      caseId: row.id,
      kind: 'case_update',
      payload: payload as unknown as Record<string, unknown>,
      idempotencyKey: milestoneKey(row.id, n),
      nextAttemptAt: now,
      createdAt: now,
    })
    .onConflictDoNothing({ target: outbox.idempotencyKey });
}
