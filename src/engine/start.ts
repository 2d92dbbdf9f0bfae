import type { EngineContext } from './context.js';
import type { Flow } from './flow-schema.js';
import { kindOf } from './nodes/registry.js';
import { offerDraft } from './repairs/draft-offer.js';
import { sayUnderstood } from './repairs/understood.js';
import type { Session } from './session.js';
import { slotOf } from './node-kind.js';
import { Sprint, type SprintResult } from './sprint.js';
import type { Trigger } from './trigger.js';
import type { MessageInput } from './input.js';

/**
 * Starts `flow` for a resident. Prefilled slots (trigger.slots) skip their questions; the flow's
 * params are filled from trigger.params; a draft of this flow (trigger.draft) is offered first:
 * 您有一条未完成的报修（…），回复 1 继续填写，回复 2 重新开始. With trigger.input, that message answers
 * the first question at once (its prompt is not said), and an answer the question cannot take
 * ends the flow `declined`. Returns the new session (waiting at its first question, or further)
 * and the events.
 */
export function start(flow: Flow, trigger: Trigger, ctx: EngineContext): SprintResult {
  const now = ctx.now();
  const at = now.toISOString();
  const session: Session = {
    v: 1,
    id: ctx.newId(),
    flowId: flow.id,
    nodeId: flow.start,
    status: 'waiting',
    slots: {},
    prefilled: [],
    attempts: 0,
    expiresAt: at,
    lastSprintId: '-',
    createdAt: at,
    updatedAt: at,
  };
  const sp = new Sprint(flow, session, ctx, now);
  prefill(sp, trigger.slots ?? {});
  fillParams(sp, trigger.params ?? {});
  if (trigger.input) return answerAtOnce(sp, trigger.input);
  const draft = trigger.draft;
  if (draft && draft.flowId !== flow.id) sp.emit({ type: 'error', message: `draft of flow '${draft.flowId}' ignored when starting '${flow.id}'` });
  else if (draft && Object.keys(draft.slots).length > 0) {
    offerDraft(sp, draft);
    return sp.finish();
  }
  sp.tip = true;
  sayUnderstood(sp);
  sp.enter(flow.start);
  return sp.finish();
}

/** The runtime's facts the flow declares in `params`; others are ignored with an error event. */
function fillParams(sp: Sprint, params: NonNullable<Trigger['params']>): void {
  for (const [name, value] of Object.entries(params)) {
    if (!sp.flow.params.includes(name)) {
      sp.emit({ type: 'error', message: `param '${name}' is not declared by flow '${sp.flow.id}': ignored` });
      continue;
    }
    sp.session.slots[name] = structuredClone(value);
    sp.session.prefilled.push(name);
  }
}

/** The trigger's message answers the first question the flow asks; one it cannot take is declined. */
function answerAtOnce(sp: Sprint, input: MessageInput): SprintResult {
  sp.enter(sp.flow.start);
  if (sp.session.status !== 'waiting') {
    sp.emit({ type: 'error', message: `flow '${sp.flow.id}' asks nothing to answer at once: the trigger's input is ignored` });
    return sp.finish();
  }
  // the question was asked already (by the push): the answer follows at once
  sp.unsay();
  sp.declineInvalid = true;
  sp.answer(input);
  return sp.finish();
}

/** Keeps the prefilled answers that some node of the flow asks for and would accept. */
function prefill(sp: Sprint, slots: NonNullable<Trigger['slots']>): void {
  for (const [name, value] of Object.entries(slots)) {
    const found = Object.entries(sp.flow.nodes).find(([id, node]) => kindOf(node).asks && kindOf(node).setsSlot && slotOf(node, id) === name);
    if (!found) {
      sp.emit({ type: 'error', message: `prefilled slot '${name}' is not asked by flow '${sp.flow.id}': ignored` });
      continue;
    }
    const [id, node] = found;
    const kind = kindOf(node);
    if (value === null || (kind.acceptsPrefill && !kind.acceptsPrefill(node, value, sp.scope(id)))) {
      sp.emit({ type: 'error', message: `prefilled ${name}=${JSON.stringify(value).slice(0, 80)} is not a valid answer at '${id}': ignored` });
      if (value !== null) sp.say(kind.prefillRefusal?.(node, value, sp.scope(id)));
      continue;
    }
    sp.session.slots[name] = structuredClone(value);
    sp.session.prefilled.push(name);
  }
}
