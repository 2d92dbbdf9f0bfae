import { z } from 'zod';
import * as draftSaved from './draft-saved.js';
import * as error from './error.js';
import * as flowEnded from './flow-ended.js';
import * as followRequested from './follow-requested.js';
import * as handoffOffered from './handoff-offered.js';
import * as handoffRequested from './handoff-requested.js';
import * as lookupRequested from './lookup-requested.js';
import * as reply from './reply.js';
import * as result from './result.js';
import * as submitted from './submitted.js';
import * as wait from './wait.js';

export type { EndReason } from './flow-ended.js';

/**
 * Every event type with its documented example, listed once: the union schema and the registry by
 * type are derived from this list (tests/engine/events.test.ts checks each has its file and that
 * its example parses).
 */
const defs = [
  { schema: reply.replyEvent, example: reply.example },
  { schema: wait.waitEvent, example: wait.example },
  { schema: result.resultEvent, example: result.example },
  { schema: lookupRequested.lookupRequestedEvent, example: lookupRequested.example },
  { schema: submitted.submittedEvent, example: submitted.example },
  { schema: followRequested.followRequestedEvent, example: followRequested.example },
  { schema: handoffOffered.handoffOfferedEvent, example: handoffOffered.example },
  { schema: handoffRequested.handoffRequestedEvent, example: handoffRequested.example },
  { schema: draftSaved.draftSavedEvent, example: draftSaved.example },
  { schema: flowEnded.flowEndedEvent, example: flowEnded.example },
  { schema: error.errorEvent, example: error.example },
] as const;

/** the schemas of a list of definitions, as a tuple (what z.discriminatedUnion takes) */
type SchemasOf<T extends readonly { schema: unknown }[]> = { -readonly [K in keyof T]: T[K] extends { schema: infer S } ? S : never };

export const eventSchema = z.discriminatedUnion('type', defs.map((d) => d.schema) as unknown as SchemasOf<typeof defs>);

/** What the engine emits; the runtime has one handler per `type`. */
export type Event = z.infer<typeof eventSchema>;
export type EventOf<T extends Event['type']> = Extract<Event, { type: T }>;

/** Every event type by its `type`: its schema and its documented example. */
export const eventTypes = Object.fromEntries(defs.map((d) => [d.schema.shape.type.value, d])) as unknown as {
  readonly [T in Event['type']]: { schema: z.ZodType<EventOf<T>>; example: EventOf<T> };
};
