import { z } from 'zod';
import type { NodeKind } from '../node-kind.js';
import { zhText } from '../zh-text.js';

/** what a flow submits: a word the runtime knows (compileFlows checks it against `known.kinds`) */
export const kindName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a kind is a lowercase word (a-z, 0-9, _)');

/**
 * `submit`: emits `submitted { kind, slots }` with every slot, says `message`, and ends the flow
 * (completed). `kind` names what is submitted (a case kind such as report; the runtime files it);
 * the engine only checks, at load, that the runtime knows it. The runtime may add a receipt (the
 * case number) in a message of its own.
 *
 * ```yaml
 * submit:
 *   type: submit
 *   kind: report
 *   message: 提交成功！我们会尽快安排处理，进展会在这里通知您。
 * ```
 */
export const submitNode = z.object({
  type: z.literal('submit'),
  kind: kindName,
  message: zhText,
});

export type SubmitNode = z.infer<typeof submitNode>;

export const submitKind: NodeKind<SubmitNode> = {
  type: 'submit',
  asks: false,
  setsSlot: false,
  run: (node, s) => ({
    type: 'end',
    reason: 'completed',
    events: [{ type: 'submitted', sessionId: s.session.id, flowId: s.flow.id, kind: node.kind, slots: structuredClone(s.session.slots) }],
    reply: s.render(node.message),
  }),
  exits: () => [],
  templates: (node) => [node.message],
};
