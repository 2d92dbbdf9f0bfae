import { silentLogger } from '../log.js';
import { deliverRow } from './deliver.js';
import { ClaimedRow, type DeliveryDeps, type DeliveryOutcome } from './delivery-context.js';
import { claimDue, type OutboxRow } from './outbox-rows.js';

export interface OutboxWorkerOptions {
  /** rows claimed at a time (default 20) */
  batchSize?: number;
  /** residents served at once within a batch; one resident's pushes go in order (default 4) */
  concurrency?: number;
  /** how long a claim lasts; then another worker may take the row (default: the policy's, 2 min — well inside WeChat's 10 min client_msg_id window) */
  leaseMs?: number;
  /** batches per drainOnce at most (default 1000) */
  maxBatches?: number;
}

export type OutcomeCounts = Record<DeliveryOutcome | 'error' | 'released', number>;

/**
 * Drains the outbox: claims due rows (several workers may run at once, see claimDue), delivers
 * each (deliverRow) and records the outcome. An unexpected error (say the database went away)
 * leaves the row claimed; it is due again when the lease expires.
 */
export class OutboxWorker {
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly maxBatches: number;
  private stopping = false;
  /** totals since start, for logs and tests */
  readonly counts: OutcomeCounts = { sent: 0, held: 0, dead: 0, retry: 0, deferred: 0, lost: 0, error: 0, released: 0 };

  constructor(
    private readonly deps: DeliveryDeps,
    opts: OutboxWorkerOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 20;
    this.concurrency = Math.max(1, opts.concurrency ?? 4);
    this.leaseMs = opts.leaseMs ?? deps.policy.leaseMs;
    this.maxBatches = opts.maxBatches ?? 1000;
  }

  /** no new batch is claimed after this; rows being sent are finished, rows not started are given back */
  stop(): void {
    this.stopping = true;
  }

  /** claims one batch (the rows are 'sending' afterwards); exposed for tests of crashes */
  claim(): Promise<OutboxRow[]> {
    return claimDue(this.deps.db, { now: new Date(this.deps.now()), limit: this.batchSize, leaseMs: this.leaseMs });
  }

  /** delivers claimed rows: residents in parallel up to `concurrency`, each resident's rows in order */
  async deliver(rows: OutboxRow[]): Promise<void> {
    const byResident = new Map<string, OutboxRow[]>();
    for (const r of rows) byResident.set(r.openid, [...(byResident.get(r.openid) ?? []), r]);
    const queues = [...byResident.values()];
    const run = async () => {
      for (let q = queues.shift(); q; q = queues.shift()) for (const row of q) await this.deliverOne(row);
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queues.length) }, run));
  }

  private async deliverOne(row: OutboxRow): Promise<void> {
    const log = this.deps.logger ?? silentLogger;
    try {
      if (this.stopping) {
        if (await new ClaimedRow(this.deps.db, row).release()) this.counts.released += 1;
        return;
      }
      const outcome = await deliverRow(this.deps, row);
      this.counts[outcome] += 1;
      log.debug({ outboxId: row.id, kind: row.kind, outcome }, 'push handled');
      if (outcome === 'lost') log.warn({ outboxId: row.id }, 'push lease lost: another worker owns it now');
    } catch (err) {
      this.counts.error += 1;
      log.error({ err, outboxId: row.id }, 'push failed unexpectedly; it is retried when its lease expires');
    }
  }

  /** claims and delivers until nothing is due (or stop()); returns the rows handled */
  async drainOnce(): Promise<number> {
    let handled = 0;
    for (let i = 0; i < this.maxBatches && !this.stopping; i++) {
      const rows = await this.claim();
      if (rows.length === 0) break;
      await this.deliver(rows);
      handled += rows.length;
    }
    return handled;
  }
}
