import { describe, expect, it } from 'vitest';
import { parse, who } from './samples/samples.js';

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
