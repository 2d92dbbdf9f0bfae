import type { Ask } from './kind.js';

/**
 * How long the resident's answer to what a push asked still counts, from the moment the status was
 * reached: 问题解决了吗 two weeks after a report is resolved, a 评议 score a month after a project is
 * completed, 心愿收到了吗 two weeks after a wish is fulfilled. The one definition; the push worker
 * dates each follow-up from it.
 */
export const ASK_WINDOW_DAYS: Readonly<Record<Ask, number>> = { feedback: 14, rating: 30, thanks: 14 };

/** what a push may ask the resident, by name */
export const ASKS = Object.keys(ASK_WINDOW_DAYS) as Ask[];

export const isAsk = (s: string): s is Ask => (ASKS as string[]).includes(s);

/** until when an answer to `ask` counts, for a status reached at `at` */
export const askUntil = (ask: Ask, at: Date): Date => new Date(at.getTime() + ASK_WINDOW_DAYS[ask] * 86_400_000);
