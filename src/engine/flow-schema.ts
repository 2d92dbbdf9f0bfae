import { z } from 'zod';
import { flowTriggersSchema } from './flow-triggers.js';
import { localeTextsSchema, type Locale } from './locale.js';
import { nodeId, slotName } from './nodes/base.js';
import { declineNode } from './nodes/decline.js';
import { endNode } from './nodes/end.js';
import { choiceNode } from './nodes/choice.js';
import { communityNode } from './nodes/community.js';
import { confirmNode } from './nodes/confirm.js';
import { followNode } from './nodes/follow.js';
import { imageNode } from './nodes/image.js';
import { locationNode } from './nodes/location.js';
import { lookupNode } from './nodes/lookup.js';
import { moneyNode } from './nodes/money.js';
import { phoneNode } from './nodes/phone.js';
import { routerNode } from './nodes/router.js';
import { submitNode } from './nodes/submit.js';
import { textNode } from './nodes/text.js';
import { zhText } from './zh-text.js';

/** The flow spec this engine reads. A newer spec is refused; older ones would be migrated on load. */
export const ENGINE_SPEC = 1;

export const flowNodeSchema = z.discriminatedUnion('type', [
  choiceNode,
  textNode,
  locationNode,
  imageNode,
  phoneNode,
  communityNode,
  moneyNode,
  confirmNode,
  lookupNode,
  routerNode,
  submitNode,
  followNode,
  declineNode,
  endNode,
]);

export type FlowNode = z.infer<typeof flowNodeSchema>;
export type NodeType = FlowNode['type'];

/**
 * A flow file (flows/<id>.yaml): a graph of readable node ids. Each node asks one thing (or acts)
 * and names the node that follows; texts are zh-CN and may use {{slot}} placeholders.
 */
export const flowDefSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'flow ids are lowercase words'),
  /** what residents call it: 报修, 微实事提议 (used in 确定要取消这次报修吗？) */
  name: zhText,
  spec: z
    .number()
    .int()
    .min(1)
    .refine((n) => n <= ENGINE_SPEC, { message: `spec is newer than this engine (${ENGINE_SPEC})` }),
  expireAfterMinutes: z.number().int().min(1).max(7 * 24 * 60),
  /** keep waiting here even when the resident types another flow's keyword (mailroom's ignore_triggers) */
  ignoreTriggers: z.boolean().default(false),
  triggers: flowTriggersSchema,
  /** slots the runtime fills from the trigger's params (a follow-up's caseId); they are not the resident's answers */
  params: z.array(slotName).default([]),
  start: nodeId,
  /** a short summary for the draft offer: 您有一条未完成的报修（{{summary}}） */
  summary: z.string().optional(),
  /** overrides of the locale's generic texts for this flow */
  texts: localeTextsSchema.partial().optional(),
  nodes: z.record(nodeId, flowNodeSchema).refine((n) => Object.keys(n).length > 0, 'a flow needs nodes'),
});

export type FlowDef = z.infer<typeof flowDefSchema>;

/** A loaded flow: the definition with `source:` options filled in and its texts resolved. */
export type Flow = FlowDef & { locale: Locale };
