import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { keys } from '../../state/keys.js';
import type { StateStore, StoreWrite } from '../../state/store.js';
import { safeJson } from '../../safe-json.js';

/** what a resident did that opens a customer-service window */
export type InboundKind = 'message' | 'menu_click' | 'follow' | 'scan';

export interface QuotaRules {
  /** after a resident's message: 5 sends within 48 h */
  message: { windowMs: number; allowance: number };
  /** after a menu click (click/scancode), a follow or a scan: 3 sends within 1 min */
  event: { windowMs: number; allowance: number };
}

export const WECHAT_QUOTA_RULES: QuotaRules = {
  message: { windowMs: 48 * 60 * 60_000, allowance: 5 },
  event: { windowMs: 60_000, allowance: 3 },
};

export type ConsumeResult =
  /** `ticket` names the slot taken; pass it to refund/markClosed to act on exactly that slot */
  | { ok: true; remaining: number; ticket: string }
  | { ok: false; reason: 'window_closed' | 'quota_used' };

export interface QuotaStatus {
  open: boolean;
  remaining: number;
  windowEndsAt: number | null;
}

type GrantKind = 'msg' | 'evt';
const grantSchema = z.object({ id: z.string(), openedAt: z.number(), endsAt: z.number(), allowance: z.number().int().min(0) });
type Grant = z.infer<typeof grantSchema> & { kind: GrantKind; raw: string };

/** store keys outlive the window a little so a slow clock never resurrects a slot */
const KEY_GRACE_MS = 60_000;

/**
 * The customer-service quota of each resident, as WeChat counts it: a message opens (or restarts)
 * a 48 h window of 5 sends; a menu click, follow or scan opens 3 sends within 1 min. Both grants
 * may be open at once; the one ending first is used first.
 *
 * Each send takes one numbered slot key with SET NX, so two sends racing for the last slot cannot
 * both win, across instances too. All keys share the resident's hash tag (keys.quota(openid)).
 */
export class QuotaLedger {
  private readonly now: () => number;
  private readonly rules: QuotaRules;

  constructor(
    private readonly store: StateStore,
    opts: { now?: () => number; rules?: QuotaRules } = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.rules = opts.rules ?? WECHAT_QUOTA_RULES;
  }

  private grantKey(openid: string, kind: GrantKind) {
    return `${keys.quota(openid)}:${kind}`;
  }

  private slotKeys(openid: string, g: Grant): string[] {
    return Array.from({ length: g.allowance }, (_, i) => `${keys.quota(openid)}:${g.kind}:${g.id}:${i + 1}`);
  }

  private ttl(g: Grant) {
    return Math.max(1, g.endsAt - this.now()) + KEY_GRACE_MS;
  }

  async noteInbound(openid: string, kind: InboundKind): Promise<void> {
    const w = this.inboundWrite(openid, kind);
    await this.store.set(w.key, w.value, w.ttlMs);
  }

  /**
   * What noteInbound writes, for the caller to apply in a batch of its own (StateStore.apply): the
   * grant a resident's message (or click, follow, scan) opens, replacing the open grant of that kind.
   * The window is counted from this call; the grant takes effect when the write is applied.
   */
  inboundWrite(openid: string, kind: InboundKind): StoreWrite & { op: 'set'; ttlMs: number } {
    const grantKind: GrantKind = kind === 'message' ? 'msg' : 'evt';
    const rule = kind === 'message' ? this.rules.message : this.rules.event;
    const t = this.now();
    const grant = { id: randomUUID().slice(0, 8), openedAt: t, endsAt: t + rule.windowMs, allowance: rule.allowance };
    return { op: 'set', key: this.grantKey(openid, grantKind), value: JSON.stringify(grant), ttlMs: rule.windowMs + KEY_GRACE_MS };
  }

  /** open grants, the one ending first first */
  private async liveGrants(openid: string): Promise<Grant[]> {
    const kinds: GrantKind[] = ['msg', 'evt'];
    const raws = await this.store.mget(kinds.map((k) => this.grantKey(openid, k)));
    const t = this.now();
    const out: Grant[] = [];
    raws.forEach((raw, i) => {
      if (raw === null) return;
      const parsed = grantSchema.safeParse(safeJson(raw));
      if (parsed.success && parsed.data.endsAt > t) out.push({ ...parsed.data, kind: kinds[i]!, raw });
    });
    return out.sort((a, b) => a.endsAt - b.endsAt);
  }

  private async remainingOf(openid: string, grants: Grant[]): Promise<number> {
    let n = 0;
    for (const g of grants) n += (await this.store.mget(this.slotKeys(openid, g))).filter((v) => v === null).length;
    return n;
  }

  async tryConsume(openid: string): Promise<ConsumeResult> {
    const grants = await this.liveGrants(openid);
    if (grants.length === 0) return { ok: false, reason: 'window_closed' };
    const holder = randomUUID();
    for (const g of grants) {
      const slots = this.slotKeys(openid, g);
      const values = await this.store.mget(slots);
      for (let i = 0; i < slots.length; i++) {
        if (values[i] !== null) continue;
        if (await this.store.setIfAbsent(slots[i]!, holder, this.ttl(g))) {
          return { ok: true, remaining: await this.remainingOf(openid, grants), ticket: `${slots[i]}#${holder}` };
        }
      }
    }
    return { ok: false, reason: 'quota_used' };
  }

  /**
   * Gives a slot back after a send that certainly did not reach WeChat. With the ticket from
   * tryConsume exactly that slot is freed; without, the last taken slot of an open grant.
   */
  async refund(openid: string, ticket?: string): Promise<boolean> {
    if (ticket !== undefined) {
      const cut = ticket.lastIndexOf('#');
      const slot = ticket.slice(0, cut);
      if (cut < 0 || !slot.startsWith(`${keys.quota(openid)}:`)) return false;
      return this.store.deleteIfEquals(slot, ticket.slice(cut + 1));
    }
    for (const g of await this.liveGrants(openid)) {
      const slots = this.slotKeys(openid, g);
      const values = await this.store.mget(slots);
      for (let i = slots.length - 1; i >= 0; i--) {
        const v = values[i];
        if (v != null && (await this.store.deleteIfEquals(slots[i]!, v))) return true;
      }
    }
    return false;
  }

  async status(openid: string): Promise<QuotaStatus> {
    const grants = await this.liveGrants(openid);
    if (grants.length === 0) return { open: false, remaining: 0, windowEndsAt: null };
    return { open: true, remaining: await this.remainingOf(openid, grants), windowEndsAt: Math.max(...grants.map((g) => g.endsAt)) };
  }

  /**
   * WeChat said 45015 (no window) or 45047 (used up): close the grant the ticket came from, or
   * every grant without a ticket. A grant opened by a newer message is left alone.
   */
  async markClosed(openid: string, ticket?: string): Promise<void> {
    const grants = await this.liveGrants(openid);
    for (const g of grants) {
      if (ticket !== undefined && !ticket.startsWith(`${keys.quota(openid)}:${g.kind}:${g.id}:`)) continue;
      await this.store.deleteIfEquals(this.grantKey(openid, g.kind), g.raw);
    }
  }
}

