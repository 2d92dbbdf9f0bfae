import type { Community, EngineContext } from '../engine/context.js';
import type { Event } from '../engine/events/index.js';
import type { Flow } from '../engine/flow-schema.js';
import type { Input } from '../engine/input.js';
import { resume } from '../engine/resume.js';
import { isExpired, type Session } from '../engine/session.js';
import { start } from '../engine/start.js';
import type { SprintResult } from '../engine/sprint.js';
import type { Trigger } from '../engine/trigger.js';
import type { Logger } from '../log.js';
import type { Effect, EventHandler, EventHandlers, HandlerDeps } from './handlers/index.js';
import { photoRef } from './photo-inbox.js';
import type { Turn } from './turn.js';

export interface FlowDriverDeps {
  flows: ReadonlyMap<string, Flow>;
  /** choices for community questions (cached by the caller) */
  communities: () => Promise<Community[]>;
  now: () => Date;
  newId: () => string;
  handlers: EventHandlers;
  handlerDeps: HandlerDeps;
  logger: Logger;
  /** a line said before the flow's words when this message changed something that calls for one (a danger: 110/119) */
  warn?: (before: Session | undefined, after: Session) => string | undefined;
}

/** what a run of the flow said, and whether the flow let the message go (nothing of it took effect) */
export interface Ran {
  texts: string[];
  declined: boolean;
}

const asksCommunity = (flow: Flow): boolean => Object.values(flow.nodes).some((n) => n.type === 'community');
/** a flow whose community comes from its place (a report: where the problem is) takes no default from the resident */
const communityFromPlace = (flow: Flow): boolean => Object.values(flow.nodes).some((n) => n.type === 'community' && !!n.from);

/** the slot and the most photos of the flow's photo question, when it has one */
export function photoQuestion(flow: Flow): { slot: string; max: number } | undefined {
  for (const [id, node] of Object.entries(flow.nodes)) if (node.type === 'image') return { slot: node.result ?? id, max: node.max };
  return undefined;
}

/** a flow asks the runtime at most this many lookups in one message; more is a loop */
const MAX_LOOKUPS = 5;

/**
 * The one place that drives the engine: starts and resumes flows, gives each event to its handler
 * (runtime/handlers) in order, answers lookups by resuming the flow at once, and keeps the session
 * in the turn. A handler's database failure throws before the session is kept, so the resident is
 * never told something was filed when it was not, and the retried message finds the flow where it
 * was.
 */
export class FlowDriver {
  constructor(private readonly deps: FlowDriverDeps) {}

  /** starts `flow`: the resident's community answers its community question, and its draft is offered */
  async start(flow: Flow, trigger: Trigger, turn: Turn): Promise<Ran> {
    const communities = await this.communitiesFor(flow);
    // a flow answered at once (a push's question) offers no draft
    const draft = trigger.input ? undefined : await turn.session.draft(flow.id);
    const communityId = await turn.community();
    const slots = { ...(trigger.slots ?? {}) };
    // the resident's community is known: its question is skipped (a report's is where the problem is: its lookup uses it as a default)
    if (communityId && asksCommunity(flow) && !communityFromPlace(flow) && slots.community === undefined) slots.community = communityId;
    // photos kept while a flow that takes none was open are this report's photos: its summary counts them
    const photos = flow.triggers.image && !trigger.input ? photoQuestion(flow) : undefined;
    if (photos && slots[photos.slot] === undefined) {
      const kept = this.deps.handlerDeps.photos.take(turn);
      if (kept.length) slots[photos.slot] = kept.slice(0, photos.max).map(photoRef);
    }
    // an offered draft lives in the session (pendingDraft) from now on: the engine keeps it again if
    // the resident leaves the offer open (取消, expiry, 人工); 重新开始 or a confirmed 取消 ends it
    if (draft) turn.session.dropDraft(flow.id);
    return this.run(start(flow, { ...trigger, slots, ...(draft ? { draft } : {}) }, this.engine(communities)), turn, communities);
  }

  /** gives the waiting session one input */
  async resume(session: Session, input: Input, turn: Turn): Promise<Ran> {
    const flow = this.deps.flows.get(session.flowId);
    const communities = flow ? await this.communitiesFor(flow) : [];
    return this.run(resume(session, input, this.engine(communities)), turn, communities);
  }

  /**
   * The session waiting for the resident's answer; one that expired since the last message is
   * ended first (its answers kept as a draft, the note said before the answer).
   */
  async waiting(turn: Turn): Promise<Session | undefined> {
    const session = turn.session.get();
    if (!session || session.status !== 'waiting') return undefined;
    if (!isExpired(session, turn.now)) return session;
    // ending it leaves the turn with no waiting session: the next call finds none
    const ran = await this.resume(session, { type: 'expire' }, turn);
    for (const t of ran.texts) turn.say(t);
    return undefined;
  }

  /** the waiting session makes way for another flow: its answers are kept as a draft with the turn's writes */
  setAside(session: Session, turn: Turn): void {
    // still at the draft offer: the draft offered is what there is to keep
    if (session.pendingDraft) turn.session.saveDraft(session.pendingDraft);
    else if (Object.keys(session.slots).some((k) => !session.prefilled.includes(k))) {
      turn.session.saveDraft({ flowId: session.flowId, nodeId: session.nodeId, slots: session.slots });
    }
    turn.session.clear();
  }

  /** the community list, for a flow that asks for one (a follow-up flow asks none: no statement for it) */
  private async communitiesFor(flow: Flow): Promise<readonly Community[]> {
    return asksCommunity(flow) ? this.deps.communities() : [];
  }

  private engine(communities: readonly Community[]): EngineContext {
    return { now: this.deps.now, newId: this.deps.newId, flows: this.deps.flows, communities };
  }

  private async run(first: SprintResult, turn: Turn, communities: readonly Community[]): Promise<Ran> {
    const texts: string[] = [];
    const after: string[] = [];
    const before = turn.session.get();
    let result = first;
    for (let round = 0; ; round++) {
      let lookup: NonNullable<Effect>['lookup'];
      let instead = false;
      for (const event of result.events) {
        // the flow's reply comes after its other events: a handler's `instead` replaces it
        if (instead && event.type === 'reply') continue;
        const effect = await this.handle(event, result.session, turn);
        if (effect?.decline) return { texts: [], declined: true };
        if (effect?.instead) {
          texts.push(effect.instead);
          instead = true;
        }
        if (effect?.say) texts.push(effect.say);
        if (effect?.after) after.push(effect.after);
        if (effect?.lookup) lookup = effect.lookup;
      }
      if (!lookup) break;
      if (round >= MAX_LOOKUPS) {
        this.deps.logger.error({ openid: turn.openid, flow: result.session.flowId }, 'too many lookups in one message');
        break;
      }
      result = resume(result.session, { type: 'lookup_result', ...lookup }, this.engine(communities));
    }
    turn.session.save(result.session, turn.now);
    const warning = this.deps.warn?.(before, result.session);
    return { texts: [...(warning ? [warning] : []), ...texts, ...after], declined: false };
  }

  private handle(event: Event, session: Session, turn: Turn): Promise<Effect> {
    // the registry is typed per event type; this event is of the type it was looked up by
    const handler = this.deps.handlers[event.type] as unknown as EventHandler;
    return handler(event, { turn, session, deps: this.deps.handlerDeps });
  }
}
