import { defaultLimits, type EngineContext } from './context.js';
import type { EndReason, Event } from './events/index.js';
import type { Flow, FlowNode } from './flow-schema.js';
import type { Input } from './input.js';
import type { Json } from './json.js';
import { nextOf, slotOf, type Outcome, type Scope } from './node-kind.js';
import { kindOf } from './nodes/registry.js';
import type { Session } from './session.js';
import { fill, getPath, render } from './template.js';

/** What start() and resume() return: the new session and what happened, in order. */
export interface SprintResult {
  session: Session;
  events: Event[];
}

const iso = (d: Date) => d.toISOString();
const RAW_CHARS = 40;

/** Did the resident answer anything (prefilled slots do not count)? */
export const hasAnswers = (s: Session): boolean => Object.keys(s.slots).some((k) => !s.prefilled.includes(k));

/**
 * One sprint: everything the engine does between two waits (goflow's sprint). It works on its own
 * copy of the session, collects events and reply parts, and ends with exactly one `wait` or
 * `flow_ended`. Reply parts are joined into one `reply`, so the runtime can answer with the single
 * passive reply.
 */
export class Sprint {
  private readonly events: Event[] = [];
  private readonly replies: string[] = [];
  private terminal: Event | undefined;
  private steps = 0;
  /** add 回复 取消 可随时退出 to this sprint's reply (the flow's first question) */
  tip = false;
  /** an invalid answer ends the flow `declined` instead of re-prompting (the message that started it was not for it) */
  declineInvalid = false;

  constructor(
    readonly flow: Flow,
    readonly session: Session,
    readonly ctx: EngineContext,
    readonly now: Date,
  ) {
    session.lastSprintId = ctx.newId();
  }

  get t() {
    return this.flow.locale;
  }

  emit(...events: Event[]): void {
    this.events.push(...events);
  }

  say(text: string | undefined): void {
    if (text && text.trim()) this.replies.push(text.trim());
  }

  /** forgets what this sprint was going to say (a question someone else already asked) */
  unsay(): void {
    this.replies.length = 0;
  }

  /** a locale text with the flow's name and first keyword filled in */
  text(key: keyof Flow['locale']['texts'], values: Record<string, string | number> = {}): string {
    return fill(this.t.texts[key], { flow: this.flow.name, keyword: this.flow.triggers.keywords[0] ?? '', ...values });
  }

  /** the display value of a slot path: the setting node's format ({{photos}} → 2 张), else plain */
  show(path: string, missing: string): string {
    const [head = '', ...rest] = path.split('.');
    const value = getPath(this.session.slots[head], rest);
    if (value === undefined) return missing;
    if (value === null) return this.t.texts.notProvided;
    if (rest.length === 0) {
      for (const [id, node] of Object.entries(this.flow.nodes)) {
        const kind = kindOf(node);
        if (kind.setsSlot && kind.format && slotOf(node, id) === head) return kind.format(node, value, this.scope(id));
      }
    }
    const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
    // raw values (a lookup's text) are shortened so a message stays within one reply
    return [...text].length > RAW_CHARS ? `${[...text].slice(0, RAW_CHARS).join('')}…` : text;
  }

  scope(nodeId: string): Scope {
    const node = this.flow.nodes[nodeId];
    return {
      flow: this.flow,
      session: this.session,
      ctx: this.ctx,
      t: this.t,
      nodeId,
      slot: node ? slotOf(node, nodeId) : nodeId,
      render: (template, missing = this.t.texts.notProvided) => render(template, (p) => this.show(p, missing)),
    };
  }

  /** sets a slot; `result` is emitted only when the value changed (好了 after the photos repeats nothing) */
  setSlot(name: string, value: Json): void {
    const changed = JSON.stringify(this.session.slots[name]) !== JSON.stringify(value);
    this.session.slots[name] = value;
    if (changed) this.emit({ type: 'result', name, value: structuredClone(value) });
  }

  /**
   * Enters nodes until one waits or the flow ends. Asking nodes whose slot is already set (a
   * prefilled answer) are skipped unless `force` (a jump back from confirm, a continued draft).
   */
  enter(first: string | undefined, how: { force?: boolean; edit?: boolean } = {}): void {
    let id = first;
    let { force = false, edit = false } = how;
    const max = this.ctx.limits?.maxStepsPerSprint ?? defaultLimits.maxStepsPerSprint;
    for (;;) {
      if (id === undefined) return this.end('completed');
      if (++this.steps > max) return this.fail(`more than ${max} steps in one sprint (at '${id}'): is there a loop in flow '${this.flow.id}'?`);
      const node = this.flow.nodes[id];
      if (!node) return this.fail(`node '${id}' does not exist in flow '${this.flow.id}'`);
      const kind = kindOf(node);
      const s = this.scope(id);
      this.session.nodeId = id;
      this.session.attempts = 0;
      if (kind.asks) {
        const preset = force ? undefined : kind.preset?.(node, s);
        if (preset === null) delete this.session.slots[s.slot];
        else if (preset !== undefined) this.setSlot(s.slot, preset);
        const value = this.session.slots[s.slot];
        const why = kind.unavailable?.(node, s);
        if (why) this.emit({ type: 'error', message: `${this.flow.id}/${id}: ${why}` });
        if (why || (!force && value !== undefined)) {
          id = value !== undefined && kind.skipTo ? kind.skipTo(node, value) : nextOf(node);
          force = edit = false;
          continue;
        }
        if (edit) kind.onEdit?.(node, s);
        this.say(kind.prompt?.(node, s));
        return this.waitHere();
      }
      const entry = kind.run!(node, s);
      if (entry.type === 'goto') {
        this.emit(...(entry.events ?? []));
        for (const [name, value] of Object.entries(entry.set ?? {})) this.setSlot(name, value);
        id = entry.next;
        force = edit = false;
        continue;
      }
      if (entry.type === 'wait') {
        this.emit(...entry.events);
        return this.waitHere();
      }
      if (entry.type === 'fail') return this.fail(entry.message);
      this.emit(...entry.events);
      this.say(entry.reply);
      return this.end(entry.reason);
    }
  }

  /** Gives the input to the waiting node and acts on its outcome. */
  answer(input: Input): void {
    const id = this.session.nodeId;
    const node = this.flow.nodes[id];
    if (!node) {
      // the flow changed under a waiting session: start over, skipping what is answered
      this.emit({ type: 'error', message: `node '${id}' no longer exists in flow '${this.flow.id}': restarting at '${this.flow.start}'` });
      return this.enter(this.flow.start);
    }
    const kind = kindOf(node);
    if (input.type === 'lookup_result' && node.type !== 'lookup') {
      this.emit({ type: 'error', message: `lookup_result '${input.name}' arrived while waiting at '${id}'` });
      return this.waitHere();
    }
    if (!kind.accept) return this.fail(`node '${id}' (${node.type}) cannot take an answer`);
    this.apply(node, kind.accept(node, input, this.scope(id)));
  }

  private apply(node: FlowNode, outcome: Outcome): void {
    const id = this.session.nodeId;
    const kind = kindOf(node);
    switch (outcome.type) {
      case 'answer': {
        if (kind.setsSlot && outcome.value !== undefined) this.setSlot(slotOf(node, id), outcome.value);
        this.say(outcome.reply);
        const back = this.session.returnTo;
        if (back) {
          delete this.session.returnTo;
          // a node whose answer later nodes depend on (a location: its community, nearby reports) goes on through them
          if ('afterEdit' in node && node.afterEdit === 'next') return this.enter(outcome.next ?? nextOf(node));
          return this.enter(back, { force: true });
        }
        return this.enter(outcome.next ?? nextOf(node));
      }
      case 'stay':
        this.setSlot(slotOf(node, id), outcome.value);
        this.say(outcome.reply);
        return this.waitHere();
      case 'edit':
        this.session.returnTo = id;
        return this.enter(outcome.nodeId, { force: true, edit: true });
      case 'pending':
        this.emit(...outcome.events);
        return this.waitHere();
      case 'invalid': {
        if (this.declineInvalid) return this.end('declined');
        const attempts = ++this.session.attempts;
        const max = 'maxAttempts' in node ? node.maxAttempts : 3;
        if (attempts < max) {
          this.say(outcome.hint);
        } else {
          this.emit({ type: 'handoff_offered', flowId: this.flow.id, nodeId: id, attempts });
          this.say(`${outcome.hint}\n\n${this.text('handoffOffer')}`);
          this.session.attempts = 0;
        }
        return this.waitHere();
      }
    }
  }

  waitHere(): void {
    this.session.status = 'waiting';
    this.session.expiresAt = iso(new Date(this.now.getTime() + this.flow.expireAfterMinutes * 60_000));
    this.terminal = { type: 'wait', nodeId: this.session.nodeId, expiresAt: this.session.expiresAt };
  }

  end(reason: EndReason): void {
    this.session.status = reason;
    delete this.session.pendingCancel;
    delete this.session.pendingDraft;
    delete this.session.returnTo;
    this.terminal = { type: 'flow_ended', reason };
  }

  fail(message: string): void {
    this.emit({ type: 'error', message });
    this.say(this.text('failed'));
    this.end('failed');
  }

  finish(): SprintResult {
    if (!this.terminal) this.waitHere();
    this.session.updatedAt = iso(this.now);
    const parts = [...this.replies];
    if (this.tip && this.session.status === 'waiting' && parts.length > 0) parts.push(this.text('cancelTip'));
    const events = [...this.events];
    if (parts.length > 0) events.push({ type: 'reply', text: parts.join('\n\n') });
    events.push(this.terminal!);
    return { session: this.session, events };
  }
}
