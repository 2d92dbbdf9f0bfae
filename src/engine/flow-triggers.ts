import { z } from 'zod';
import { slotName } from './nodes/base.js';

/**
 * What starts a flow besides a trigger from the runtime's menu: read by the runtime's dispatcher,
 * checked at load (compileFlows: the slots exist and are asked by the right kind of question; at
 * most one flow claims a shared location, one a photo).
 *
 * ```yaml
 * triggers:
 *   keywords: [报修, 反映]   # the whole message is one of these words (我要报修 too)
 *   location: location      # a location shared outside any flow starts this flow, answering this slot
 *   image: true             # a photo sent outside any flow starts this flow (the photo is filed with it)
 *   intentSlot: description # free text that starts it by intent answers this slot (5 characters or more)
 *   followUp: feedback      # or: the resident's answer to a push asking 问题解决了吗 (flows/feedback.yaml)
 * ```
 */
export const flowTriggersSchema = z
  .object({
    keywords: z.array(z.string().min(1)).default([]),
    /** the slot of a `location` question that a location shared outside any flow answers */
    location: slotName.optional(),
    image: z.boolean().default(false),
    /** the slot of a `text` question that the free text starting this flow by intent answers */
    intentSlot: slotName.optional(),
    /**
     * started by a push that asks the resident this (a case kind's status attribute `asks`:
     * feedback, rating), once it reached them: their next message answers its first question, or the
     * flow declines it (checked at load against the asks the runtime knows)
     */
    followUp: z.string().regex(/^[a-z][a-z0-9_]*$/).optional(),
  })
  .strict();

export type FlowTriggers = z.infer<typeof flowTriggersSchema>;
