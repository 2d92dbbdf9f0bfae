import { randomBytes } from 'node:crypto';
import { WechatCrypto } from '../../src/wechat/crypto.js';
import { sha1Signature } from '../../src/wechat/signature.js';

/** The account the bench and the fault tests pretend to be. */
export const BENCH_ACCOUNT = {
  appId: 'wx0123456789abcdef',
  appSecret: 'benchsecret0123456789abcdef',
  token: 'benchToken2024',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  gh: 'gh_0123456789ab',
} as const;

export type ResidentInput =
  | { type: 'text'; content: string }
  | { type: 'location'; lat: number; lng: number; label: string }
  | { type: 'subscribe'; scene?: string };

export interface WireRequest {
  path: string;
  body: string;
}

const cdata = (s: string) => `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

/**
 * Builds the POSTs WeChat would send: a fresh timestamp and nonce, a valid `signature`, a MsgId
 * above 2^53 that no other process uses (Date.now() × 10^5 + counter), and in safe mode the
 * AES envelope with `msg_signature`.
 */
export class WechatMessages {
  private seq = 0n;
  private readonly base = BigInt(Date.now()) * 100_000n;
  private readonly crypto: WechatCrypto;

  constructor(
    private readonly account: { token: string; appId: string; aesKey: string; gh: string } = BENCH_ACCOUNT,
  ) {
    this.crypto = new WechatCrypto({ token: account.token, appId: account.appId, aesKeys: [account.aesKey] });
  }

  nextMsgId(): string {
    return String(this.base + ++this.seq);
  }

  xml(openid: string, input: ResidentInput, opts: { msgId?: string; createTime?: number } = {}): string {
    const createTime = opts.createTime ?? Math.floor(Date.now() / 1000);
    const head = `<xml><ToUserName>${cdata(this.account.gh)}</ToUserName><FromUserName>${cdata(openid)}</FromUserName><CreateTime>${createTime}</CreateTime>`;
    switch (input.type) {
      case 'text':
        return `${head}<MsgType><![CDATA[text]]></MsgType><Content>${cdata(input.content)}</Content><MsgId>${opts.msgId ?? this.nextMsgId()}</MsgId></xml>`;
      case 'location':
        return (
          `${head}<MsgType><![CDATA[location]]></MsgType><Location_X>${input.lat.toFixed(6)}</Location_X><Location_Y>${input.lng.toFixed(6)}</Location_Y>` +
          `<Scale>16</Scale><Label>${cdata(input.label)}</Label><MsgId>${opts.msgId ?? this.nextMsgId()}</MsgId></xml>`
        );
      case 'subscribe':
        return `${head}<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event><EventKey>${cdata(input.scene ? `qrscene_${input.scene}` : '')}</EventKey></xml>`;
    }
  }

  /** Signs (and in safe mode encrypts) one message body. */
  sign(openid: string, xml: string, safe: boolean, opts: { timestamp?: string; nonce?: string } = {}): WireRequest {
    const timestamp = opts.timestamp ?? String(Math.floor(Date.now() / 1000));
    const nonce = opts.nonce ?? String(randomBytes(4).readUInt32BE());
    const signature = sha1Signature(this.account.token, timestamp, nonce);
    let q = `signature=${signature}&timestamp=${timestamp}&nonce=${nonce}&openid=${openid}`;
    if (!safe) return { path: `/wechat?${q}`, body: xml };
    const encrypt = this.crypto.encrypt(xml);
    q += `&encrypt_type=aes&msg_signature=${this.crypto.msgSignature(timestamp, nonce, encrypt)}`;
    return { path: `/wechat?${q}`, body: `<xml><ToUserName>${cdata(this.account.gh)}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt></xml>` };
  }

  request(openid: string, input: ResidentInput, safe: boolean): WireRequest {
    return this.sign(openid, this.xml(openid, input), safe);
  }

  /** The text a resident reads: the Content of a passive reply (decrypted in safe mode), '' for `success`. */
  readReply(body: string): { kind: 'text' | 'success' | 'other'; content: string } {
    let xml = body;
    if (xml === 'success' || xml === '') return { kind: 'success', content: '' };
    const enc = /<Encrypt><!\[CDATA\[([^\]]*)\]\]><\/Encrypt>/.exec(xml);
    if (enc) {
      try {
        xml = this.crypto.decrypt(enc[1]!).xml;
      } catch {
        return { kind: 'other', content: body.slice(0, 200) };
      }
    }
    const i = xml.indexOf('<Content><![CDATA[');
    if (i < 0) return { kind: 'other', content: xml.slice(0, 200) };
    const start = i + '<Content><![CDATA['.length;
    const end = xml.lastIndexOf(']]></Content>');
    return { kind: 'text', content: xml.slice(start, end < start ? undefined : end).replaceAll(']]]]><![CDATA[>', ']]>') };
  }
}

/** A 28-character openid like WeChat's, unique per tag and index. */
export function openidFor(tag: string, i: number): string {
  const t = tag.replace(/[^A-Za-z0-9]/g, '').slice(0, 14);
  return `o${t}_${i.toString(36).padStart(6, '0')}`.padEnd(28, '0');
}
