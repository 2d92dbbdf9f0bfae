import { z } from 'zod';
import type { NodeKind } from '../node-kind.js';

/**
 * `decline`: the message is not an answer for this flow. The flow ends `declined`, saying nothing;
 * the runtime undoes it and offers the message to the rest of the bot as if the flow had never
 * started. For flows that read a message the resident may not have meant as an answer: after
 * 问题解决了吗, 路灯又坏了 is a new report.
 *
 * ```yaml
 * not_an_answer:
 *   type: decline
 * ```
 */
export const declineNode = z.object({ type: z.literal('decline') });

export type DeclineNode = z.infer<typeof declineNode>;

export const declineKind: NodeKind<DeclineNode> = {
  type: 'decline',
  asks: false,
  setsSlot: false,
  run: () => ({ type: 'end', reason: 'declined', events: [] }),
  exits: () => [],
  templates: () => [],
};
