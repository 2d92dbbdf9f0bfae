import type { EventOf } from '../../engine/events/index.js';
import type { EventHandler } from './handler.js';

/**
 * `submitted`: handed to the submitter of its kind (runtime/submitters: a case kind files a case,
 * a verdict or a score answering a push's question is recorded); its receipt (编号 …) is said after the flow's own
 * message; a submitter may decline (the question no longer applies). A kind with no
 * submitter cannot pass the load check; should a flow change under a waiting session, the turn
 * fails rather than tell the resident something was filed that was not.
 */
export const submitted: EventHandler<EventOf<'submitted'>> = async (e, ctx) => {
  const submit = ctx.deps.submitters[e.kind];
  if (!submit) throw new Error(`flow '${e.flowId}' submitted '${e.kind}', which nothing files`);
  const r = await submit(e, ctx);
  if (r.decline) return { decline: true };
  return r.receipt ? { after: r.receipt } : undefined;
};
