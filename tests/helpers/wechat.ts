import { randomBytes } from 'node:crypto';
import { WechatCrypto } from '../../src/wechat/crypto.js';
import { sha1Signature } from '../../src/wechat/signature.js';

export const OFFICIAL_ID = 'gh_0123456789ab';
let msgSeq = 7250021412600020000n;

/** A real-shaped text message; MsgId above 2^53 like WeChat's. */
export function textXml(openid: string, content: string, opts: { msgId?: string; createTime?: number } = {}): string {
  const msgId = opts.msgId ?? String(++msgSeq);
  return (
    `<xml><ToUserName><![CDATA[${OFFICIAL_ID}]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName>` +
    `<CreateTime>${opts.createTime ?? Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
    `<Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`
  );
}

export interface SignedRequest {
  path: string;
  body: string;
}

/** Signs (and in safe/compatible mode encrypts) a body the way WeChat posts it. */
export function signedPost(
  xml: string,
  opts: { token: string; openid?: string; aes?: { key: string; appId: string; mode?: 'safe' | 'compatible' } },
): SignedRequest {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(randomBytes(4).readUInt32BE());
  const signature = sha1Signature(opts.token, timestamp, nonce);
  const q = new URLSearchParams({ signature, timestamp, nonce });
  if (opts.openid) q.set('openid', opts.openid);
  if (!opts.aes) return { path: `/wechat?${q}`, body: xml };
  const crypto = new WechatCrypto({ token: opts.token, appId: opts.aes.appId, aesKeys: [opts.aes.key] });
  const encrypt = crypto.encrypt(xml);
  q.set('encrypt_type', 'aes');
  q.set('msg_signature', crypto.msgSignature(timestamp, nonce, encrypt));
  const body =
    opts.aes.mode === 'compatible'
      ? xml.replace('</xml>', `<Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`)
      : `<xml><ToUserName><![CDATA[${OFFICIAL_ID}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
  return { path: `/wechat?${q}`, body };
}

export async function post(baseUrl: string, req: SignedRequest, headers: Record<string, string> = {}) {
  const res = await fetch(baseUrl + req.path, { method: 'POST', body: req.body, headers: { 'content-type': 'text/xml', ...headers } });
  return { status: res.status, text: await res.text() };
}
