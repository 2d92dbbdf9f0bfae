import { describe, expect, it } from 'vitest';
import { toInboundMessage } from '../../src/wechat/inbound.js';
import { parseWechatXml } from '../../src/wechat/xml.js';
import { simMessageSchema, type SimMessage } from '../../src/simulator/sim-message.js';
import { inboundXml, LOCAL_ACCOUNT_ID, newMsgId } from '../../src/simulator/wechat-xml.js';

const openid = 'oSim_resident_0001';
const header = { toUser: LOCAL_ACCOUNT_ID, fromUser: openid, createTime: 1714112445, msgId: '7250021412600020992' };
const roundTrip = (input: unknown) => {
  const msg: SimMessage = simMessageSchema.parse(input);
  const xml = inboundXml(msg, header);
  return { xml, inbound: toInboundMessage(parseWechatXml(xml)) };
};

describe('inbound XML as WeChat posts it', () => {
  it('text: CDATA strings, bare CreateTime and MsgId, in WeChat order', () => {
    const { xml, inbound } = roundTrip({ kind: 'text', content: '路灯坏了 ]]> <b>&' });
    expect(xml).toMatch(
      /^<xml><ToUserName><!\[CDATA\[gh_0000000000local\]\]><\/ToUserName><FromUserName><!\[CDATA\[oSim_resident_0001\]\]><\/FromUserName><CreateTime>1714112445<\/CreateTime><MsgType><!\[CDATA\[text\]\]><\/MsgType><Content>/,
    );
    expect(xml).toMatch(/<MsgId>7250021412600020992<\/MsgId><\/xml>$/);
    expect(inbound).toMatchObject({ type: 'text', content: '路灯坏了 ]]> <b>&', msgId: '7250021412600020992', fromUser: openid, toUser: LOCAL_ACCOUNT_ID, createTime: 1714112445 });
  });

  it('text from a quick reply carries bizmsgmenuid', () => {
    expect(roundTrip({ kind: 'text', content: '1', menuId: '101' }).inbound).toMatchObject({ type: 'text', content: '1', menuId: '101' });
  });

  it('image, location and link', () => {
    expect(roundTrip({ kind: 'image', mediaId: 'MEDIA_1', picUrl: 'http://127.0.0.1/sim/media/p1' }).inbound).toMatchObject({
      type: 'image',
      mediaId: 'MEDIA_1',
      picUrl: 'http://127.0.0.1/sim/media/p1',
    });
    const { xml, inbound } = roundTrip({ kind: 'location', lat: 22.5431, lng: 113.9298, label: '南头古城' });
    expect(xml).toContain('<Location_X>22.5431</Location_X><Location_Y>113.9298</Location_Y><Scale>15</Scale>');
    expect(inbound).toMatchObject({ type: 'location', lat: 22.5431, lng: 113.9298, scale: 15, label: '南头古城' });
    expect(roundTrip({ kind: 'link', title: '通知', url: 'https://example.org/a' }).inbound).toMatchObject({ type: 'link', title: '通知', url: 'https://example.org/a' });
  });

  it('events carry no MsgId', () => {
    const { xml, inbound } = roundTrip({ kind: 'event', event: 'CLICK', key: 'REPORT' });
    expect(xml).not.toContain('MsgId');
    expect(inbound).toMatchObject({ type: 'click', eventKey: 'REPORT' });
  });

  it('subscribe plain and through a QR scene, SCAN, unsubscribe', () => {
    const plain = roundTrip({ kind: 'event', event: 'subscribe' });
    expect(plain.xml).toContain('<EventKey><![CDATA[]]></EventKey>');
    expect(plain.inbound).toMatchObject({ type: 'subscribe', scene: undefined });
    const qr = roundTrip({ kind: 'event', event: 'subscribe', scene: 'community_tongle' });
    expect(qr.xml).toContain('<EventKey><![CDATA[qrscene_community_tongle]]></EventKey><Ticket>');
    expect(qr.inbound).toMatchObject({ type: 'subscribe', scene: 'community_tongle', eventKey: 'qrscene_community_tongle' });
    expect((qr.inbound as { ticket?: string }).ticket).toMatch(/^gQ/);
    expect(roundTrip({ kind: 'event', event: 'SCAN', scene: 'community_daxin' }).inbound).toMatchObject({ type: 'scan', scene: 'community_daxin' });
    expect(roundTrip({ kind: 'event', event: 'unsubscribe' }).inbound).toMatchObject({ type: 'unsubscribe' });
  });

  it('VIEW, location_select, pic_photo_or_album, scancode, LOCATION', () => {
    expect(roundTrip({ kind: 'event', event: 'VIEW', url: 'https://example.org/', menuId: '42' }).inbound).toMatchObject({
      type: 'view',
      eventKey: 'https://example.org/',
      menuId: '42',
    });
    const sel = roundTrip({ kind: 'event', event: 'location_select', key: 'LOC', lat: 22.52, lng: 113.92, label: '深圳市南山区', poiname: '同乐村' });
    expect(sel.xml).toContain('<SendLocationInfo><Location_X>22.52</Location_X>');
    expect(sel.inbound).toMatchObject({ type: 'location_select', eventKey: 'LOC', lat: 22.52, lng: 113.92, label: '深圳市南山区', poiname: '同乐村' });
    const pic = roundTrip({ kind: 'event', event: 'pic_photo_or_album', key: 'PHOTO', md5s: ['a1', 'b2'] });
    expect(pic.xml).toContain('<SendPicsInfo><Count>2</Count><PicList><item><PicMd5Sum><![CDATA[a1]]></PicMd5Sum></item><item>');
    expect(pic.inbound).toMatchObject({ type: 'pic', event: 'pic_photo_or_album', eventKey: 'PHOTO', count: 2, md5s: ['a1', 'b2'] });
    expect(roundTrip({ kind: 'event', event: 'pic_sysphoto', key: 'P', md5s: ['x'] }).inbound).toMatchObject({ type: 'pic', count: 1, md5s: ['x'] });
    expect(roundTrip({ kind: 'event', event: 'scancode_waitmsg', key: 'SCAN1', scanResult: 'hello' }).inbound).toMatchObject({
      type: 'scancode',
      scanType: 'qrcode',
      scanResult: 'hello',
    });
    expect(roundTrip({ kind: 'event', event: 'LOCATION', lat: 22.5, lng: 113.9 }).inbound).toMatchObject({ type: 'report_location', lat: 22.5, lng: 113.9, precision: 65 });
  });
});

describe('MsgId', () => {
  it('is a fresh 64-bit decimal above 2^53', () => {
    const ids = new Set(Array.from({ length: 200 }, newMsgId));
    expect(ids.size).toBe(200);
    for (const id of ids) {
      expect(id).toMatch(/^\d{19}$/);
      expect(BigInt(id) > 2n ** 53n && BigInt(id) < 2n ** 64n).toBe(true);
    }
  });
});
