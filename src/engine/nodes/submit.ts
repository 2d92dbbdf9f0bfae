import { z } from 'zod';
import { jsonValue, type Json } from '../json.js';
import type { NodeKind, Scope } from '../node-kind.js';
import { getPath, placeholders } from '../template.js';
import { zhText } from '../zh-text.js';
import { slotName } from './base.js';

/** what a flow submits: a word the runtime knows (compileFlows checks it against `known.kinds`) */
export const kindName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a kind is a lowercase word (a-z, 0-9, _)');

/**
 * `submit`: emits `submitted { kind, slots }` with every slot, says `message` (if any), and ends
 * the flow (completed). `kind` names what is submitted (a case kind such as report, or a kind of
 * answer to what a push asked: verdict); the engine only checks, at load, that the runtime knows it. The
 * runtime may add a receipt (the case number) in a message of its own. `values` add fixed slots to
 * what is submitted (the outcome this node stands for); a value that is one placeholder,
 * `"{{answer}}"`, copies that slot as it is, any other text is rendered.
 *
 * ```yaml
 * submit:
 *   type: submit
 *   kind: report
 *   message: 提交成功！我们会尽快安排处理，进展会在这里通知您。
 * not_solved:
 *   type: submit
 *   kind: verdict
 *   values: { satisfied: false, comment: "{{answer}}" }
 *   message: 已收到，我们会重新处理这个问题，进展会通知您。
 * ```
 */
export const submitNode = z.object({
  type: z.literal('submit'),
  kind: kindName,
  message: zhText.optional(),
  values: z.record(slotName, jsonValue).optional(),
});

export type SubmitNode = z.infer<typeof submitNode>;

/** one value: a lone placeholder copies its slot path raw, other text is rendered, anything else is kept */
function valueOf(v: Json, s: Scope): Json {
  if (typeof v !== 'string') return structuredClone(v);
  const only = /^\{\{\s*([\w.]+)\s*\}\}$/.exec(v)?.[1];
  if (only) {
    const [head = '', ...rest] = only.split('.');
    return structuredClone(getPath(s.session.slots[head], rest) ?? null);
  }
  return placeholders(v).length ? s.render(v) : v;
}

export const submitKind: NodeKind<SubmitNode> = {
  type: 'submit',
  asks: false,
  setsSlot: false,
  run(node, s) {
    const values = Object.fromEntries(Object.entries(node.values ?? {}).map(([k, v]) => [k, valueOf(v, s)]));
    return {
      type: 'end',
      reason: 'completed',
      events: [{ type: 'submitted', sessionId: s.session.id, flowId: s.flow.id, kind: node.kind, slots: { ...structuredClone(s.session.slots), ...values } }],
      ...(node.message ? { reply: s.render(node.message) } : {}),
    };
  },
  exits: () => [],
  templates: (node) => [...(node.message ? [node.message] : []), ...Object.values(node.values ?? {}).filter((v): v is string => typeof v === 'string')],
};
