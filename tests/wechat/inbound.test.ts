import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { InboundParseError, toInboundMessage } from '../../src/wechat/inbound.js';
import { parseWechatBody } from '../../src/wechat/xml.js';
import { GH, OPENID, parse, who } from './samples/samples.js';

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
