import { z } from 'zod';
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
 * Why a flow starts: a keyword (报修), a free-text intent, a menu click or a QR scan.
 * `slots` prefill answers the runtime already knows (the category guessed from free text, the
 * community of a scanned QR code); their questions are skipped. `draft` offers to continue.
 */
export const triggerSchema = z.object({
  type: z.enum(['keyword', 'intent', 'menu', 'scan']),
  text: z.string().optional(),
  slots: slotsSchema.optional(),
  draft: draftSchema.optional(),
});
export type Trigger = z.infer<typeof triggerSchema>;
