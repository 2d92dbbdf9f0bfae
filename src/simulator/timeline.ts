import { EventEmitter } from 'node:events';
import type { PassiveReply } from './passive-reply.js';
import type { SimRecord, SimRecorder } from './recorder.js';
import type { SimMessage } from './sim-message.js';

/**
 * One conversation view per resident, in the order things happened: what the resident sent, the
 * passive reply to it, and every record the fake API received for the resident (customer-service
 * messages, template pushes, typing). Records without a resident (menu changes) concern everyone.
 * The chat page and the terminal client read it through /sim/stream.
 */
export type TimelineEntry = { seq: number; at: number } & (
  | { kind: 'sent'; openid: string; id: string; message: SimMessage }
  | { kind: 'reply'; openid: string; id: string; reply: PassiveReply; deliveries: number; problems: string[] }
  | { kind: 'api'; openid?: string; api: string; body: unknown; response: SimRecord['response'] }
);

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type NewTimelineEntry = DistributiveOmit<TimelineEntry, 'seq' | 'at'>;

export interface ResidentSummary {
  openid: string;
  /** undefined until the resident follows or unfollows in the simulator */
  following?: boolean;
  firstAt: number;
  lastAt: number;
  sent: number;
}

export class SimTimeline {
  private readonly entries: TimelineEntry[] = [];
  private readonly bus = new EventEmitter();
  private readonly people = new Map<string, ResidentSummary>();
  private seq = 0;

  constructor(
    private readonly max = 5000,
    private readonly now: () => number = Date.now,
  ) {
    this.bus.setMaxListeners(0);
  }

  add(entry: NewTimelineEntry): TimelineEntry {
    const full = { ...entry, seq: ++this.seq, at: this.now() } as TimelineEntry;
    this.entries.push(full);
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max);
    if (full.kind === 'sent') this.touch(full.openid, full.message, full.at);
    this.bus.emit('entry', full);
    return full;
  }

  /**
   * Mirrors the fake API's records into the timeline: every record addressed to a resident, and
   * the account-wide menu changes (token calls and media uploads concern no resident's screen).
   * Returns the detach function.
   */
  follow(recorder: SimRecorder): () => void {
    return recorder.onRecord((r) => {
      if (!r.openid && !r.api.startsWith('menu/')) return;
      this.add({ kind: 'api', api: r.api, body: r.body, response: r.response, ...(r.openid ? { openid: r.openid } : {}) });
    });
  }

  /** A resident's entries (and the account-wide ones) after `sinceSeq`. */
  list(openid: string, sinceSeq = 0): TimelineEntry[] {
    return this.entries.filter((e) => e.seq > sinceSeq && concerns(e, openid));
  }

  onEntry(openid: string, cb: (e: TimelineEntry) => void): () => void {
    const listener = (e: TimelineEntry) => {
      if (concerns(e, openid)) cb(e);
    };
    this.bus.on('entry', listener);
    return () => this.bus.off('entry', listener);
  }

  /** Residents who have sent something, most recent first. */
  residents(): ResidentSummary[] {
    return [...this.people.values()].sort((a, b) => b.lastAt - a.lastAt);
  }

  private touch(openid: string, msg: SimMessage, at: number): void {
    const p = this.people.get(openid) ?? { openid, firstAt: at, lastAt: at, sent: 0 };
    p.lastAt = at;
    p.sent += 1;
    if (msg.kind === 'event' && msg.event === 'subscribe') p.following = true;
    if (msg.kind === 'event' && msg.event === 'unsubscribe') p.following = false;
    this.people.set(openid, p);
  }
}

const concerns = (e: TimelineEntry, openid: string) => e.openid === undefined || e.openid === openid;
