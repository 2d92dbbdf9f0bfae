import type { EngineContext } from './context.js';
import type { Input } from './input.js';
import { isWord } from './normalize.js';
import { answerCancelQuestion, cancel } from './repairs/cancel.js';
import { answerDraftOffer } from './repairs/draft-offer.js';
import { expire } from './repairs/expire.js';
import { handoff } from './repairs/handoff.js';
import { reprompt } from './repairs/reprompt.js';
import { correct } from './repairs/understood.js';
import type { Session } from './session.js';
import { Sprint, type SprintResult } from './sprint.js';

/**
 * Resumes a waiting session with one input. The session passed in is not changed; the returned
 * one replaces it. A session that is not waiting, or whose flow is gone, yields an `error` event.
 *
 * Order: expire, cancel and reprompt act on any question; handoff (or 人工 typed) hands off; then a pending draft
 * offer or cancel question takes the answer; then 改 goes back to an understood answer
 * (repairs/understood); otherwise the waiting node does.
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
  const s = sp.session;
  if (input.type === 'expire') expire(sp);
  else if (input.type === 'cancel') cancel(sp);
  else if (input.type === 'reprompt') reprompt(sp);
  else if (input.type === 'handoff' || (input.type === 'text' && isWord(input.text, sp.t.words.handoff))) handoff(sp);
  else if (s.pendingDraft) answerDraftOffer(sp, input);
  else if (s.pendingCancel) answerCancelQuestion(sp, input);
  else if (!correct(sp, input)) sp.answer(input);
  return sp.finish();
}
