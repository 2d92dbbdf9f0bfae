import { z } from 'zod';

/**
 * `error`: a non-fatal problem, for the logs (goflow's error event): an input the waiting node
 * cannot use, a stale lookup result, a prefilled slot that is not a valid answer, a session that
 * is not waiting. Followed by `flow_ended { reason: 'failed' }` only when the engine cannot go on
 * (unknown node, too many steps in one sprint).
 *
 * ```json
 * { "type": "error", "message": "lookup_result 'nearby_duplicates' arrived while waiting at 'phone'" }
 * ```
 */
export const errorEvent = z.object({ type: z.literal('error'), message: z.string() });
export type ErrorEvent = z.infer<typeof errorEvent>;
export const example: ErrorEvent = { type: 'error', message: "lookup_result 'nearby_duplicates' arrived while waiting at 'phone'" };
