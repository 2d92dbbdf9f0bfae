import { z } from 'zod';
import * as draftSaved from './draft-saved.js';
import * as duplicateFollowed from './duplicate-followed.js';
import * as error from './error.js';
import * as flowEnded from './flow-ended.js';
import * as handoffOffered from './handoff-offered.js';
import * as handoffRequested from './handoff-requested.js';
import * as lookupRequested from './lookup-requested.js';
import * as proposalSubmitted from './proposal-submitted.js';
import * as reply from './reply.js';
import * as reportSubmitted from './report-submitted.js';
import * as result from './result.js';
import * as wait from './wait.js';

export type { EndReason } from './flow-ended.js';

/** Every event type: its schema and its documented example (checked by tests/engine/events.test.ts). */
export const eventTypes = {
  reply: { schema: reply.replyEvent, example: reply.example },
  wait: { schema: wait.waitEvent, example: wait.example },
  result: { schema: result.resultEvent, example: result.example },
  lookup_requested: { schema: lookupRequested.lookupRequestedEvent, example: lookupRequested.example },
  report_submitted: { schema: reportSubmitted.reportSubmittedEvent, example: reportSubmitted.example },
  proposal_submitted: { schema: proposalSubmitted.proposalSubmittedEvent, example: proposalSubmitted.example },
  duplicate_followed: { schema: duplicateFollowed.duplicateFollowedEvent, example: duplicateFollowed.example },
  handoff_offered: { schema: handoffOffered.handoffOfferedEvent, example: handoffOffered.example },
  handoff_requested: { schema: handoffRequested.handoffRequestedEvent, example: handoffRequested.example },
  draft_saved: { schema: draftSaved.draftSavedEvent, example: draftSaved.example },
  flow_ended: { schema: flowEnded.flowEndedEvent, example: flowEnded.example },
  error: { schema: error.errorEvent, example: error.example },
} as const;

export const eventSchema = z.discriminatedUnion('type', [
  reply.replyEvent,
  wait.waitEvent,
  result.resultEvent,
  lookupRequested.lookupRequestedEvent,
  reportSubmitted.reportSubmittedEvent,
  proposalSubmitted.proposalSubmittedEvent,
  duplicateFollowed.duplicateFollowedEvent,
  handoffOffered.handoffOfferedEvent,
  handoffRequested.handoffRequestedEvent,
  draftSaved.draftSavedEvent,
  flowEnded.flowEndedEvent,
  error.errorEvent,
]);

/** What the engine emits; the runtime has one handler per `type`. */
export type Event = z.infer<typeof eventSchema>;
export type EventOf<T extends Event['type']> = Extract<Event, { type: T }>;
