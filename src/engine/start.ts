import type { EngineContext } from './context.js';
import type { Flow } from './flow-schema.js';
import { kindOf } from './nodes/registry.js';
import { offerDraft } from './repairs/draft-offer.js';
import type { Session } from './session.js';
import { slotOf } from './node-kind.js';
import { Sprint, type SprintResult } from './sprint.js';
import type { Trigger } from './trigger.js';

/**
 * Starts `flow` for a resident. Prefilled slots (trigger.slots) skip their questions; a draft of
 * this flow (trigger.draft) is offered first: 您有一条未完成的报修（…），回复 1 继续填写，回复 2 重新开始.
 * Returns the new session (waiting at its first question) and the events.
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
  const draft = trigger.draft;
  if (draft && draft.flowId !== flow.id) sp.emit({ type: 'error', message: `draft of flow '${draft.flowId}' ignored when starting '${flow.id}'` });
  else if (draft && Object.keys(draft.slots).length > 0) {
    offerDraft(sp, draft);
    return sp.finish();
  }
  sp.tip = true;
  sp.enter(flow.start);
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
      sp.emit({ type: 'error', message: `prefilled ${name}=${JSON.stringify(value)} is not a valid answer at '${id}': ignored` });
      continue;
    }
    sp.session.slots[name] = structuredClone(value);
    sp.session.prefilled.push(name);
  }
}
