import type { EngineContext } from './context.js';
import type { Input } from './input.js';
import { repairFor } from './repairs/table.js';
import type { Session } from './session.js';
import { Sprint, type SprintResult } from './sprint.js';

/**
 * Resumes a waiting session with one input. The session passed in is not changed; the returned
 * one replaces it. A session that is not waiting, or whose flow is gone, yields an `error` event.
 *
 * The repairs (repairs/table.ts) come first, in their order: expire, cancel and reprompt act on any
 * question; handoff (or 人工 typed) hands off; a pending draft offer or cancel question takes the
 * answer; a photo or a location sent while another question waits is kept for the step that asks
 * for it; 改 goes back to an understood answer (repairs/understood). Any other input is the waiting
 * node's answer.
 */
export function resume(session: Session, input: Input, ctx: EngineContext): SprintResult {
  const flow = ctx.flows.get(session.flowId);
  if (!flow) {
    const at = ctx.now().toISOString();
    return {
      session: { ...structuredClone(session), status: 'failed', updatedAt: at },
      events: [
        { type: 'error', message: `flow '${session.flowId}' of session '${session.id}' is not loaded` },
        { type: 'flow_ended', reason: 'failed' },
      ],
    };
  }
  if (session.status !== 'waiting') {
    return { session, events: [{ type: 'error', message: `session '${session.id}' is ${session.status}, not waiting: ${input.type} ignored` }] };
  }
  const sp = new Sprint(flow, structuredClone(session), ctx, ctx.now());
  const repair = repairFor(sp, input);
  if (repair) repair.act(sp, input);
  else sp.answer(input);
  return sp.finish();
}
