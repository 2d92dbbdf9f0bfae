import { keys } from './keys.js';
import type { StoreWrite } from './store.js';

/** the question is for the resident's next message; one who does not answer within a day is not asked again */
const TTL_MS = 24 * 3600_000;

/**
 * The human service just ended and the resident was asked to rate it (满意 / 基本满意 / 不满意): the
 * ticket is kept under the resident's key, read by the bot's turn with its lock, and cleared by the
 * next typed message whether or not it is a rating.
 */
export const serviceRatingAsk = (openid: string, ticketId: number): StoreWrite => ({ op: 'set', key: keys.serviceRating(openid), value: String(ticketId), ttlMs: TTL_MS });
export const serviceRatingClear = (openid: string, ticketId: string): StoreWrite => ({ op: 'deleteIfEquals', key: keys.serviceRating(openid), expected: ticketId });
