import { randomBytes } from 'node:crypto';
import type Koa from 'koa';
import { z } from 'zod';
import type { WechatConfig } from '../config/config.js';
import { AppError, isAppError } from '../errors.js';
import type { RequestState } from '../http/error-middleware.js';
import type { Metrics } from '../http/metrics.js';
import { readRawBody } from '../http/raw-body.js';
import { CryptoError, WechatCrypto } from './crypto.js';
import type { DeliveryGate, GateClaim, GateCommit } from './delivery-gate.js';
import { dedupeKey, InboundParseError, toInboundMessage, type InboundMessage } from './inbound.js';
import type { OutboundMessage } from './outbound.js';
import { renderReply, SUCCESS } from './reply.js';
import { verifySignature } from './signature.js';
import { splitText } from './text-split.js';
import { parseWechatBody, XmlError } from './xml.js';

/**
 * The bot: one inbound message in, the messages to say back out (the first goes passively).
 * `commit`, when given, takes the answer together with the handler's last state writes so both
 * reach the store in one round trip (DeliveryGate); a handler may ignore it. A handler marked
 * `claimsDelivery` takes the delivery's dedupe record (`claim`) in its own first store step.
 */
export type MessageHandler = ((msg: InboundMessage, meta: { dedupeKey: string; commit?: GateCommit; claim?: GateClaim }) => Promise<OutboundMessage[]>) & {
  readonly claimsDelivery?: boolean;
};

/** Sends what did not fit in the passive reply, through the customer-service API. */
export type OverflowSender = (openid: string, messages: OutboundMessage[]) => Promise<void>;

export interface WebhookDeps {
  wechat: WechatConfig;
  bodyLimitBytes: number;
  gate: DeliveryGate;
  handler: MessageHandler;
  overflow: OverflowSender;
  metrics: Metrics;
  /** the answer when the state store or database is unreachable: never a 500 to WeChat */
  busyText: string;
  now?: () => number;
}

const PASSIVE_TEXT_LIMIT = 2048;

const signed = { signature: z.string().min(1), timestamp: z.string().regex(/^\d{1,12}$/), nonce: z.string().min(1).max(64) };
const getQuery = z.object({ ...signed, echostr: z.string().min(1).max(256) });
const postQuery = z.object({
  ...signed,
  openid: z.string().optional(),
  encrypt_type: z.enum(['aes', 'raw']).optional(),
  msg_signature: z.string().optional(),
});

function parseQuery<T extends z.ZodType>(schema: T, query: unknown): z.output<T> {
  const r = schema.safeParse(query);
  if (!r.success) {
    const fields = [...new Set(r.error.issues.map((i) => i.path.join('.')))].join(', ');
    throw new AppError('bad_request', `missing or invalid query parameters: ${fields}`, { reason: 'bad_query' });
  }
  return r.data;
}

/** GET /wechat and POST /wechat. */
export function createWebhook(deps: WebhookDeps): Koa.Middleware {
  const now = deps.now ?? Date.now;
  const aesKeys = [deps.wechat.aesKey, deps.wechat.aesKeyPrevious].filter((k): k is string => !!k);
  const crypto = aesKeys.length ? new WechatCrypto({ token: deps.wechat.token, appId: deps.wechat.appId, aesKeys }) : undefined;

  const reject = (reason: string, code: 'bad_request' | 'unauthorized', message: string): never => {
    deps.metrics.rejected.inc({ reason });
    throw new AppError(code, message, { reason });
  };

  return async (ctx) => {
    const log = (ctx.state as RequestState).log;
    if (ctx.method === 'GET' || ctx.method === 'HEAD') {
      const q = parseQuery(getQuery, ctx.query);
      if (!verifySignature(deps.wechat.token, q)) reject('bad_signature', 'unauthorized', 'invalid signature');
      ctx.type = 'text/plain';
      ctx.body = q.echostr;
      return;
    }
    if (ctx.method !== 'POST') {
      deps.metrics.rejected.inc({ reason: 'method' });
      ctx.set('Allow', 'GET, POST');
      throw new AppError('method_not_allowed', 'method not allowed', { reason: 'method' });
    }
    const started = performance.now();
    let q: z.output<typeof postQuery>;
    try {
      q = parseQuery(postQuery, ctx.query);
    } catch (e) {
      deps.metrics.rejected.inc({ reason: 'bad_query' });
      throw e;
    }
    if (!verifySignature(deps.wechat.token, q)) reject('bad_signature', 'unauthorized', 'invalid signature');

    let raw: Buffer;
    try {
      raw = await readRawBody(ctx.req, deps.bodyLimitBytes);
    } catch (e) {
      deps.metrics.rejected.inc({ reason: 'body_too_large' });
      // the rest of an oversized body is never read: the connection cannot carry another request
      ctx.set('Connection', 'close');
      throw e;
    }
    const body = raw.toString('utf8');
    let outer: Record<string, unknown>;
    try {
      outer = parseWechatBody(body);
    } catch (e) {
      if (e instanceof XmlError) reject(e.reason === 'doctype' ? 'doctype' : 'bad_xml', 'bad_request', `malformed body: ${e.message}`);
      throw e;
    }

    // encrypted when WeChat says so or the body carries <Encrypt> (compatible and safe modes)
    const encrypt = typeof outer.Encrypt === 'string' ? outer.Encrypt : undefined;
    const encrypted = q.encrypt_type === 'aes' || encrypt !== undefined;
    let fields = outer;
    let keyIndex = 0;
    if (encrypted) {
      if (!crypto) reject('no_aes_key', 'unauthorized', 'encrypted message but no EncodingAESKey configured');
      if (!encrypt) reject('bad_xml', 'bad_request', 'encrypted message without <Encrypt>');
      if (!q.msg_signature) reject('bad_query', 'bad_request', 'missing or invalid query parameters: msg_signature');
      if (!crypto!.verifyMsgSignature(q.msg_signature!, q.timestamp, q.nonce, encrypt!)) {
        reject('bad_msg_signature', 'unauthorized', 'invalid msg_signature');
      }
      try {
        const plain = crypto!.decrypt(encrypt!);
        keyIndex = plain.keyIndex;
        fields = parseWechatBody(plain.xml);
      } catch (e) {
        if (e instanceof CryptoError) reject(e.reason, 'unauthorized', `cannot decrypt: ${e.reason}`);
        if (e instanceof XmlError) reject('bad_xml', 'bad_request', `malformed encrypted body: ${e.message}`);
        throw e;
      }
    } else if (deps.wechat.requireEncryption) {
      reject('encryption_required', 'unauthorized', 'plaintext message refused: encryption is required');
    }

    let msg: InboundMessage;
    try {
      msg = toInboundMessage(fields);
    } catch (e) {
      if (e instanceof InboundParseError) reject('bad_message', 'bad_request', e.message);
      throw e;
    }
    if (q.openid && q.openid !== msg.fromUser) reject('openid_mismatch', 'bad_request', 'openid does not match FromUserName');
    deps.metrics.messages.inc({ type: msg.type });

    const answer = (xml: string) => {
      ctx.type = 'application/xml';
      ctx.body = encrypted
        ? crypto!.encryptedReply(xml, { timestamp: String(Math.floor(now() / 1000)), nonce: randomBytes(5).toString('hex'), keyIndex })
        : xml;
    };
    const finish = (outcome: string) => deps.metrics.replyLatency.observe({ outcome }, (performance.now() - started) / 1000);

    if (msg.type === 'unknown') {
      log.warn({ rawType: msg.rawType, openid: msg.fromUser }, 'unknown message type answered with success');
      ctx.type = 'text/plain';
      ctx.body = SUCCESS;
      return finish('unknown');
    }

    const key = dedupeKey(msg);
    let result;
    try {
      result = await deps.gate.deliver(
        { dedupeKey: key, openid: msg.fromUser },
        (commit, claim) => deps.handler(msg, { dedupeKey: key, commit, claim }),
        (late) => {
          deps.metrics.lateAnswers.inc();
          return deps.overflow(msg.fromUser, late);
        },
        { claimedBy: deps.handler.claimsDelivery ? 'compute' : 'gate' },
      );
    } catch (err) {
      // the claim was released: WeChat's next delivery (or the resident's retry) runs it again
      log.error({ err, openid: msg.fromUser, type: msg.type }, isAppError(err) ? 'message not processed: refused by the domain' : 'message not processed: dependency unavailable');
      answer(renderReply({ type: 'text', content: deps.busyText }, { toUser: msg.fromUser, fromUser: msg.toUser, createTime: Math.floor(now() / 1000) }));
      return finish('busy');
    }
    if (result.duplicate) deps.metrics.dedupeHits.inc();
    const parts = result.kind === 'answered' ? splitPassive(result.messages) : [];
    if (parts.length === 0) {
      ctx.type = 'text/plain';
      ctx.body = SUCCESS;
      return finish(result.kind === 'deferred' ? 'deferred' : 'empty');
    }
    const [first, ...rest] = parts;
    answer(renderReply(first!, { toUser: msg.fromUser, fromUser: msg.toUser, createTime: msg.createTime }));
    // only the delivery that computed the answer sends the overflow; repeats just echo the reply
    if (rest.length && !result.duplicate) {
      void deps.overflow(msg.fromUser, rest).catch((err: unknown) => log.error({ err, openid: msg.fromUser }, 'overflow send failed'));
    }
    finish(result.duplicate ? 'duplicate' : 'answered');
  };
}

/** A text over 2048 bytes is split: the first part is the passive reply, the rest go through the API. */
function splitPassive(messages: OutboundMessage[]): OutboundMessage[] {
  // an empty text would be an empty reply, which WeChat shows as a fault: drop it
  const [first, ...rest] = messages.filter((m) => m.type !== 'text' || m.content.trim() !== '');
  if (!first || first.type !== 'text') return first ? [first, ...rest] : [];
  const parts = splitText(first.content, PASSIVE_TEXT_LIMIT);
  return [...parts.map((content): OutboundMessage => ({ type: 'text', content })), ...rest];
}
