import { z } from 'zod';
import type { Logger } from '../../log.js';
import type { StateStore } from '../../state/store.js';
import { consoleKeys } from '../keys.js';
import { fitBytes, type StaffAlerts } from './staff-alerts.js';

/** WeCom group robots take text up to 2048 bytes and 20 messages a minute */
export const WECOM_TEXT_MAX_BYTES = 2048;
export const WECOM_PER_MINUTE = 20;

const answer = z.object({ errcode: z.number(), errmsg: z.string().optional() }).loose();

export interface WecomRobotOptions {
  /** https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… (a secret: never logged) */
  webhookUrl: string;
  /** the per-minute budget is counted here, so every instance shares it */
  store: StateStore;
  logger: Logger;
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
}

/**
 * Posts alerts to a WeCom group robot ({"msgtype":"text","text":{"content":…}}): text cut to 2048
 * UTF-8 bytes, at most 20 a minute across instances (the rest are dropped and logged: an alert
 * storm must not get the robot blocked), errcode ≠ 0 or a network failure is logged, not thrown.
 */
export class WecomRobotAlerts implements StaffAlerts {
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  constructor(private readonly o: WecomRobotOptions) {
    this.fetch = o.fetch ?? globalThis.fetch;
    this.now = o.now ?? Date.now;
  }

  async send(text: string): Promise<boolean> {
    const minute = Math.floor(this.now() / 60_000);
    const used = await this.o.store.incr(consoleKeys.alertBudget('wecom', minute), 120_000);
    if (used > WECOM_PER_MINUTE) {
      this.o.logger.warn({ minute }, 'staff alert dropped: robot budget of 20 a minute used');
      return false;
    }
    try {
      const res = await this.fetch(this.o.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ msgtype: 'text', text: { content: fitBytes(text, WECOM_TEXT_MAX_BYTES) } }),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 5000),
      });
      const parsed = answer.safeParse(await res.json().catch(() => null));
      if (!res.ok || !parsed.success || parsed.data.errcode !== 0) {
        this.o.logger.warn({ status: res.status, errcode: parsed.success ? parsed.data.errcode : undefined }, 'staff alert refused by the robot');
        return false;
      }
      return true;
    } catch (e) {
      this.o.logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'staff alert could not be sent');
      return false;
    }
  }
}
