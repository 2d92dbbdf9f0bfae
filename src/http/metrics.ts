import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per service instance, so tests can run several instances in one process. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    messages: new Counter({
      name: 'wechat_messages_total',
      help: 'Inbound WeChat messages and events by type',
      labelNames: ['type'] as const,
      registers: [registry],
    }),
    replyLatency: new Histogram({
      name: 'wechat_reply_latency_seconds',
      help: 'Time from receiving a webhook POST to sending its answer',
      labelNames: ['outcome'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 4.5, 10],
      registers: [registry],
    }),
    dedupeHits: new Counter({
      name: 'wechat_dedupe_hits_total',
      help: 'Repeat deliveries of a message already received',
      registers: [registry],
    }),
    rejected: new Counter({
      name: 'wechat_rejected_requests_total',
      help: 'Webhook requests refused, by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    lateAnswers: new Counter({
      name: 'wechat_late_answers_total',
      help: 'Answers not ready within the reply budget, sent through the API instead',
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
