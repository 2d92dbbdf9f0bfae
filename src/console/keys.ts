import { createHash } from 'node:crypto';
import { keys } from '../state/keys.js';

/**
 * The state-store keys of the console, beside src/state/keys.ts (which holds staffSession). A
 * session is stored under the SHA-256 of its id: a copy of the store holds no usable cookie.
 */
export const consoleKeys = {
  session: (sid: string) => keys.staffSession(createHash('sha256').update(sid).digest('base64url')),
  /** failed logins from one IP address */
  loginIp: (ip: string) => `staff:login-ip:${ip}`,
  /** the pub/sub channel of inbox events (new tickets, messages, status changes) */
  inboxChannel: 'staff:inbox',
  /** alert sent markers (once per ticket / overdue case) and the per-minute robot budget */
  alerted: (what: string) => `staff:alerted:${what}`,
  alertBudget: (minute: number) => `staff:alert-budget:${minute}`,
} as const;
