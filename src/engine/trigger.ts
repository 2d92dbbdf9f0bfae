import { z } from 'zod';
import { messageInputSchema } from './input.js';
import { slotsSchema } from './json.js';

/**
 * A flow left unfinished when its session expired (or was handed to a person). The runtime keeps
 * it (keys.draft) and passes it back in the next trigger of the same flow.
 */
export const draftSchema = z.object({
  flowId: z.string().min(1),
  nodeId: z.string().min(1),
  slots: slotsSchema,
});
export type Draft = z.infer<typeof draftSchema>;

/**
 * Why a flow starts: a keyword (报修), a free-text intent, a menu click, a QR scan, or a push that
 * asked the resident something (their next message answers it).
 * `slots` prefill answers the runtime already knows (the category guessed from free text, the
 * community of a scanned QR code); their questions are skipped. `params` are facts the runtime
 * passes in (the case the push asked about), kept as the slots the flow declares in its `params`.
 * `input` is the resident's message that answers the flow's first question at once, whose prompt
 * is not said (the push asked it; goflow: a message trigger skips the first wait): an answer the
 * question cannot take ends the flow `declined`. `draft` offers to continue.
 */
export const triggerSchema = z.object({
  type: z.enum(['keyword', 'intent', 'menu', 'scan', 'push']),
  text: z.string().optional(),
  slots: slotsSchema.optional(),
  params: slotsSchema.optional(),
  input: messageInputSchema.optional(),
  draft: draftSchema.optional(),
});
export type Trigger = z.infer<typeof triggerSchema>;
