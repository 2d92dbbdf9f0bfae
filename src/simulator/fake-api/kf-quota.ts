import type { FakeAnswer } from './answer.js';

export type FakeInboundKind = 'message' | 'menu_click' | 'follow' | 'scan';

interface Window {
  endsAt: number;
  used: number;
  allowance: number;
}

const RULES = {
  message: { windowMs: 48 * 60 * 60_000, allowance: 5 },
  event: { windowMs: 60_000, allowance: 3 },
};

/**
 * WeChat's side of the customer-service quota: a resident's message opens 5 sends within 48 h
 * (a new message starts afresh); a menu click, follow or scan opens 3 within 1 min.
 */
export class FakeKfQuota {
  private readonly windows = new Map<string, { msg?: Window; evt?: Window }>();

  constructor(private readonly now: () => number) {}

  noteInbound(openid: string, kind: FakeInboundKind): void {
    const rule = kind === 'message' ? RULES.message : RULES.event;
    const w: Window = { endsAt: this.now() + rule.windowMs, used: 0, allowance: rule.allowance };
    const cur = this.windows.get(openid) ?? {};
    if (kind === 'message') cur.msg = w;
    else cur.evt = w;
    this.windows.set(openid, cur);
  }

  private live(openid: string): Window[] {
    const cur = this.windows.get(openid);
    const t = this.now();
    return [cur?.msg, cur?.evt].filter((w): w is Window => !!w && w.endsAt > t).sort((a, b) => a.endsAt - b.endsAt);
  }

  /** null and one send counted, or 45015 / 45047 */
  consume(openid: string): FakeAnswer | null {
    const live = this.live(openid);
    if (live.length === 0) return { errcode: 45015, errmsg: 'response out of time limit or subscription is canceled' };
    const w = live.find((x) => x.used < x.allowance);
    if (!w) return { errcode: 45047, errmsg: 'out of response count limit' };
    w.used++;
    return null;
  }

  /** the typing indicator needs an open window but costs nothing */
  check(openid: string): FakeAnswer | null {
    return this.live(openid).length ? null : { errcode: 45015, errmsg: 'response out of time limit or subscription is canceled' };
  }

  remaining(openid: string): number {
    return this.live(openid).reduce((n, w) => n + w.allowance - w.used, 0);
  }
}
