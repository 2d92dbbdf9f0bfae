import { z } from 'zod';
import { slotsSchema } from './json.js';
import { draftSchema } from './trigger.js';

export const sessionStatuses = ['waiting', 'completed', 'cancelled', 'expired', 'handoff', 'failed', 'declined'] as const;
export type SessionStatus = (typeof sessionStatuses)[number];

/**
 * The state of one resident's conversation in one flow, version 1. Plain JSON: the runtime stores
 * it (Redis) and hands it back to resume(). Only `waiting` sessions can resume; any other status
 * means the flow ended and the runtime may delete the session.
 */
const sessionV1 = z.object({
  v: z.literal(1),
  id: z.string().min(1),
  flowId: z.string().min(1),
  /** the node being asked (or, once ended, the last node) */
  nodeId: z.string().min(1),
  status: z.enum(sessionStatuses),
  slots: slotsSchema,
  /** slot names the trigger prefilled: they do not count as the resident's own answers */
  prefilled: z.array(z.string()).default([]),
  /** invalid answers at the current node since it was entered or since the last handoff offer */
  attempts: z.number().int().min(0),
  /** 取消 was typed with answers filled: waiting for 1 确定取消 / 2 继续填写 */
  pendingCancel: z.boolean().optional(),
  /** a draft was offered at start: waiting for 1 继续填写 / 2 重新开始 */
  pendingDraft: draftSchema.optional(),
  /** set while the resident edits an answer from a confirm node: where to go back to */
  returnTo: z.string().optional(),
  expiresAt: z.iso.datetime(),
  /** new for every sprint: a timer set for an older sprint is stale (mailroom's guard) */
  lastSprintId: z.string().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

/**
 * Every stored version, migrated to the current one on read. A future v2 adds its schema here and
 * turns v1 into v2 with `.transform()` (the Typebot pattern), so old sessions keep working.
 */
export const sessionSchema = z.discriminatedUnion('v', [sessionV1]);
export type Session = z.output<typeof sessionV1>;

/**
 * The same schema for a value JSON.parse has just made: every slot is JSON by construction, so
 * slots are checked to be a record and not walked again (the deep JSON check was most of the cost
 * of reading a session on every turn).
 */
const parsedSlots = z.record(z.string(), z.unknown());
const parsedSessionSchema = z.discriminatedUnion('v', [
  sessionV1.extend({ slots: parsedSlots, pendingDraft: draftSchema.extend({ slots: parsedSlots }).optional() }),
]);

export class SessionParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SessionParseError';
  }
}

/** Reads a stored session (a JSON string or an already parsed value); throws SessionParseError. */
export function parseSession(raw: unknown): Session {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new SessionParseError('session is not JSON');
    }
  }
  const r = (typeof raw === 'string' ? (parsedSessionSchema as unknown as typeof sessionSchema) : sessionSchema).safeParse(value);
  if (!r.success) {
    const where = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).slice(0, 3);
    throw new SessionParseError(`bad session: ${where.join('; ')}`);
  }
  return r.data;
}

/** True when a waiting session is past its expiry: the runtime should resume it with { type: 'expire' } first. */
export function isExpired(session: Session, now: Date): boolean {
  return session.status === 'waiting' && Date.parse(session.expiresAt) <= now.getTime();
}
