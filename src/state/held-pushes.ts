import { keys } from './keys.js';
import type { StoreWrite } from './store.js';

/** a resident who does not write back for three months hears of the held pushes on the case pages only */
const TTL_MS = 90 * 24 * 3600_000;

/**
 * The flag that a push to the resident was left for later (held: no channel could carry it;
 * deferred: quiet hours, today's template quota; failed as a template job). The bot's turn reads
 * it with its lock and looks for the pushes in the database only when it is set: a message with
 * nothing held costs no statement. `mark` names who set it, so clearing it after reading leaves a
 * flag set meanwhile in place.
 */
export const heldPushesWrite = (openid: string, mark: string): StoreWrite => ({ op: 'set', key: keys.heldPushes(openid), value: mark, ttlMs: TTL_MS });

/** clears the flag as read (`mark`); a flag set again since stays */
export const heldPushesClear = (openid: string, mark: string): StoreWrite => ({ op: 'deleteIfEquals', key: keys.heldPushes(openid), expected: mark });
