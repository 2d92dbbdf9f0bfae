import { z } from 'zod';

/**
 * `wait`: the session now waits at `nodeId` for the resident (or for a lookup result). The runtime
 * stores the session and schedules the expiry timer for `expiresAt`, tagged with the session's
 * lastSprintId so a timer from an older sprint is ignored.
 *
 * ```json
 * { "type": "wait", "nodeId": "description", "expiresAt": "2025-03-01T08:30:01.000Z" }
 * ```
 */
export const waitEvent = z.object({ type: z.literal('wait'), nodeId: z.string(), expiresAt: z.iso.datetime() });
export type WaitEvent = z.infer<typeof waitEvent>;
export const example: WaitEvent = { type: 'wait', nodeId: 'description', expiresAt: '2025-03-01T08:30:01.000Z' };
