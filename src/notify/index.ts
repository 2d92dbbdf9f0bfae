/** notify/: drains the outbox to WeChat (template → customer-service → held), see deliver.ts. */
export { classifySendError, UNREACHABLE_ERRCODES, type SendVerdict } from './classify.js';
export { deliverRow, TEMPLATE_QUOTA_KEY } from './deliver.js';
export type { DeliveryDeps, DeliveryOutcome, DeliveryPolicy } from './delivery-context.js';
export { clientMsgIdFor, CLIENT_MSG_ID_WINDOW_MS, deliveryOf, WINDOW_SAFETY_MS, type DeliveryState } from './delivery-state.js';
export { checkOutboxDrained } from './drain-check.js';
export { takeHeldUpdates, type HeldUpdate } from './held.js';
export { claimDue, type OutboxRow } from './outbox-rows.js';
export { OutboxWorker, type OutboxWorkerOptions } from './outbox-worker.js';
export { loadPushTemplates, loadPushTexts, parsePushTemplates, parsePushTexts, type PushTemplates, type PushTexts } from './push-config.js';
export { casePageUrl } from './push-content.js';
export { SendRateLimiter } from './rate-limit.js';
export { inQuietHours, nextChinaMidnight, quietHoursEnd, retryDelay, type QuietHours } from './schedule.js';
export { DEFAULT_PUSH_SETTINGS, parsePushSettings, type PushSettings } from './settings.js';
export { createOutboxWorker, startOutboxWorker, type OutboxWorkerConfig, type OutboxWorkerHandle } from './start-worker.js';
export { recordTemplateResult, type RecordedTemplateResult, type TemplateJobResult } from './template-result.js';
