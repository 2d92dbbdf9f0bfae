import type { Db } from '../db/client.js';
import { auditLog } from '../db/schema.js';

export interface AuditEntry {
  /** null for a login attempt with an unknown name */
  staffId: number | null;
  /** dotted verb, e.g. case.transition, ticket.claim, staff.create, auth.login_failed */
  action: string;
  /** what it acted on, e.g. case:12, ticket:3, staff:4, keyword_reply:7, username:alice */
  target: string;
  before?: unknown;
  after?: unknown;
  at: Date;
}

/** jsonb-safe: dates become ISO strings, undefined keys vanish */
const json = (v: unknown) => (v === undefined ? null : (JSON.parse(JSON.stringify(v)) as unknown));

/**
 * One row of audit_log: who did what to which thing, with the state before and after. Pass the
 * transaction of the change when there is one, so the change and its audit row commit together.
 */
export async function writeAudit(db: Db, e: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    staffId: e.staffId,
    action: e.action,
    target: e.target,
    before: json(e.before),
    after: json(e.after),
    at: e.at,
  });
}
