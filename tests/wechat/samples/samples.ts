import { readFileSync } from 'node:fs';
import { toInboundMessage, type InboundMessage } from '../../../src/wechat/inbound.js';
import { parseWechatXml } from '../../../src/wechat/xml.js';

/** Real-shaped WeChat pushes, one per file; all from one resident to one account. */
export const GH = 'gh_3a2b1c0d9e8f';
export const OPENID = 'oH7Xw5Ao1n2b3c4d5e6f7g8h9i0j';
export const who = { toUser: GH, fromUser: OPENID };

export const xmlOf = (name: string) => readFileSync(new URL(`./${name}.xml`, import.meta.url), 'utf8');

/** A sample, optionally edited as text, through the real parser. */
export const parse = (name: string, edit: (xml: string) => string = (x) => x): InboundMessage => toInboundMessage(parseWechatXml(edit(xmlOf(name))));
