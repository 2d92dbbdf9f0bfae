import type { Db } from '../db/client.js';
import type { Logger } from '../log.js';
import type { StateStore } from '../state/store.js';
import type { WechatApi } from '../wechat/api/index.js';
import { deliveryOf, withDelivery, type DeliveryState } from './delivery-state.js';
import { updateClaimed, type OutboxRow, type RowPatch } from './outbox-rows.js';
import type { PushTemplates, PushTexts } from './push-config.js';
import type { SendRateLimiter } from './rate-limit.js';
import type { BackoffOptions, QuietHours } from './schedule.js';

export interface DeliveryPolicy {
  /** transient failures before a push is dead-lettered */
  maxFailures: number;
  /** claims of one row before it is dead-lettered (a row that crashes its worker every time) */
  maxClaims: number;
  backoff: BackoffOptions;
  quietHours: QuietHours | null;
  /** a claim's lease; renewed when a send starts */
  leaseMs: number;
}

/** everything one delivery needs */
export interface DeliveryDeps {
  db: Db;
  api: WechatApi;
  store: StateStore;
  logger: Logger;
  publicUrl: string;
  templates: PushTemplates;
  texts: PushTexts;
  now: () => number;
  limiter: SendRateLimiter;
  policy: DeliveryPolicy;
}

/** what became of a claimed row; 'lost' = the lease ran out and another worker owns the row now */
export type DeliveryOutcome = 'sent' | 'held' | 'dead' | 'retry' | 'deferred' | 'lost';

/**
 * One claimed row and its fenced writes. Every write names the claim (attempts) so a worker
 * that stalled past its lease changes nothing; it gets 'lost' and stops.
 */
export class ClaimedRow {
  state: DeliveryState;

  constructor(
    private readonly db: Db,
    readonly row: OutboxRow,
    private readonly lease?: { now: () => number; ms: number },
  ) {
    this.state = deliveryOf(row.payload);
  }

  private payload() {
    return withDelivery(this.row.payload, this.state);
  }

  /**
   * Saves the delivery state now, before a send whose outcome may stay unknown, and renews the
   * lease: a row that waited in a slow batch gets its full lease for the send. false = lost.
   */
  async save(): Promise<boolean> {
    const renew = this.lease ? { lockedUntil: new Date(this.lease.now() + this.lease.ms) } : {};
    return updateClaimed(this.db, this.row, { payload: this.payload(), ...renew });
  }

  /** gives the row back untouched (shutdown): due again at once for any worker */
  async release(): Promise<boolean> {
    return updateClaimed(this.db, this.row, { status: 'pending', lockedUntil: null });
  }

  private async write(patch: RowPatch, outcome: DeliveryOutcome): Promise<DeliveryOutcome> {
    const ok = await updateClaimed(this.db, this.row, { lockedUntil: null, payload: this.payload(), ...patch });
    return ok ? outcome : 'lost';
  }

  sent(channel: 'template' | 'custom', at: Date, note: string | null = null) {
    return this.write({ status: 'sent', channel, sentAt: at, lastError: note }, 'sent');
  }

  held(reason: string) {
    return this.write({ status: 'held', lastError: reason }, 'held');
  }

  dead(reason: string) {
    return this.write({ status: 'dead', lastError: reason }, 'dead');
  }

  /** back to pending until `at`: 'retry' after a failure, 'deferred' when nothing was tried */
  later(at: Date, reason: string, outcome: 'retry' | 'deferred') {
    return this.write({ status: 'pending', nextAttemptAt: at, lastError: reason }, outcome);
  }
}
