import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { transition } from '../../src/civic/lifecycle/transition.js';
import { caseMedia, outbox } from '../../src/db/schema.js';
import { approvePublicText } from '../public/fixtures.js';
import { expectSpec, parseXml, startOpen311, TONGLE, type Open311Harness } from './harness.js';

const staff = { type: 'staff', id: 'staff:1' } as const;
/** what must never leave through Open311 */
const PRIVATE = ['13800138001', '王阿姨', 'wang@example.cn', 'o-resident', '内部备注', '城管执法队', '就在我家502门口'];

describe('Open311 GET requests', () => {
  let o: Open311Harness;
  let filed: number;
  let wechat: number;
  let proposal: number;
  beforeAll(async () => {
    o = await startOpen311();
    const a = await o.post('/open311/v2/requests.json', {
      api_key: o.key,
      service_code: 'streetlight',
      ...TONGLE,
      address_string: '同乐村口',
      description: '路灯坏了，就在我家502门口，电话13800138001',
      first_name: '阿姨',
      last_name: '王',
      phone: '13800138001',
      email: 'wang@example.cn',
    });
    filed = Number(a.json[0].service_request_id);
    wechat = await o.h.report({ communityId: 'longzhu', category: 'sanitation', description: '垃圾没人收', openid: 'o-resident' });
    proposal = await o.h.proposal({ communityId: 'tongle' });
  });
  afterAll(() => o.close());

  it('GET requests/{id}: before staff approve a text, no description, address or point; never the resident', async () => {
    const a = await o.get(`/open311/v2/requests/${filed}.json`);
    expect(a.status).toBe(200);
    expectSpec('requests', a.json);
    expect(a.json).toHaveLength(1);
    expect(a.json[0]).toMatchObject({
      service_request_id: String(filed),
      status: 'open',
      service_code: 'streetlight',
      service_name: '路灯照明',
      description: null,
      address: null,
      lat: null,
      long: null,
      agency_responsible: '南头街道',
      requested_datetime: '2026-03-02T10:00:00+08:00',
    });
    expect(a.json[0].expected_datetime).toBe('2026-03-05T23:59:59+08:00');
    for (const p of PRIVATE) expect(a.text).not.toContain(p);
  });

  it('follows the same lifecycle: a staff move changes its status and status_notes; the approved text is its description', async () => {
    await approvePublicText(o.h.db, filed, '同乐村口路灯不亮');
    await transition(o.h.db, { caseId: filed, to: 'accepted', actor: staff, data: { assignee: '城管执法队' }, internalNote: '内部备注：先看看', publicNote: '已受理，安排维修' }, { now: o.h.clock.now() });
    let [r] = (await o.get(`/open311/v2/requests/${filed}.json`)).json;
    expect(r).toMatchObject({ status: 'open', status_notes: '已受理，安排维修', description: '同乐村口路灯不亮', address: '同乐村口', lat: 22.5561, long: 113.9141 });
    await transition(o.h.db, { caseId: filed, to: 'resolved', actor: staff, publicNote: '路灯已修好' }, { now: o.h.clock.now() });
    const a = await o.get(`/open311/v2/requests/${filed}.json`);
    [r] = a.json;
    expect(r).toMatchObject({ status: 'closed', status_notes: '路灯已修好' });
    expectSpec('requests', a.json);
    // nobody to push to: the request came without a resident
    expect(await o.h.db.select().from(outbox).where(eq(outbox.caseId, filed))).toEqual([]);
    for (const p of PRIVATE) expect(a.text).not.toContain(p);
  });

  it('GET requests/{id}.xml: <service_requests><request> with the spec’s element names, nulls as empty elements', async () => {
    const a = await o.get(`/open311/v2/requests/${filed}.xml`);
    const [r] = parseXml(a.text).service_requests.request;
    expect(Object.keys(r).sort()).toEqual(
      ['address', 'address_id', 'agency_responsible', 'description', 'expected_datetime', 'lat', 'long', 'media_url', 'requested_datetime', 'service_code', 'service_name', 'service_notice', 'service_request_id', 'status', 'status_notes', 'updated_datetime', 'zipcode'].sort(),
    );
    expect(r).toMatchObject({ service_request_id: String(filed), status: 'closed', zipcode: '', status_notes: '路灯已修好' });
    for (const p of PRIVATE) expect(a.text).not.toContain(p);
  });

  it('the same case is on the public case page and in the console', async () => {
    const page = await o.get(`/c/${filed}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('同乐村口路灯不亮');
    for (const p of PRIVATE.filter((x) => x !== '城管执法队')) expect(page.text).not.toContain(p);
    await o.h.user('root', 'admin');
    const root = await o.h.login('root');
    const list = await root.get('/api/console/cases?pageSize=50');
    expect(list.json.items.map((c: { id: number }) => c.id)).toContain(filed);
    const detail = await root.get(`/api/console/cases/${filed}`);
    expect(detail.status).toBe(200);
    // staff see who filed it and the requester's contact; the public never does
    expect(detail.json.open311).toEqual({ partner: '12345 平台', keyId: expect.any(Number), attributes: [], mediaUrl: null });
    expect(detail.json.case.phone).toBe('13800138001');
  });

  it('GET requests: reports only (no proposal), filtered by id list, service_code and status', async () => {
    const all = await o.get('/open311/v2/requests.json');
    expectSpec('requests', all.json);
    const ids = all.json.map((r: { service_request_id: string }) => Number(r.service_request_id));
    expect(ids).toEqual(expect.arrayContaining([filed, wechat]));
    expect(ids).not.toContain(proposal);
    expect((await o.get(`/open311/v2/requests.json?service_request_id=${filed},${wechat}, ${proposal}`)).json.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([String(filed), String(wechat)].sort());
    expect((await o.get('/open311/v2/requests.json?service_code=sanitation')).json.map((r: { service_request_id: string }) => Number(r.service_request_id))).toEqual([wechat]);
    const open = (await o.get('/open311/v2/requests.json?status=open')).json.map((r: { service_request_id: string }) => Number(r.service_request_id));
    expect(open).toContain(wechat);
    expect(open).not.toContain(filed);
    const closed = (await o.get('/open311/v2/requests.json?status=closed')).json.map((r: { service_request_id: string }) => Number(r.service_request_id));
    expect(closed).toEqual([filed]);
    const both = (await o.get('/open311/v2/requests.json?status=open,%20closed')).json;
    expect(both).toHaveLength(all.json.length);
    // empty filters, as clients send them, filter nothing
    expect((await o.get('/open311/v2/requests.json?service_code=&status=&jurisdiction_id=')).json).toHaveLength(all.json.length);
    // a resident's own report through the bot: nothing of them either
    const w = await o.get(`/open311/v2/requests/${wechat}.json`);
    expect(w.text).not.toContain('o-resident');
    expect(w.text).not.toContain('13812345678');
  });

  it('start_date and end_date (the spec’s example form, with Z) bound requested_datetime; the default window is the last 90 days', async () => {
    const spec = await o.get('/open311/v2/requests.xml?start_date=2010-05-24T00:00:00Z&end_date=2010-06-24T00:00:00Z&status=open');
    expect(spec.status).toBe(200);
    expect(parseXml(spec.text).service_requests).toBe('');
    const day = await o.get('/open311/v2/requests.json?start_date=2026-03-02T09:59:00%2B08:00&end_date=2026-03-02T10:01:00%2B08:00');
    expect(day.json.length).toBeGreaterThanOrEqual(2);
    o.h.clock.advance(91 * 86_400_000);
    expect((await o.get('/open311/v2/requests.json')).json).toEqual([]);
    // asked by id, a request is found whenever it was filed
    expect((await o.get(`/open311/v2/requests.json?service_request_id=${filed}`)).json).toHaveLength(1);
    o.h.clock.advance(-91 * 86_400_000);
  });

  it('media_url is the first photo shown on the public pages, absolute; a photo waiting for review is not', async () => {
    const photo = { path: '2026/03/x.jpg', sha256: 'ab'.repeat(32), bytes: 1000, contentType: 'image/jpeg', source: 'resident' as const };
    const [pending] = await o.h.db.insert(caseMedia).values({ ...photo, caseId: wechat, publicState: 'pending' }).returning();
    expect((await o.get(`/open311/v2/requests/${wechat}.json`)).json[0].media_url).toBeNull();
    const [shown] = await o.h.db.insert(caseMedia).values({ ...photo, caseId: wechat, publicState: 'shown', source: 'staff' }).returning();
    const a = await o.get(`/open311/v2/requests/${wechat}.json`);
    expectSpec('requests', a.json);
    expect(a.json[0].media_url).toBe(`https://minsheng.example.cn/c/${wechat}/photos/${shown!.id}`);
    expect(a.text).not.toContain(`photos/${pending!.id}`);
  });

  it('a refused report is closed, its reason as status_notes', async () => {
    await transition(o.h.db, { caseId: wechat, to: 'rejected', actor: staff, data: { reason: '不属于本街道管辖，请拨打 12345' } }, { now: o.h.clock.now() });
    const [r] = (await o.get(`/open311/v2/requests/${wechat}.json`)).json;
    expect(r).toMatchObject({ status: 'closed', status_notes: '不属于本街道管辖，请拨打 12345' });
  });

  it('refuses bad filters and unknown requests with the spec’s errors', async () => {
    for (const q of ['start_date=9th%20Feb%202012', 'status=pending', 'service_request_id=abc', 'end_date=2026-13-45T00:00:00Z']) {
      const a = await o.get(`/open311/v2/requests.json?${q}`);
      expect(a.status, q).toBe(400);
      expectSpec('errors', a.json);
    }
    const missing = await o.get('/open311/v2/requests/999999.json');
    expect(missing.status).toBe(404);
    expectSpec('errors', missing.json);
    expect((await o.get(`/open311/v2/requests/${proposal}.xml`)).status).toBe(404);
    expect(parseXml((await o.get('/open311/v2/requests/999999.xml')).text).errors.error[0].code).toBe('404');
  });
});
