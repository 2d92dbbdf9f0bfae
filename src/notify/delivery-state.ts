import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * What the worker knows about the sends of one outbox row, kept under `payload.delivery` (the
 * schema has no columns for it; see the report's proposal: template_msg_id, send_started_at).
 *
 * - templateInFlightSince: the earliest template send whose outcome is unknown (it may have been
 *   delivered). Written and committed BEFORE the HTTP call; cleared when WeChat's answer proves
 *   the message was not delivered. While it is set, a resend is safe only until WeChat's
 *   client_msg_id de-dup (10 minutes from the first delivery, which cannot be earlier than this
 *   time) runs out.
 * - customInFlightSince: a customer-service send began and its outcome is unknown. Such a send has
 *   no idempotency key, so it is never repeated.
 * - failures: transient failures so far (backoff, dead-letter limit). `attempts` (the column)
 *   counts claims and is the fencing token of a claim.
 * - msgId / jobStatus: WeChat's template msgid and the TEMPLATESENDJOBFINISH verdict.
 */
export const deliveryStateSchema = z
  .object({
    templateInFlightSince: z.string().optional(),
    customInFlightSince: z.string().optional(),
    failures: z.number().int().min(0).default(0),
    msgId: z.string().optional(),
    jobStatus: z.string().optional(),
    jobAt: z.string().optional(),
  })
  .loose();
export type DeliveryState = z.infer<typeof deliveryStateSchema>;

export function deliveryOf(payload: Record<string, unknown>): DeliveryState {
  const parsed = deliveryStateSchema.safeParse(payload.delivery ?? {});
  return parsed.success ? parsed.data : { failures: 0 };
}

export function withDelivery(payload: Record<string, unknown>, state: DeliveryState): Record<string, unknown> {
  const clean = Object.fromEntries(Object.entries(state).filter(([, v]) => v !== undefined));
  return { ...payload, delivery: clean };
}

/** how long WeChat honours client_msg_id */
export const CLIENT_MSG_ID_WINDOW_MS = 10 * 60_000;
/**
 * Resends stop this long before the window closes: the resend must reach WeChat inside it, after
 * the rate limiter, a token refresh and the client's own retries (≈ 45 s at worst), and worker
 * clocks may differ a little.
 */
export const WINDOW_SAFETY_MS = 2 * 60_000;

/** the last moment a template resend is still de-duplicated by WeChat, or null when none is in doubt */
export function resendDeadline(state: DeliveryState): number | null {
  if (!state.templateInFlightSince) return null;
  return Date.parse(state.templateInFlightSince) + CLIENT_MSG_ID_WINDOW_MS - WINDOW_SAFETY_MS;
}

/**
 * The template's client_msg_id, derived from the row's idempotency key: every send of one push,
 * by any worker, after any crash, carries the same id, so WeChat delivers it once (for 10 min).
 */
export function clientMsgIdFor(idempotencyKey: string): string {
  return `ob_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}`;
}
