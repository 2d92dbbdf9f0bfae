import { createHash } from 'node:crypto';
import { keys } from '../state/keys.js';
import type { AlertChannel } from './alerts/staff-alerts.js';

const channelPart = (channel: AlertChannel): string => (channel === 'wecom' ? '' : `${channel}:`);

/**
 * The state-store keys of the console, beside src/state/keys.ts (which holds staffSession). A
 * session is stored under the SHA-256 of its id: a copy of the store holds no usable cookie.
 */
export const consoleKeys = {
  session: (sid: string) => keys.staffSession(createHash('sha256').update(sid).digest('base64url')),
  /** failed logins from one IP address */
  loginIp: (ip: string) => `staff:login-ip:${ip}`,
  /** failed logins of one username (whether or not it exists) and the wait it has earned */
  loginFailures: (username: string) => `staff:login-user:${username}`,
  loginWait: (username: string) => `staff:login-wait:${username}`,
  /** a device cookie (stored under its hash, like sessions) and its failed logins */
  device: (tokenHash: string) => `staff:device:${tokenHash}`,
  deviceFailures: (tokenHash: string) => `staff:device-fail:${tokenHash}`,
  /** the pub/sub channel of inbox events (new tickets, messages, status changes) */
  inboxChannel: 'staff:inbox',
  /** a nudge to every alert channel that a case was just supervised (督办): they look now, not at the next sweep */
  supervisedChannel: 'staff:supervised',
  /**
   * alert sent markers (once per ticket / overdue case) and the per-minute budget, one namespace per
   * channel so that each channel alerts once. The WeCom robot keeps the keys it had before channels
   * existed: markers already in Redis stay valid and an upgrade does not alert every overdue case again.
   */
  alerted: (channel: AlertChannel, what: string) => `staff:alerted:${channelPart(channel)}${what}`,
  alertBudget: (channel: AlertChannel, minute: number) => `staff:alert-budget:${channelPart(channel)}${minute}`,
} as const;
