import { z } from 'zod';

export const endReasons = ['completed', 'cancelled', 'expired', 'handoff', 'failed', 'declined'] as const;
export type EndReason = (typeof endReasons)[number];

/**
 * `flow_ended`: the last event of the flow's last sprint. The session's status is the reason
 * (`completed`: submitted, followed, or said by an `end` node; `cancelled`: 取消; `expired`; `handoff`: the resident asked
 * for a person; `failed`: the engine gave up, after an `error` event; `declined`: the message that
 * started the flow is not an answer to it (a `decline` node, or an answer its first question cannot
 * take): the runtime undoes the flow and offers the message to the rest of the bot). The runtime
 * deletes the session.
 *
 * ```json
 * { "type": "flow_ended", "reason": "completed" }
 * ```
 */
export const flowEndedEvent = z.object({ type: z.literal('flow_ended'), reason: z.enum(endReasons) });
export type FlowEndedEvent = z.infer<typeof flowEndedEvent>;
export const example: FlowEndedEvent = { type: 'flow_ended', reason: 'completed' };
