import type { EngineContext } from './context.js';
import type { Event, EndReason } from './events/index.js';
import type { Flow, FlowNode } from './flow-schema.js';
import type { Input } from './input.js';
import type { Json } from './json.js';
import type { Locale } from './locale.js';
import type { Session } from './session.js';

/** What a node kind sees while the engine visits it. */
export interface Scope {
  readonly flow: Flow;
  readonly session: Session;
  readonly ctx: EngineContext;
  readonly t: Locale;
  readonly nodeId: string;
  /** the slot this node sets: its `result`, or its id */
  readonly slot: string;
  /** renders `{{slot}}` placeholders with the slots' display values (unset → `missing`, 未填写 by default) */
  render(template: string, missing?: string): string;
}

/** What entering an action node does (asking nodes just prompt and wait). */
export type Entry =
  /** go on to `next`, setting `set` first (a router's pattern groups) */
  | { type: 'goto'; next: string | undefined; events?: Event[]; set?: Record<string, Json> }
  /** wait for the runtime (lookup): no reply */
  | { type: 'wait'; events: Event[] }
  | { type: 'end'; reason: EndReason; events: Event[]; reply?: string }
  | { type: 'fail'; message: string };

/** What a waiting node makes of an input. */
export type Outcome =
  /** the answer: set the slot (unless value is undefined), say `reply`, go to `next` (or the node's next) */
  | { type: 'answer'; value?: Json; next?: string | undefined; reply?: string }
  /** part of an answer (one photo of several): set the slot, say `reply`, keep waiting here */
  | { type: 'stay'; value: Json; reply: string }
  | { type: 'invalid'; hint: string }
  /** go back to another node (改位置) and return here after it is answered */
  | { type: 'edit'; nodeId: string }
  /** nothing to say; emit these and keep waiting (a lookup still outstanding) */
  | { type: 'pending'; events: Event[] };

/**
 * One node kind (goflow: one file per type under nodes/). Asking kinds have `prompt` and `accept`;
 * action kinds have `run` (and `accept` when they wait for the runtime, like lookup).
 */
export interface NodeKind<N extends FlowNode = FlowNode> {
  readonly type: N['type'];
  /** waits for the resident; its question is skipped when its slot was prefilled */
  readonly asks: boolean;
  readonly setsSlot: boolean;
  prompt?(node: N, s: Scope): string;
  run?(node: N, s: Scope): Entry;
  accept?(node: N, input: Input, s: Scope): Outcome;
  /** how a slot value reads in a summary ({{photos}} → 2 张) */
  format?(node: N, value: Json, s: Scope): string;
  /** can a trigger prefill this value? (a choice only takes one of its option values) */
  acceptsPrefill?(node: N, value: Json, s: Scope): boolean;
  /**
   * the answer found elsewhere (a lookup's), taken on the way forward without asking: a value sets
   * the slot, null clears it (the question is asked), undefined leaves the slot as it is
   */
  preset?(node: N, s: Scope): Json | undefined;
  /** what the resident is told when a prefilled answer of theirs is refused (a first message too long to keep) */
  prefillRefusal?(node: N, value: Json, s: Scope): string | undefined;
  /** where the flow goes when a prefilled answer skips the question */
  skipTo?(node: N, value: Json): string | undefined;
  /** why the question cannot be asked now (no communities given): the node is skipped with an error event */
  unavailable?(node: N, s: Scope): string | undefined;
  /** called when the resident jumps back here from a confirm node (改照片 starts the photos afresh) */
  onEdit?(node: N, s: Scope): void;
  /** slots this node may set besides its own (a router's pattern groups), for the placeholder checks */
  slotsSet?(node: N): string[];
  /** node ids this node can go to (graph checks) */
  exits(node: N): string[];
  /** templates in this node's texts (placeholder checks) */
  templates(node: N): string[];
}

/** The node's own `next`, for kinds that have one. */
export const nextOf = (node: FlowNode): string | undefined => ('next' in node ? node.next : undefined);

/** The slot a node sets: its `result`, or its id. */
export const slotOf = (node: FlowNode, id: string): string => ('result' in node && node.result ? node.result : id);
