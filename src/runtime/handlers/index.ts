import { draftSaved } from './draft-saved.js';
import { error } from './error.js';
import { flowEnded } from './flow-ended.js';
import { followRequested } from './follow-requested.js';
import type { EventHandlers } from './handler.js';
import { handoffRequested } from './handoff-requested.js';
import { lookupRequested } from './lookup-requested.js';
import { reply } from './reply.js';
import { submitted } from './submitted.js';

export type { Effect, EventHandler, EventHandlers, HandlerContext, HandlerDeps, PhotoStash } from './handler.js';

/** nothing for the runtime to do: the session itself carries it (the driver saves or deletes it) */
const none = async () => undefined;

/**
 * The runtime's handler of every engine event, by type (mailroom's runner handlers). `wait` is the
 * session's status, which the driver stores; `result` is in the session's slots; `handoff_offered`
 * is said in the flow's reply.
 */
export const eventHandlers: EventHandlers = {
  reply,
  wait: none,
  result: none,
  lookup_requested: lookupRequested,
  submitted,
  follow_requested: followRequested,
  handoff_offered: none,
  handoff_requested: handoffRequested,
  draft_saved: draftSaved,
  flow_ended: flowEnded,
  error,
};
