import type { OutboxKind } from '../civic/outbox.js';
import { getResident, markUnreachable } from '../civic/residents.js';
import { classifySendError } from './classify.js';
import { ClaimedRow, type DeliveryDeps, type DeliveryOutcome } from './delivery-context.js';
import { clientMsgIdFor, resendDeadline } from './delivery-state.js';
import type { OutboxRow } from './outbox-rows.js';
import { queueFullNote } from './full-note.js';
import { casePageUrl, customText, FULL_NOTE_KIND, owesFullNote, pushPayloadSchema, pushValues, templateData, type PushPayload } from './push-content.js';
import { noteForResident } from './resident-notes.js';
import { inQuietHours, nextChinaMidnight, quietHoursEnd, retryDelay } from './schedule.js';

/** set when WeChat answers 45009: no template is tried again until the next 00:00 China time */
export const TEMPLATE_QUOTA_KEY = 'push:template-quota-until';

type Step = DeliveryOutcome | { fallback: string; quotaUntil?: number };

/**
 * Delivers one claimed push, at most once and, failures aside, at least once:
 *
 * 1. A send of an earlier claim whose outcome is unknown is settled first. A customer-service
 *    send is never repeated (it has no idempotency key: a repeat would be a duplicate and would
 *    spend one of the resident's 5 messages). A template send is repeated only while WeChat
 *    still de-duplicates its client_msg_id (10 min from the first send); after that it is
 *    marked sent with a note: a missed push is the lesser harm than a duplicate, and the case
 *    page and 查询 always show the news.
 * 2. Unreachable or unfollowed residents: dead, no call. Quiet hours: back to pending until the
 *    end (a template resend in doubt still goes, or the de-dup window would pass).
 * 3. The template message (client_msg_id from the row's idempotency key).
 * 4. When the template cannot be sent (none configured, 40037 …, or today's quota used) and the
 *    resident's customer-service window is open: a customer-service text.
 * 5. Otherwise held: shown at the resident's next message (takeHeldUpdates); with today's
 *    template quota used, pending until 00:00 instead.
 * Then the bot is told (noteForResident): a delivered push that asks the resident something opens a
 * follow-up; a push left for later raises the flag that makes their next message look for it.
 */
export async function deliverRow(d: DeliveryDeps, row: OutboxRow): Promise<DeliveryOutcome> {
  const outcome = await deliverOnce(d, row);
  await noteForResident(d, row, outcome);
  return outcome;
}

async function deliverOnce(d: DeliveryDeps, row: OutboxRow): Promise<DeliveryOutcome> {
  const c = new ClaimedRow(d.db, row, { now: d.now, ms: d.policy.leaseMs });
  const now = d.now();
  const deadline = resendDeadline(c.state);
  if (c.state.customInFlightSince) return c.sent('custom', new Date(now), 'maybe_sent: an interrupted customer-service send is never repeated');
  if (deadline !== null && now > deadline)
    return c.sent('template', new Date(now), 'maybe_sent: template outcome unknown and the client_msg_id window has passed; not repeated');

  const parsed = pushPayloadSchema.safeParse(row.payload);
  if (!parsed.success) return c.dead(`bad_payload: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const resident = await getResident(d.db, row.openid);
  if (!resident) return c.dead('unreachable: unknown resident');
  if (resident.unreachableAt) return c.dead(`unreachable: ${resident.unreachableReason ?? 'marked unreachable'}`);
  if (!resident.following) return c.dead('unreachable: not following');
  if (deadline === null && inQuietHours(d.policy.quietHours, now)) {
    return c.later(new Date(quietHoursEnd(d.policy.quietHours, now)), 'quiet_hours', 'deferred');
  }
  if (row.attempts > d.policy.maxClaims) return c.dead(`too_many_attempts: claimed ${row.attempts} times`);

  const step = await tryTemplate(d, c, parsed.data);
  if (typeof step === 'string') return step;
  const custom = await tryCustom(d, c, parsed.data);
  if (custom) return custom;
  if (step.quotaUntil !== undefined) {
    const at = step.quotaUntil + Math.floor(d.policy.backoff.random() * 10 * 60_000);
    return c.later(new Date(at), step.fallback, 'deferred');
  }
  return c.held(step.fallback);
}

async function unreachable(d: DeliveryDeps, c: ClaimedRow, reason: string): Promise<DeliveryOutcome> {
  await markUnreachable(d.db, c.row.openid, reason, new Date(d.now()));
  d.logger.info({ outboxId: c.row.id, reason }, 'resident unreachable; push dead-lettered');
  return c.dead(`unreachable: ${reason}`);
}

async function tryTemplate(d: DeliveryDeps, c: ClaimedRow, p: PushPayload): Promise<Step> {
  const tpl = d.templates[c.row.kind as OutboxKind];
  const hadDoubt = c.state.templateInFlightSince !== undefined;
  if (!tpl?.templateId) return { fallback: `no_template: ${c.row.kind}` };
  const quotaUntil = Number((await d.store.get(TEMPLATE_QUOTA_KEY)) ?? 0);
  if (!hadDoubt && quotaUntil > d.now()) return { fallback: '45009 template quota used today', quotaUntil };

  // the token first: a worker that dies while waiting for it leaves no send in doubt
  await d.limiter.acquire();
  c.state.templateInFlightSince ??= new Date(d.now()).toISOString();
  if (!(await c.save())) return 'lost';
  const values = pushValues(p, d.texts, d.publicUrl);
  try {
    const { msgId } = await d.api.template.send({
      touser: c.row.openid,
      templateId: tpl.templateId,
      url: casePageUrl(d.publicUrl, p.caseNumber),
      clientMsgId: clientMsgIdFor(c.row.idempotencyKey),
      data: templateData(tpl, values),
    });
    delete c.state.templateInFlightSince;
    c.state.msgId = msgId;
    const sent = await c.sent('template', new Date(d.now()));
    // the template said the note follows: queue it whole (a lost claim leaves it to the claim that holds the row)
    if (sent === 'sent' && owesFullNote(p) && c.row.kind !== FULL_NOTE_KIND) await queueFullNote(d.db, c.row, new Date(d.now()));
    return sent;
  } catch (e) {
    const v = classifySendError(e);
    if (v.kind === 'unreachable') return unreachable(d, c, v.reason);
    if (v.kind === 'transient') return retryLater(d, c, v.reason, v.maybeDelivered || hadDoubt);
    // an earlier send of this push may have gone out: no second channel for it
    if (hadDoubt) return c.sent('template', new Date(d.now()), `maybe_sent: ${v.reason} after a send in doubt`);
    delete c.state.templateInFlightSince;
    if (v.kind === 'daily_quota') {
      const until = nextChinaMidnight(d.now());
      await d.store.set(TEMPLATE_QUOTA_KEY, String(until), Math.max(1000, until - d.now()));
      d.logger.warn({ until: new Date(until).toISOString() }, 'template quota for today used (45009)');
      return { fallback: v.reason, quotaUntil: until };
    }
    d.logger.warn({ outboxId: c.row.id, kind: c.row.kind, reason: v.reason }, 'template refused; falling back');
    return { fallback: `template_refused: ${v.reason}` };
  }
}

/** a transient failure: pending again after a backoff that, while a send is in doubt, ends inside WeChat's de-dup window */
async function retryLater(d: DeliveryDeps, c: ClaimedRow, reason: string, inDoubt: boolean): Promise<DeliveryOutcome> {
  const now = d.now();
  if (!inDoubt) delete c.state.templateInFlightSince;
  c.state.failures += 1;
  if (c.state.failures >= d.policy.maxFailures) {
    return c.dead(`retries_exhausted after ${c.state.failures} failures${inDoubt ? ' (the last send may have been delivered)' : ''}: ${reason}`);
  }
  let at = now + retryDelay(c.state.failures, d.policy.backoff);
  const deadline = resendDeadline(c.state);
  if (deadline !== null) {
    if (deadline <= now) return c.sent('template', new Date(now), `maybe_sent: ${reason}; the client_msg_id window has passed`);
    at = Math.min(at, deadline);
  }
  return c.later(new Date(at), reason, 'retry');
}

async function tryCustom(d: DeliveryDeps, c: ClaimedRow, p: PushPayload): Promise<DeliveryOutcome | null> {
  const quota = await d.api.quota.status(c.row.openid);
  if (!quota.open || quota.remaining <= 0) return null;
  await d.limiter.acquire();
  c.state.customInFlightSince = new Date(d.now()).toISOString();
  if (!(await c.save())) return 'lost';
  const content = customText(c.row.kind, p, d.texts, pushValues(p, d.texts, d.publicUrl));
  try {
    await d.api.custom.send(c.row.openid, { type: 'text', content });
    delete c.state.customInFlightSince;
    return c.sent('custom', new Date(d.now()));
  } catch (e) {
    const v = classifySendError(e);
    if (v.kind === 'maybe_sent' || (v.kind === 'transient' && v.maybeDelivered)) {
      // not repeated: see deliverRow (1.)
      return c.sent('custom', new Date(d.now()), v.kind === 'maybe_sent' ? v.reason : `maybe_sent: ${v.reason}`);
    }
    delete c.state.customInFlightSince;
    if (v.kind === 'unreachable') return unreachable(d, c, v.reason);
    d.logger.info({ outboxId: c.row.id, reason: v.reason }, 'customer-service fallback not possible');
    return null;
  }
}
