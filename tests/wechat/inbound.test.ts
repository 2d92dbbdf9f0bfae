import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { dedupeKey, InboundParseError, toInboundMessage, type InboundMessage } from '../../src/wechat/inbound.js';
import { parseWechatBody, parseWechatXml } from '../../src/wechat/xml.js';

const xmlOf = (name: string) => readFileSync(new URL(`./samples/${name}.xml`, import.meta.url), 'utf8');
/** A sample, optionally edited as text, through the real parser. */
const parse = (name: string, edit: (xml: string) => string = (x) => x): InboundMessage => toInboundMessage(parseWechatXml(edit(xmlOf(name))));

const GH = 'gh_3a2b1c0d9e8f';
const OPENID = 'oH7Xw5Ao1n2b3c4d5e6f7g8h9i0j';
const who = { toUser: GH, fromUser: OPENID };

function parseError(fn: () => unknown): InboundParseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InboundParseError) return e;
    throw e;
  }
  throw new Error('expected an InboundParseError');
}

describe('toInboundMessage: messages', () => {
  it('text', () => {
    expect(parse('text')).toEqual({
      ...who,
      createTime: 1714112445,
      type: 'text',
      msgId: '24568712340123456',
      content: '小区3栋门口的路灯坏了，晚上很黑。',
    });
  });

  it('text from a tapped menu item carries its bizmsgmenuid', () => {
    expect(parse('text-menu')).toMatchObject({ type: 'text', content: '路灯', menuId: '101' });
    expect(parse('text')).not.toHaveProperty('menuId');
  });

  it('text keeps its content verbatim: "  007  " stays a padded string', () => {
    expect(parse('text-from-article')).toMatchObject({ type: 'text', content: '  007  ', msgId: '24568712340123458' });
  });

  it.each(['007', '1e5', '0x1A', '13800138000', '-0', 'true', '3.14'])('text content %s stays a string', (content) => {
    const msg = parse('text', (x) => x.replace(/<Content>.*<\/Content>/, `<Content><![CDATA[${content}]]></Content>`));
    expect(msg).toMatchObject({ type: 'text', content });
  });

  it('text content that is not in CDATA stays a string too', () => {
    const msg = parse('text', (x) => x.replace(/<Content>.*<\/Content>/, '<Content>007</Content>'));
    expect(msg).toMatchObject({ content: '007' });
  });

  it('text with no Content element is an empty text', () => {
    expect(parse('text', (x) => x.replace(/<Content>.*<\/Content>/, ''))).toMatchObject({ type: 'text', content: '' });
  });

  it('image', () => {
    expect(parse('image')).toEqual({
      ...who,
      createTime: 1714112460,
      type: 'image',
      msgId: '24568712340123459',
      picUrl: 'http://mmbiz.qpic.cn/mmbiz_jpg/abc123/0',
      mediaId: 'kJ8a0d5gTXyQ9l_MediaId_Image_01',
    });
  });

  it('voice with an empty Recognition, and a MsgId above 2^53 kept exact', () => {
    const msg = parse('voice');
    expect(msg).toEqual({
      ...who,
      createTime: 1714112470,
      type: 'voice',
      msgId: '7250021412600020992',
      mediaId: 'Pb9D4l_MediaId_Voice_01',
      format: 'amr',
      recognition: '',
    });
    expect(BigInt((msg as { msgId: string }).msgId)).toBe(7250021412600020992n);
    expect(Number.isSafeInteger(Number('7250021412600020992'))).toBe(false);
  });

  it('voice without a Recognition element', () => {
    expect(parse('voice', (x) => x.replace(/<Recognition>.*<\/Recognition>/, ''))).toMatchObject({ type: 'voice', recognition: '' });
  });

  it('video and shortvideo', () => {
    expect(parse('video')).toEqual({ ...who, createTime: 1714112480, type: 'video', msgId: '24568712340123460', mediaId: 'Vd_MediaId_01', thumbMediaId: 'Vd_Thumb_01' });
    expect(parse('shortvideo')).toEqual({
      ...who,
      createTime: 1714112481,
      type: 'shortvideo',
      msgId: '24568712340123461',
      mediaId: 'Sv_MediaId_01',
      thumbMediaId: 'Sv_Thumb_01',
    });
  });

  it('location: Location_X is the latitude, Location_Y the longitude', () => {
    expect(parse('location')).toEqual({
      ...who,
      createTime: 1714112490,
      type: 'location',
      msgId: '24568712340123462',
      lat: 22.543096,
      lng: 114.057865,
      scale: 15,
      label: '广东省深圳市福田区福中三路',
    });
  });

  it('link', () => {
    expect(parse('link')).toEqual({
      ...who,
      createTime: 1714112500,
      type: 'link',
      msgId: '24568712340123463',
      title: '关于加装电梯的通知',
      description: '街道办公告',
      url: 'https://mp.weixin.qq.com/s/AbCdEf?a=1&b=2',
    });
  });
});

describe('toInboundMessage: events', () => {
  it('subscribe (plain)', () => {
    const msg = parse('event-subscribe');
    expect(msg).toMatchObject({ ...who, createTime: 1714112510, type: 'subscribe', eventKey: '' });
    expect((msg as { scene?: string }).scene).toBeUndefined();
  });

  it('subscribe by scanning a parametric QR code: scene without the qrscene_ prefix, and the Ticket', () => {
    expect(parse('event-subscribe-qrscene')).toMatchObject({
      type: 'subscribe',
      eventKey: 'qrscene_community_42',
      scene: 'community_42',
      ticket: expect.stringMatching(/^gQHi8Do/),
    });
  });

  it('subscribe with no EventKey element at all', () => {
    expect(parse('event-subscribe', (x) => x.replace(/<EventKey>.*<\/EventKey>/, ''))).toMatchObject({ type: 'subscribe', eventKey: '' });
  });

  it('unsubscribe', () => {
    expect(parse('event-unsubscribe')).toEqual({ ...who, createTime: 1714112520, type: 'unsubscribe' });
  });

  it('SCAN by a follower: the scene is the EventKey as is', () => {
    expect(parse('event-scan')).toMatchObject({ type: 'scan', eventKey: 'community_42', scene: 'community_42', ticket: expect.any(String) });
  });

  it('LOCATION report', () => {
    expect(parse('event-location')).toEqual({ ...who, createTime: 1714112540, type: 'report_location', lat: 22.543096, lng: 114.057865, precision: 65 });
  });

  it('CLICK', () => {
    expect(parse('event-click')).toEqual({ ...who, createTime: 1714112550, type: 'click', eventKey: 'REPORT_PROBLEM' });
  });

  it('VIEW with MenuId', () => {
    expect(parse('event-view')).toEqual({
      ...who,
      createTime: 1714112560,
      type: 'view',
      eventKey: 'https://example.gov.cn/minsheng/projects?from=menu',
      menuId: '416530918',
    });
  });

  it('location_select with SendLocationInfo (label kept as sent, empty Poiname)', () => {
    expect(parse('event-location-select')).toEqual({
      ...who,
      createTime: 1714112570,
      type: 'location_select',
      eventKey: 'PICK_LOCATION',
      lat: 22.543096,
      lng: 114.057865,
      scale: 15,
      label: ' 深圳市福田区福中三路 1号',
      poiname: '',
    });
  });

  it('pic_photo_or_album with one picture', () => {
    expect(parse('event-pic-one')).toEqual({
      ...who,
      createTime: 1714112580,
      type: 'pic',
      event: 'pic_photo_or_album',
      eventKey: 'REPORT_PHOTO',
      count: 1,
      md5s: ['5a75aaca956d97be686719218f275c6b'],
    });
  });

  it('pic_photo_or_album with several pictures', () => {
    expect(parse('event-pic-several')).toMatchObject({
      type: 'pic',
      count: 3,
      md5s: ['5a75aaca956d97be686719218f275c6b', '0d1c3f2e4b5a69788796a5b4c3d2e1f0', 'ffeeddccbbaa99887766554433221100'],
    });
  });

  it('pic events with an empty PicList or no SendPicsInfo', () => {
    expect(parse('event-pic-one', (x) => x.replace(/<PicList>[\s\S]*<\/PicList>/, '<PicList></PicList>'))).toMatchObject({ type: 'pic', count: 1, md5s: [] });
    expect(parse('event-pic-one', (x) => x.replace(/<SendPicsInfo>[\s\S]*<\/SendPicsInfo>/, ''))).toMatchObject({ type: 'pic', count: 0, md5s: [] });
    expect(parse('event-pic-one', (x) => x.replace(/<SendPicsInfo>[\s\S]*<\/SendPicsInfo>/, '<SendPicsInfo></SendPicsInfo>'))).toMatchObject({ type: 'pic', count: 0, md5s: [] });
  });

  it.each(['pic_sysphoto', 'pic_weixin'])('%s', (event) => {
    expect(parse('event-pic-one', (x) => x.replace('pic_photo_or_album', event))).toMatchObject({ type: 'pic', event });
  });

  it('scancode_waitmsg', () => {
    expect(parse('event-scancode-waitmsg')).toEqual({
      ...who,
      createTime: 1714112590,
      type: 'scancode',
      event: 'scancode_waitmsg',
      eventKey: 'SCAN_ASSET',
      scanType: 'qrcode',
      scanResult: 'ASSET-000123',
    });
  });

  it('scancode_push', () => {
    expect(parse('event-scancode-waitmsg', (x) => x.replace('scancode_waitmsg', 'scancode_push'))).toMatchObject({ type: 'scancode', event: 'scancode_push' });
  });

  it('TEMPLATESENDJOBFINISH: MsgID (capital D) kept exact', () => {
    expect(parse('event-templatesendjobfinish')).toEqual({
      ...who,
      createTime: 1714112600,
      type: 'template_finish',
      templateMsgId: '2959846221436157952',
      status: 'failed:user block',
    });
  });

  it.each([
    ['event-subscribe', 'subscribe', 'Subscribe', 'subscribe'],
    ['event-subscribe', 'subscribe', 'SUBSCRIBE', 'subscribe'],
    ['event-unsubscribe', 'unsubscribe', 'UnSubscribe', 'unsubscribe'],
    ['event-scan', 'SCAN', 'scan', 'scan'],
    ['event-location', 'LOCATION', 'location', 'report_location'],
    ['event-click', 'CLICK', 'click', 'click'],
    ['event-view', 'VIEW', 'View', 'view'],
    ['event-location-select', 'location_select', 'LOCATION_SELECT', 'location_select'],
    ['event-pic-one', 'pic_photo_or_album', 'Pic_Photo_Or_Album', 'pic'],
    ['event-scancode-waitmsg', 'scancode_waitmsg', 'ScanCode_WaitMsg', 'scancode'],
    ['event-templatesendjobfinish', 'TEMPLATESENDJOBFINISH', 'templatesendjobfinish', 'template_finish'],
  ])('%s with Event "%s" written as "%s"', (sample, event, odd, type) => {
    const msg = parse(sample, (x) => x.replace(`<Event><![CDATA[${event}]]></Event>`, `<Event><![CDATA[ ${odd} ]]></Event>`));
    expect(msg.type).toBe(type);
    if ('event' in msg) expect(msg.event).toBe(event);
  });
});

describe('toInboundMessage: unknown and malformed', () => {
  it('an unknown MsgType is type unknown, with its MsgId and the raw fields', () => {
    const msg = parse('miniprogrampage');
    expect(msg).toMatchObject({ ...who, createTime: 1714112610, type: 'unknown', rawType: 'miniprogrampage', msgId: '24568712340123464' });
    expect(msg.type === 'unknown' && msg.raw.PagePath).toBe('pages/index');
  });

  it('an unknown event is type unknown with rawType event:<name>', () => {
    const msg = parse('event-subscribe-msg-popup');
    expect(msg).toMatchObject({ type: 'unknown', rawType: 'event:subscribe_msg_popup_event' });
    expect(msg).not.toHaveProperty('msgId');
  });

  it.each([
    ['text without MsgId', 'text', /<MsgId>.*<\/MsgId>/, '', 'MsgId'],
    ['text with a non-numeric MsgId', 'text', /<MsgId>.*<\/MsgId>/, '<MsgId>abc</MsgId>', 'MsgId'],
    ['image without MediaId', 'image', /<MediaId>.*<\/MediaId>/, '', 'MediaId'],
    ['voice without MediaId', 'voice', /<MediaId>.*<\/MediaId>/, '', 'MediaId'],
    ['shortvideo without MediaId', 'shortvideo', /<MediaId>.*<\/MediaId>/, '', 'MediaId'],
    ['location with a non-numeric latitude', 'location', /<Location_X>.*<\/Location_X>/, '<Location_X>north</Location_X>', 'Location_X'],
    ['location without a longitude', 'location', /<Location_Y>.*<\/Location_Y>/, '', 'Location_Y'],
    ['LOCATION without Latitude', 'event-location', /<Latitude>.*<\/Latitude>/, '', 'Latitude'],
    ['location_select without SendLocationInfo', 'event-location-select', /<SendLocationInfo>[\s\S]*<\/SendLocationInfo>/, '', 'SendLocationInfo'],
    ['TEMPLATESENDJOBFINISH without MsgID', 'event-templatesendjobfinish', /<MsgID>.*<\/MsgID>/, '', 'MsgID'],
    ['text with two Content elements', 'text', /<Content>/, '<Content>a</Content><Content>', 'Content'],
  ])('%s is an InboundParseError naming the field', (_name, sample, pattern, replacement, field) => {
    const e = parseError(() => parse(sample, (x) => x.replace(pattern, replacement)));
    expect(e.message).toContain(field);
  });

  it('names only the fields of the message type at hand', () => {
    const e = parseError(() => parse('image', (x) => x.replace(/<MediaId>.*<\/MediaId>/, '')));
    expect(e.message).toContain('image');
    expect(e.message).not.toMatch(/Content|Location_X|Format|Event/);
  });

  it.each([
    ['FromUserName', /<FromUserName>.*<\/FromUserName>/, ''],
    ['ToUserName', /<ToUserName>.*<\/ToUserName>/, ''],
    ['CreateTime', /<CreateTime>.*<\/CreateTime>/, '<CreateTime>yesterday</CreateTime>'],
  ])('a bad header (%s) is an InboundParseError, even for an unknown type', (field, pattern, replacement) => {
    expect(parseError(() => parse('text', (x) => x.replace(pattern, replacement))).message).toContain(field);
    expect(parseError(() => parse('miniprogrampage', (x) => x.replace(pattern, replacement))).message).toContain(field);
  });

  it('an empty body is an InboundParseError', () => {
    expect(() => toInboundMessage({})).toThrow(InboundParseError);
  });

  it('InboundParseError is an AppError that answers 400', () => {
    const e = parseError(() => toInboundMessage({}));
    expect(e).toBeInstanceOf(AppError);
    expect(e.status).toBe(400);
    expect(e.reason).toBe('bad_message');
  });

  it('parses the same message from WeChat JSON', () => {
    const body = JSON.stringify({ ToUserName: GH, FromUserName: OPENID, CreateTime: 1714112445, MsgType: 'text', Content: '007', MsgId: 1 }).replace(
      '"MsgId":1',
      '"MsgId":7250021412600020992',
    );
    expect(toInboundMessage(parseWechatBody(body))).toEqual({ ...who, createTime: 1714112445, type: 'text', msgId: '7250021412600020992', content: '007' });
  });
});

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
