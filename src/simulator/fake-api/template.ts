import { z } from 'zod';
import { fail, ok, type FakeResult } from './answer.js';

const templateBody = z.object({
  touser: z.string().min(1),
  template_id: z.string().min(1),
  url: z.string().optional(),
  miniprogram: z.object({ appid: z.string(), pagepath: z.string() }).optional(),
  client_msg_id: z.string().min(1).optional(),
  data: z.record(z.string(), z.object({ value: z.string(), color: z.string().optional() })),
});

const DEDUPE_MS = 10 * 60_000;
const DROPPED_KEYS = new Set(['first', 'remark']);

/** a field as residents see it since 2023-05: one line, at most 20 characters, no colour */
export const shownValue = (v: string) => [...v.replace(/[\r\n]+/g, '')].slice(0, 20).join('');

/**
 * POST message/template/send as WeChat does it: unknown template ids refused (when a list is
 * configured), first/remark/colour dropped and long values cut silently, and one message per
 * openid + client_msg_id within 10 minutes (a repeat gets the first msgid and delivers nothing).
 */
export class FakeTemplates {
  private readonly sent = new Map<string, { msgid: string; at: number }>();
  private nextMsgId = 3_100_000_000_000_000_001n;

  constructor(
    private readonly now: () => number,
    private readonly templateIds?: ReadonlySet<string>,
  ) {}

  send(body: unknown): FakeResult {
    const parsed = templateBody.safeParse(body);
    if (!parsed.success) return { recordBody: body, answer: fail(47003, `argument invalid! data.${parsed.error.issues[0]?.path.join('.')}`) };
    const m = parsed.data;
    if (this.templateIds && !this.templateIds.has(m.template_id)) return { openid: m.touser, recordBody: body, answer: fail(40037, 'invalid template_id') };
    const t = this.now();
    for (const [k, v] of this.sent) if (v.at + DEDUPE_MS <= t) this.sent.delete(k);
    const dedupeKey = m.client_msg_id === undefined ? undefined : `${m.touser}\n${m.client_msg_id}`;
    const previous = dedupeKey ? this.sent.get(dedupeKey) : undefined;
    const data: Record<string, { value: string }> = {};
    for (const [k, v] of Object.entries(m.data)) if (!DROPPED_KEYS.has(k)) data[k] = { value: shownValue(v.value) };
    const shown = { ...m, data };
    const msgid = previous?.msgid ?? String(this.nextMsgId++);
    if (dedupeKey && !previous) this.sent.set(dedupeKey, { msgid, at: t });
    return {
      openid: m.touser,
      recordBody: shown,
      answer: ok({ msgid }),
      // the real API sends msgid as a bare 64-bit number
      rawJson: `{"errcode":0,"errmsg":"ok","msgid":${msgid}}`,
      ...(previous ? { recordApi: 'message/template/send:duplicate' } : {}),
    };
  }
}
