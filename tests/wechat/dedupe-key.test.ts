import { describe, expect, it } from 'vitest';
import { dedupeKey, toInboundMessage } from '../../src/wechat/inbound.js';
import { parseWechatXml } from '../../src/wechat/xml.js';
import { GH, OPENID, parse, xmlOf } from './samples/samples.js';

describe('dedupeKey', () => {
  it('keys a message by MsgId and sender', () => {
    expect(dedupeKey(parse('text'))).toBe(`m:${GH}:${OPENID}:24568712340123456`);
    expect(dedupeKey(parse('voice'))).toBe(`m:${GH}:${OPENID}:7250021412600020992`);
  });

  it('tells apart two residents whose messages share a MsgId', () => {
    const other = parse('text', (x) => x.replace(OPENID, 'oOtherResident000000000000000'));
    expect(dedupeKey(other)).not.toBe(dedupeKey(parse('text')));
  });

  it('is the same for a repeated delivery', () => {
    expect(dedupeKey(parse('event-pic-one'))).toBe(dedupeKey(parse('event-pic-one')));
    expect(dedupeKey(parse('image'))).toBe(dedupeKey(parse('image')));
  });

  it('keys an event by sender, CreateTime, event and EventKey', () => {
    expect(dedupeKey(parse('event-click'))).toBe(`e:${GH}:${OPENID}:1714112550:click:REPORT_PROBLEM`);
    expect(dedupeKey(parse('event-subscribe-qrscene'))).toBe(`e:${GH}:${OPENID}:1714112511:subscribe:qrscene_community_42`);
    expect(dedupeKey(parse('event-unsubscribe'))).toBe(`e:${GH}:${OPENID}:1714112520:unsubscribe:`);
  });

  it('tells apart two events in the same second (a pic_* and a LOCATION, two different menu keys)', () => {
    const click = parse('event-click');
    const otherClick = parse('event-click', (x) => x.replace('REPORT_PROBLEM', 'MY_REPORTS'));
    const location = parse('event-location', (x) => x.replace('1714112540', '1714112550'));
    expect(new Set([dedupeKey(click), dedupeKey(otherClick), dedupeKey(location)]).size).toBe(3);
  });

  it('keys a template-send result by its MsgID', () => {
    expect(dedupeKey(parse('event-templatesendjobfinish'))).toBe(`e:${GH}:${OPENID}:1714112600:template_finish:2959846221436157952`);
  });

  it('keys an unknown message by MsgId and an unknown event by its name and EventKey', () => {
    expect(dedupeKey(parse('miniprogrampage'))).toBe(`m:${GH}:${OPENID}:24568712340123464`);
    expect(dedupeKey(parse('event-subscribe-msg-popup'))).toBe(`e:${GH}:${OPENID}:1714112620:event:subscribe_msg_popup_event:`);
    const withKey = toInboundMessage({ ...parseWechatXml(xmlOf('event-subscribe-msg-popup')), Event: 'kf_create_session', EventKey: 'K1' });
    expect(dedupeKey(withKey)).toBe(`e:${GH}:${OPENID}:1714112620:event:kf_create_session:K1`);
  });
});
