import { randomInt } from 'node:crypto';
import { WechatCrypto } from '../wechat/crypto.js';
import { sha1Signature } from '../wechat/signature.js';
import { parsePassiveReply, type PassiveReply } from './passive-reply.js';
import { quotaKind, type InboundKind, type SimMessage } from './sim-message.js';
import { compatibleEnvelope, encryptedEnvelope, hasMsgId, inboundXml, LOCAL_ACCOUNT_ID, newMsgId } from './wechat-xml.js';

/**
 * Posts to the webhook exactly as WeChat does: real-shaped XML, a signed query, safe-mode
 * encryption when there is an EncodingAESKey, and WeChat's retries: no answer within 5 s → the
 * same message again, 3 deliveries in all. Returns what the resident would see.
 */
export type EncryptionMode = 'plain' | 'safe' | 'compatible';

export interface WechatClientOptions {
  webhookUrl: string | (() => string);
  token: string;
  appId: string;
  aesKey?: string;
  /** default: safe when aesKey is set, else plain */
  encryption?: EncryptionMode;
  /** ToUserName: the account's original id (gh_…) */
  accountId?: string;
  /** how long WeChat waits for an answer (5 s) */
  timeoutMs?: number;
  /** deliveries in all (3) */
  deliveries?: number;
  /** told about every message before it is posted, so the fake API's kf quota mirrors WeChat's */
  noteInbound?: (openid: string, kind: InboundKind) => void;
  now?: () => number;
}

export interface PreparedDelivery {
  query: Record<string, string>;
  body: string;
  encrypted: boolean;
}

export interface SendResult {
  msgId?: string;
  createTime: number;
  /** the plaintext XML of the message */
  xml: string;
  /** how many times it was posted (1 to 3) */
  deliveries: number;
  /** HTTP status of the delivery that answered */
  status?: number;
  reply: PassiveReply;
  encrypted: boolean;
  /** what WeChat would object to, in words */
  problems: string[];
}

/** A WeChat-like nonce: a decimal number of 9 or 10 digits. */
const newNonce = () => String(randomInt(100_000_000, 2 ** 32 - 1));

/** The signed query and the body of one post (pure apart from the ciphertext's random prefix). */
export function prepareDelivery(
  xml: string,
  opts: { token: string; openid: string; accountId: string; timestamp: string; nonce: string; crypto?: WechatCrypto; mode: EncryptionMode },
): PreparedDelivery {
  const query: Record<string, string> = {
    signature: sha1Signature(opts.token, opts.timestamp, opts.nonce),
    timestamp: opts.timestamp,
    nonce: opts.nonce,
    openid: opts.openid,
  };
  if (opts.mode === 'plain' || !opts.crypto) return { query, body: xml, encrypted: false };
  const encrypt = opts.crypto.encrypt(xml);
  query.encrypt_type = 'aes';
  query.msg_signature = opts.crypto.msgSignature(opts.timestamp, opts.nonce, encrypt);
  const body = opts.mode === 'safe' ? encryptedEnvelope(opts.accountId, encrypt) : compatibleEnvelope(xml, encrypt);
  return { query, body, encrypted: true };
}

export class WechatClient {
  readonly accountId: string;
  private readonly crypto: WechatCrypto | undefined;
  private readonly mode: EncryptionMode;
  /** how long to wait for an answer before delivering again; WeChat's is 5 s (tests shorten it) */
  timeoutMs: number;
  private readonly maxDeliveries: number;
  private readonly now: () => number;

  constructor(private readonly opts: WechatClientOptions) {
    this.accountId = opts.accountId ?? LOCAL_ACCOUNT_ID;
    this.crypto = opts.aesKey ? new WechatCrypto({ token: opts.token, appId: opts.appId, aesKeys: [opts.aesKey] }) : undefined;
    this.mode = this.crypto ? (opts.encryption ?? 'safe') : 'plain';
    if (opts.encryption && opts.encryption !== 'plain' && !this.crypto) throw new Error(`${opts.encryption} mode needs an EncodingAESKey`);
    this.timeoutMs = opts.timeoutMs ?? 5000;
    this.maxDeliveries = opts.deliveries ?? 3;
    this.now = opts.now ?? Date.now;
  }

  get encryption(): EncryptionMode {
    return this.mode;
  }

  private url(): string {
    return typeof this.opts.webhookUrl === 'function' ? this.opts.webhookUrl() : this.opts.webhookUrl;
  }

  /** Sends one message from a resident and waits for the passive reply (up to 3 × 5 s). */
  async send(openid: string, msg: SimMessage): Promise<SendResult> {
    const createTime = Math.floor(this.now() / 1000);
    const msgId = hasMsgId(msg) ? newMsgId() : undefined;
    const xml = inboundXml(msg, { toUser: this.accountId, fromUser: openid, createTime, ...(msgId ? { msgId } : {}) });
    const kind = quotaKind(msg);
    if (kind) this.opts.noteInbound?.(openid, kind);
    const prepared = prepareDelivery(xml, {
      token: this.opts.token,
      openid,
      accountId: this.accountId,
      timestamp: String(createTime),
      nonce: newNonce(),
      mode: this.mode,
      ...(this.crypto ? { crypto: this.crypto } : {}),
    });
    const base = { ...(msgId ? { msgId } : {}), createTime, xml, encrypted: prepared.encrypted };
    const url = `${this.url()}?${new URLSearchParams(prepared.query).toString()}`;
    const problems: string[] = [];
    for (let delivery = 1; delivery <= this.maxDeliveries; delivery++) {
      const outcome = await this.post(url, prepared.body);
      if (outcome.kind === 'no_answer') {
        problems.push(`delivery ${delivery}: ${outcome.reason}`);
        continue;
      }
      if (outcome.status < 200 || outcome.status >= 300) {
        const reason = `HTTP ${outcome.status}${outcome.body ? `: ${outcome.body.slice(0, 200)}` : ''}`;
        return { ...base, deliveries: delivery, status: outcome.status, reply: { type: 'failed', reason }, problems: [...problems, reason] };
      }
      const parsed = parsePassiveReply(outcome.body, {
        openid,
        accountId: this.accountId,
        encrypted: prepared.encrypted,
        ...(this.crypto ? { crypto: this.crypto } : {}),
      });
      return { ...base, deliveries: delivery, status: outcome.status, reply: parsed.reply, problems: [...problems, ...parsed.problems] };
    }
    const reason = `no answer within ${this.timeoutMs} ms in ${this.maxDeliveries} deliveries`;
    return { ...base, deliveries: this.maxDeliveries, reply: { type: 'failed', reason }, problems: [...problems, reason] };
  }

  private async post(url: string, body: string): Promise<{ kind: 'answer'; status: number; body: string } | { kind: 'no_answer'; reason: string }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', 'user-agent': 'Mozilla/4.0 (sim; WeChat push)' },
        body,
        signal: controller.signal,
      });
      return { kind: 'answer', status: res.status, body: await res.text() };
    } catch (e) {
      if (controller.signal.aborted) return { kind: 'no_answer', reason: `no answer within ${this.timeoutMs} ms` };
      return { kind: 'no_answer', reason: `cannot connect: ${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)}` };
    } finally {
      clearTimeout(timer);
    }
  }
}
