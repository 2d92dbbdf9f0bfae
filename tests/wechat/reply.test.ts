import { describe, expect, it } from 'vitest';
import { text, type OutboundMessage } from '../../src/wechat/outbound.js';
import { PASSIVE_TEXT_MAX_BYTES, renderReply, SUCCESS } from '../../src/wechat/reply.js';
import { parseWechatXml } from '../../src/wechat/xml.js';

const ctx = { toUser: 'oH7Xw5Ao1n2b3c4d5e6f7g8h9i0j', fromUser: 'gh_3a2b1c0d9e8f', createTime: 1714112446 };
const head =
  '<xml><ToUserName><![CDATA[oH7Xw5Ao1n2b3c4d5e6f7g8h9i0j]]></ToUserName><FromUserName><![CDATA[gh_3a2b1c0d9e8f]]></FromUserName>' +
  '<CreateTime>1714112446</CreateTime>';

describe('renderReply', () => {
  it('renders text exactly as WeChat documents it', () => {
    expect(renderReply(text('您好，已收到您的反映。'), ctx)).toBe(
      `${head}<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[您好，已收到您的反映。]]></Content></xml>`,
    );
  });

  it('renders an image', () => {
    expect(renderReply({ type: 'image', mediaId: 'MEDIA_ID_123' }, ctx)).toBe(
      `${head}<MsgType><![CDATA[image]]></MsgType><Image><MediaId><![CDATA[MEDIA_ID_123]]></MediaId></Image></xml>`,
    );
  });

  it('renders single-article news with Title, Description, PicUrl, Url in that order', () => {
    const msg: OutboundMessage = {
      type: 'news',
      article: { title: '本周进展', description: '路灯已修复', picUrl: 'https://example.org/p.jpg', url: 'https://example.org/r/12?a=1&b=2' },
    };
    expect(renderReply(msg, ctx)).toBe(
      `${head}<MsgType><![CDATA[news]]></MsgType><ArticleCount>1</ArticleCount><Articles><item>` +
        '<Title><![CDATA[本周进展]]></Title><Description><![CDATA[路灯已修复]]></Description>' +
        '<PicUrl><![CDATA[https://example.org/p.jpg]]></PicUrl><Url><![CDATA[https://example.org/r/12?a=1&b=2]]></Url>' +
        '</item></Articles></xml>',
    );
  });

  it('renders news without a picture as an empty PicUrl', () => {
    const xml = renderReply({ type: 'news', article: { title: 't', description: 'd', url: 'https://u' } }, ctx);
    expect(parseWechatXml(xml).Articles).toEqual({ item: [{ Title: 't', Description: 'd', PicUrl: '', Url: 'https://u' }] });
  });

  it('keeps text with markup, ]]> and quick-reply links intact after parsing', () => {
    const content = '请选择：\n<a href="weixin://bizmsgmenu?msgmenucontent=路灯&msgmenuid=1">路灯</a>\n]]> & <b>';
    const parsed = parseWechatXml(renderReply(text(content), ctx));
    expect(parsed).toEqual({ ToUserName: ctx.toUser, FromUserName: ctx.fromUser, CreateTime: '1714112446', MsgType: 'text', Content: content });
  });

  it('escapes ids that would break out of CDATA', () => {
    const parsed = parseWechatXml(renderReply(text('x'), { ...ctx, toUser: 'a]]><b>', fromUser: 'gh_]]>' }));
    expect(parsed.ToUserName).toBe('a]]><b>');
    expect(parsed.FromUserName).toBe('gh_]]>');
  });

  it('accepts text of exactly 2048 UTF-8 bytes and refuses one byte more', () => {
    const max = '路'.repeat(682) + 'ab'; // 682 × 3 + 2 = 2048
    expect(Buffer.byteLength(max)).toBe(PASSIVE_TEXT_MAX_BYTES);
    expect(parseWechatXml(renderReply(text(max), ctx)).Content).toBe(max);
    expect(() => renderReply(text(max + 'c'), ctx)).toThrow(RangeError);
  });

  it('refuses an empty text (WeChat wants SUCCESS instead)', () => {
    expect(() => renderReply(text(''), ctx)).toThrow(/SUCCESS/);
  });

  it('refuses a CreateTime that is not unix seconds', () => {
    expect(() => renderReply(text('x'), { ...ctx, createTime: 1.5 })).toThrow(RangeError);
    expect(() => renderReply(text('x'), { ...ctx, createTime: -1 })).toThrow(RangeError);
    expect(() => renderReply(text('x'), { ...ctx, createTime: Number.NaN })).toThrow(RangeError);
  });
});

describe('SUCCESS', () => {
  it('is the literal body WeChat expects', () => {
    expect(SUCCESS).toBe('success');
  });
});
