import { askUntil } from '../civic/kinds/asks.js';
import { addFollowUp } from '../state/follow-ups.js';
import { heldPushesWrite } from '../state/held-pushes.js';
import type { DeliveryDeps, DeliveryOutcome } from './delivery-context.js';
import type { OutboxRow } from './outbox-rows.js';
import { asksOf, pushPayloadSchema } from './push-content.js';

/**
 * What the bot needs to know after a delivery, in the shared state store: a push that asks the
 * resident something (问题解决了吗, 评议) and reached them opens a follow-up, so their next message
 * may answer it (state/follow-ups.ts); a push left for later raises the held flag, so their next
 * message shows it (state/held-pushes.ts). The delivery stands whatever happens here: a failure is
 * logged, and costs at most an answer read as an ordinary message or news told a little later.
 */
export async function noteForResident(d: DeliveryDeps, row: OutboxRow, outcome: DeliveryOutcome): Promise<void> {
  try {
    if (outcome === 'held' || outcome === 'deferred' || outcome === 'retry') {
      await d.store.apply([heldPushesWrite(row.openid, `${row.id}@${d.now()}`)]);
      return;
    }
    if (outcome !== 'sent') return;
    const p = pushPayloadSchema.safeParse(row.payload);
    const ask = p.success ? asksOf(p.data) : undefined;
    if (!p.success || !ask) return;
    const now = new Date(d.now());
    const until = askUntil(ask, new Date(p.data.at));
    if (until > now) await addFollowUp(d.store, row.openid, { ask, caseId: p.data.caseId, until: until.toISOString() }, now);
  } catch (err) {
    d.logger.warn({ outboxId: row.id, err: err instanceof Error ? err.message : String(err) }, 'push delivered, but the bot was not told');
  }
}
