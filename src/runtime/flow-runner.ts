import { z } from 'zod';
import { fileCase, followCase, isCaseKind } from '../civic/index.js';
import type { Db } from '../db/client.js';
import type { EngineContext } from '../engine/context.js';
import type { Event, EventOf } from '../engine/events/index.js';
import type { Json } from '../engine/json.js';
import { resume } from '../engine/resume.js';
import type { Session } from '../engine/session.js';
import type { SprintResult } from '../engine/sprint.js';
import type { Draft } from '../engine/trigger.js';
import type { Logger } from '../log.js';
import type { BotTexts } from './bot-texts.js';
import type { ConversationStore, StoredPhoto } from './conversation-store.js';
import { requestHandoff, type InboxNotice } from './handoff.js';
import { lookupProviders } from './lookups/index.js';

export interface FlowRunDeps {
  db: Db;
  conversations: ConversationStore;
  /** the turn's drafts: saved and dropped with the turn's final batch of writes (TurnSession) */
  drafts: { saveDraft(draft: Draft): void; dropDraft(flowId: string): void };
  texts: BotTexts;
  logger: Logger;
  engine: EngineContext;
  /** tells the staff console's live inbox */
  inbox?: (notice: InboxNotice) => Promise<void>;
  /** the flow that files the photos a resident sent outside any flow (PhotoStash) */
  photoFlow?: string;
}

export interface FlowRunContext {
  openid: string;
  /** dedupe key of the message being handled */
  sourceKey: string;
  now: Date;
}

/** a flow's session files at most one case, whatever is retried or re-sent */
const caseSource = (sessionId: string) => `session:${sessionId}`;

/** photos the resident sent outside an image question; merged into the report at submit */
export type PhotoStash = { take(openid: string): Promise<StoredPhoto[]> };

const MAX_LOOKUPS = 5;

const photoRefs = z.array(z.object({ mediaId: z.string() })).catch([]);

/**
 * Drives the engine's events to their effects, in order: lookups are answered and the engine
 * resumed; submissions are filed in the database; handoffs open a ticket; drafts are kept or
 * dropped in the turn (deps.drafts: written with the turn's final batch, read back within it). Any
 * database failure throws before the new session is saved, so the resident is never told a report
 * was filed when it was not, and the retry finds the flow where it was.
 */
export async function runFlow(first: SprintResult, ctx: FlowRunContext, deps: FlowRunDeps, stash?: PhotoStash): Promise<{ session: Session; texts: string[] }> {
  const texts: string[] = [];
  const after: string[] = [];
  let result = first;
  for (let round = 0; ; round++) {
    let lookup: { name: string; data: Json } | undefined;
    for (const event of result.events) {
      const r = await apply(event, result.session, ctx, deps, stash);
      if (r?.text) texts.push(r.text);
      if (r?.after) after.push(r.after);
      if (r?.lookup) lookup = r.lookup;
    }
    if (!lookup) break;
    if (round >= MAX_LOOKUPS) {
      deps.logger.error({ openid: ctx.openid, flow: result.session.flowId }, 'too many lookups in one message');
      break;
    }
    result = resume(result.session, { type: 'lookup_result', ...lookup }, deps.engine);
  }
  return { session: result.session, texts: [...texts, ...after] };
}

type Applied = { text?: string; after?: string; lookup?: { name: string; data: Json } } | undefined;

async function apply(event: Event, session: Session, ctx: FlowRunContext, deps: FlowRunDeps, stash?: PhotoStash): Promise<Applied> {
  switch (event.type) {
    case 'reply':
      return { text: event.text };
    case 'lookup_requested':
      return { lookup: { name: event.name, data: await lookup(event, ctx, deps) } };
    case 'submitted':
      return { after: await file(event, ctx, deps, event.flowId === deps.photoFlow ? stash : undefined) };
    case 'follow_requested':
      await followCase(deps.db, Number(event.caseRef), ctx.openid, 'supporter', ctx.now);
      return undefined;
    case 'handoff_requested': {
      const ticket = await requestHandoff(deps.db, {
        openid: ctx.openid,
        reason: 'flow',
        context: { flowId: event.flowId, nodeId: event.nodeId, slots: event.slots },
        now: ctx.now,
      });
      if (ticket.created) await deps.inbox?.({ type: 'ticket_opened', ticketId: ticket.ticketId, communityId: ticket.communityId, status: 'queued' });
      deps.drafts.saveDraft({ flowId: event.flowId, nodeId: event.nodeId, slots: event.slots });
      return undefined;
    }
    case 'draft_saved':
      deps.drafts.saveDraft({ flowId: event.flowId, nodeId: event.nodeId, slots: event.slots });
      return undefined;
    case 'error':
      deps.logger.warn({ openid: ctx.openid, flow: session.flowId, node: session.nodeId }, `engine: ${event.message}`);
      return undefined;
    case 'handoff_offered':
    case 'result':
    case 'wait':
    case 'flow_ended':
      return undefined;
  }
}

async function lookup(event: EventOf<'lookup_requested'>, ctx: FlowRunContext, deps: FlowRunDeps): Promise<Json> {
  const provider = lookupProviders[event.name];
  if (!provider) {
    deps.logger.warn({ name: event.name }, 'unknown lookup answered with nothing');
    return [];
  }
  return provider(event.args, { db: deps.db, openid: ctx.openid, now: ctx.now });
}

async function photosOf(slot: Json | undefined, ctx: FlowRunContext, deps: FlowRunDeps, stash?: PhotoStash): Promise<StoredPhoto[]> {
  const ids = photoRefs.parse(slot ?? []).map((p) => p.mediaId);
  const stored = ids.length ? await deps.conversations.photos(ctx.openid, ids) : [];
  const extra = stash ? await stash.take(ctx.openid) : [];
  const seen = new Set<string>();
  return [...stored, ...extra].filter((p) => !seen.has(p.sha256) && !!seen.add(p.sha256)).slice(0, 9);
}

/** files the case of the kind the flow submits; its receipt (编号 …) is said after the flow's own message */
async function file(event: EventOf<'submitted'>, ctx: FlowRunContext, deps: FlowRunDeps, stash?: PhotoStash): Promise<string> {
  const kind = event.kind;
  if (!isCaseKind(kind)) throw new Error(`flow '${event.flowId}' submitted '${kind}', which is not a case kind`);
  const { receipt } = await fileCase(
    deps.db,
    kind,
    { openid: ctx.openid, sourceKey: caseSource(event.sessionId), slots: event.slots, photos: await photosOf(event.slots.photos, ctx, deps, stash) },
    { now: ctx.now },
  );
  deps.drafts.dropDraft(event.flowId);
  return receipt;
}
