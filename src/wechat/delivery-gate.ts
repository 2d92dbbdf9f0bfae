import { z } from 'zod';
import type { StateStore, StoreWrite } from '../state/store.js';
import { keys } from '../state/keys.js';
import type { OutboundMessage } from './outbound.js';
import { safeJson } from '../safe-json.js';

/**
 * WeChat delivers a message up to three times (about 15 s) when an answer is slow, possibly to
 * different instances at once. The gate makes the effects run once and gives every delivery the
 * same answer:
 * - the first delivery claims the message (SET NX, or in the compute's own first step: GateClaim)
 *   and computes the answer within a budget;
 * - repeats wait for the claimed answer (polling the shared store) and return the same one;
 * - an answer not ready within the budget is "late": the delivery gets `success` and the answer is
 *   handed to `late` (the customer-service API) when it is ready;
 * - a computation that fails releases the claim, so WeChat's next delivery can try again.
 * The record is kept `ttlMs` (≥ 60 s, beyond WeChat's retry window).
 *
 * `compute` may hand its answer and its own state writes (the resident's session, its lock release)
 * to `commit`: the writes and the answer's record then go to the store in one round trip, in that
 * order. Once committing, the budget no longer makes the answer late. After the budget has passed,
 * commit applies only the writes (the record stays "late"). A compute that never calls commit is
 * recorded when it returns, as before.
 *
 * The record lives in the sender's hash slot (keys.inbound), so the bot's turn takes it with the
 * resident's lock (claimedBy 'compute') and writes the answer with the resident's own writes: a
 * message is two round trips to the store.
 */
export type GateResult =
  | { kind: 'answered'; messages: OutboundMessage[]; duplicate: boolean }
  /** nothing to answer passively: late, still pending elsewhere, or answered through the API */
  | { kind: 'deferred'; duplicate: boolean };

const outbound = z.array(z.record(z.string(), z.unknown())).transform((m) => m as OutboundMessage[]);
const record = z.discriminatedUnion('s', [
  z.object({ s: z.literal('p') }),
  z.object({ s: z.literal('d'), m: outbound }),
  z.object({ s: z.literal('l') }),
]);

const PENDING = JSON.stringify({ s: 'p' });
const LATE = JSON.stringify({ s: 'l' });

/** the answer and the state writes that go with it, applied together (see DeliveryGate) */
export type GateCommit = (messages: OutboundMessage[], writes: StoreWrite[]) => Promise<void>;

/**
 * The delivery's dedupe record, for a compute that takes it in its own first step (the resident's
 * lock step, StateStore.lockIncrGet): one round trip fewer. `value` is what to write now; `took` is
 * called once it is written; the compute throws AlreadyClaimed when another delivery has it.
 */
export interface GateClaim {
  readonly key: string;
  readonly value: string;
  readonly ttlMs: number;
  took(): void;
}

/** thrown by a compute that found its delivery's record taken (another delivery of the same message has it) */
export class AlreadyClaimed extends Error {
  constructor() {
    super('another delivery of this message has it');
    this.name = 'AlreadyClaimed';
  }
}

export interface GateOptions {
  ttlMs: number;
  budgetMs: number;
  pollMs?: number;
}

export class DeliveryGate {
  constructor(
    private readonly store: StateStore,
    private readonly opts: GateOptions,
    private readonly onLateError: (err: unknown) => void = () => {},
  ) {}

  /**
   * `message` names the delivery (its dedupe key) and its sender, whose hash slot keeps the record
   * so it can be written with the sender's own state in one step. `late` receives the answer when it
   * misses the budget (the customer-service API). `claimedBy: 'compute'`: the compute takes the
   * record itself (GateClaim) in its first store step instead of the gate taking it first.
   */
  async deliver(
    message: { dedupeKey: string; openid: string },
    compute: (commit: GateCommit, claim?: GateClaim) => Promise<OutboundMessage[]>,
    late: (messages: OutboundMessage[]) => Promise<void> | void,
    { claimedBy = 'gate' }: { claimedBy?: 'gate' | 'compute' } = {},
  ): Promise<GateResult> {
    const key = keys.inbound(message.openid, message.dedupeKey);
    const deadline = Date.now() + this.opts.budgetMs;
    let duplicate = false;
    for (;;) {
      if (claimedBy === 'compute') {
        const r = await this.compute(key, compute, late, Math.max(1, deadline - Date.now()), duplicate, false);
        if (r !== 'claimed') return r;
      } else if (await this.store.setIfAbsent(key, PENDING, this.opts.ttlMs)) {
        return (await this.compute(key, compute, late, Math.max(1, deadline - Date.now()), duplicate, true)) as GateResult;
      }
      duplicate = true;
      const waited = await this.await(key, deadline);
      // the first attempt failed and released its claim: this delivery takes over
      if (waited !== 'released') return waited;
    }
  }

  private async compute(
    key: string,
    compute: (commit: GateCommit, claim?: GateClaim) => Promise<OutboundMessage[]>,
    late: (messages: OutboundMessage[]) => Promise<void> | void,
    budgetMs: number,
    duplicate: boolean,
    claimed: boolean,
  ): Promise<GateResult | 'claimed'> {
    let timer: NodeJS.Timeout | undefined;
    // running → committing (the answer is on its way to the store) or late (the budget passed first)
    let phase: 'running' | 'committing' | 'late' = 'running';
    let committed: OutboundMessage[] | undefined;
    const ttlMs = this.opts.ttlMs;
    // taken by the compute: as pending, or as late when the budget passed while it waited for the lock
    const claim: GateClaim | undefined = claimed
      ? undefined
      : {
          key,
          ttlMs,
          get value() {
            return phase === 'late' ? LATE : PENDING;
          },
          took: () => {
            claimed = true;
          },
        };
    const commit: GateCommit = async (messages, writes) => {
      if (phase === 'late') {
        await this.store.apply(writes);
        return;
      }
      phase = 'committing';
      await this.store.apply([...writes, { op: 'set', key, value: answered(messages), ttlMs }]);
      committed = messages;
    };
    const work = compute(commit, claim).then(
      (messages) => ({ ok: true as const, messages }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const timeout = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => {
        // an answer already being committed is waited for: it is only a store round trip away
        if (phase !== 'running') return;
        phase = 'late';
        resolve('late');
      }, budgetMs);
    });
    const first = await Promise.race([work, timeout]);
    clearTimeout(timer);
    if (first === 'late') {
      // a record not taken yet is taken as late by the compute (claim.value)
      if (claimed) await this.store.set(key, LATE, ttlMs).catch(() => {});
      void work.then(async (r) => {
        if (!r.ok) return r.error instanceof AlreadyClaimed ? undefined : this.onLateError(r.error);
        try {
          if (r.messages.length) await late(r.messages);
        } catch (err) {
          this.onLateError(err);
        }
      });
      return { kind: 'deferred', duplicate };
    }
    phase = 'committing';
    if (!first.ok) {
      if (first.error instanceof AlreadyClaimed) return 'claimed';
      // only a record this delivery took is released: another delivery's stays
      if (claimed) await this.store.del(key).catch(() => {});
      throw first.error;
    }
    if (committed) return { kind: 'answered', messages: committed, duplicate };
    await this.store.set(key, answered(first.messages), ttlMs);
    return { kind: 'answered', messages: first.messages, duplicate };
  }

  private async await(key: string, deadline: number): Promise<GateResult | 'released'> {
    const poll = this.opts.pollMs ?? 25;
    for (;;) {
      const raw = await this.store.get(key);
      if (raw === null) return 'released';
      const rec = record.safeParse(safeJson(raw));
      if (rec.success && rec.data.s === 'd') return { kind: 'answered', messages: rec.data.m, duplicate: true };
      if (rec.success && rec.data.s === 'l') return { kind: 'deferred', duplicate: true };
      if (Date.now() + poll > deadline) return { kind: 'deferred', duplicate: true };
      await new Promise((r) => setTimeout(r, poll));
    }
  }
}

const answered = (messages: OutboundMessage[]) => JSON.stringify({ s: 'd', m: messages });

