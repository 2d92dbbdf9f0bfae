import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmPhoneBinding, startPhoneBinding } from '../../src/civic/index.js';
import { revokeKey } from '../../src/open311/index.js';
import { auditLog, caseEvents, cases, open311Requests } from '../../src/db/schema.js';
import { expectSpec, LONGZHU, parseXml, startOpen311, TONGLE, type Open311Harness } from './harness.js';

/** a conformant request: a streetlight out in 同乐 */
const good = (key: string, more: Record<string, string> = {}): Record<string, string> => ({
  api_key: key,
  service_code: 'streetlight',
  ...TONGLE,
  description: '同乐村口的路灯坏了一周，晚上很黑',
  ...more,
});

describe('Open311 POST requests', () => {
  let o: Open311Harness;
  beforeAll(async () => {
    o = await startOpen311();
  });
  afterAll(() => o.close());

  it('files a report by the point (WGS-84, as cases store it): the community and street from the map, the key as the filer', async () => {
    const a = await o.post('/open311/v2/requests.json', good(o.key, { first_name: '阿姨', last_name: '王', phone: '13800138001', email: 'wang@example.cn', attribute: 'x' }));
    expect(a.status).toBe(200);
    expectSpec('postResponse', a.json);
    const id = Number(a.json[0].service_request_id);
    const [row] = await o.h.db.select().from(cases).where(eq(cases.id, id));
    expect(row).toMatchObject({ category: 'streetlight', communityId: 'tongle', streetId: 'nantou', channel: 'open311', openid: null, contactName: '王阿姨', phone: '13800138001', lat: 22.5561, lng: 113.9141 });
    const [created] = await o.h.db.select().from(caseEvents).where(eq(caseEvents.caseId, id));
    expect(created).toMatchObject({ type: 'created', actorType: 'partner', data: { channel: 'open311' } });
    const audit = await o.h.db.select().from(auditLog).where(eq(auditLog.target, `case:${id}`));
    expect(audit.map((r) => r.action)).toEqual(['open311.request']);
  });

  it('keeps a mobile number as its 11 digits, however the partner wrote it, so the resident who binds that phone later gets the case', async () => {
    const a = await o.post('/open311/v2/requests.json', good(o.key, { phone: '+86 138-0013-8002' }));
    expect(a.status).toBe(200);
    const id = Number(a.json[0].service_request_id);
    const [row] = await o.h.db.select().from(cases).where(eq(cases.id, id));
    expect(row!.phone).toBe('13800138002');
    // a landline or a number from elsewhere is kept as written, without its spaces
    const b = await o.post('/open311/v2/requests.json', good(o.key, { phone: '0755 8888 1234' }));
    const [landline] = await o.h.db.select().from(cases).where(eq(cases.id, Number(b.json[0].service_request_id)));
    expect(landline!.phone).toBe('075588881234');
    // the resident binds 13800138002 in the bot: the partner's case is theirs
    const now = new Date();
    const { code } = await startPhoneBinding(o.h.db, { openid: 'oOpen311Binder', phone: '13800138002', now });
    expect(await confirmPhoneBinding(o.h.db, { openid: 'oOpen311Binder', code, now })).toMatchObject({ outcome: 'bound', found: 1 });
    const [claimed] = await o.h.db.select().from(cases).where(eq(cases.id, id));
    expect(claimed!.openid).toBe('oOpen311Binder');
  });

  it('answers in XML as <service_requests><request>, and takes attributes and media_url (kept, never fetched)', async () => {
    const form: [string, string][] = [
      ...Object.entries(good(o.key, { service_code: 'drainage', description: '龙珠大道的井盖没了', ...LONGZHU, media_url: 'http://10.255.255.1/never-fetched.jpg' })),
      ['attribute[problem]', 'cover_missing'],
      ['attribute[depth]', ''],
    ];
    const a = await o.post('/open311/v2/requests.xml', form);
    expect(a.status).toBe(200);
    const r = parseXml(a.text).service_requests.request;
    expect(r).toHaveLength(1);
    expect(Object.keys(r[0]).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
    const [extra] = await o.h.db.select().from(open311Requests).where(eq(open311Requests.caseId, Number(r[0].service_request_id)));
    expect(extra).toMatchObject({ serviceCode: 'drainage', attributes: { problem: 'cover_missing' }, mediaUrl: 'http://10.255.255.1/never-fetched.jpg' });
  });

  it('takes a JSON body too, attributes as attribute[code] keys', async () => {
    const res = await fetch(`${o.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...good(o.key, { service_code: 'drainage' }), 'attribute[problem]': 'blocked' }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { service_request_id: string }[];
    expectSpec('postResponse', body);
    const [extra] = await o.h.db.select().from(open311Requests).where(eq(open311Requests.caseId, Number(body[0]!.service_request_id)));
    expect(extra!.attributes).toEqual({ problem: 'blocked' });
    const bad = await fetch(`${o.url}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[1,2' });
    expect(bad.status).toBe(400);
    expectSpec('errors', await bad.json());
  });

  it('files by address_string alone: the community named in it', async () => {
    const { lat: _a, long: _b, ...noPoint } = good(o.key);
    const a = await o.post('/open311/v2/requests.json', { ...noPoint, address_string: '南头古城中山南街' });
    expect(a.status).toBe(200);
    const [row] = await o.h.db.select().from(cases).where(eq(cases.id, Number(a.json[0].service_request_id)));
    expect(row).toMatchObject({ communityId: 'nantoucheng', streetId: 'nantou', lat: null, locationLabel: '南头古城中山南街' });
  });

  it('takes the spec’s example body (attribute[WHISETN], attribute[ASDF][]) field by field, but refuses its San Francisco service as unknown here', async () => {
    const spec: [string, string][] = [
      ['api_key', o.key],
      ['service_code', '001'],
      ['lat', '37.76524078'],
      ['long', '-122.4212043'],
      ['address_string', '1234 5th street'],
      ['email', 'smit222@sfgov.edu'],
      ['device_id', 'tt222111'],
      ['account_id', '123456'],
      ['first_name', 'john'],
      ['last_name', 'smith'],
      ['phone', '111111111'],
      ['description', 'A large sinkhole is destroying the street'],
      ['media_url', 'http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg'],
      ['attribute[WHISETN]', '123'],
      ['attribute[ASDF][]', 'one'],
      ['attribute[ASDF][]', 'two'],
    ];
    const a = await o.post('/open311/v2/requests.json', spec);
    expect(a.status).toBe(400);
    expect(a.json[0].description).toContain('service_code 001');
    // the same body with our service and a place we serve, but its attributes are not ours
    const ours = spec.map(([k, v]): [string, string] => (k === 'service_code' ? [k, 'road'] : k === 'lat' ? [k, TONGLE.lat] : k === 'long' ? [k, TONGLE.long] : [k, v]));
    const b = await o.post('/open311/v2/requests.json', ours);
    expect(b.status).toBe(400);
    expect(b.json[0].description).toContain('attribute[WHISETN]');
    const c = await o.post('/open311/v2/requests.json', ours.filter(([k]) => !k.startsWith('attribute')));
    expect(c.status).toBe(200);
    expectSpec('postResponse', c.json);
  });

  const refused: [string, (key: string) => Record<string, string> | [string, string][], number, string][] = [
    ['no service_code', (k) => { const { service_code: _, ...f } = good(k); return f; }, 400, 'service_code is required'],
    ['an unknown service_code', (k) => good(k, { service_code: 'pothole' }), 400, 'service_code pothole'],
    ['no location', (k) => { const { lat: _a, long: _b, ...f } = good(k); return f; }, 400, 'a location is required'],
    ['lat without long', (k) => { const { long: _, ...f } = good(k); return f; }, 400, 'lat and long'],
    ['a point outside every street served', (k) => good(k, { lat: '37.76524078', long: '-122.4212043' }), 400, 'outside'],
    ['no description', (k) => { const { description: _, ...f } = good(k); return f; }, 400, 'description'],
    ['no api_key', (k) => { const { api_key: _, ...f } = good(k); return f; }, 403, 'api_key is required'],
    ['no api_key and no service_code (the key is asked first)', (k) => { const { api_key: _a, service_code: _b, ...f } = good(k); return f; }, 403, 'api_key is required'],
    ['a wrong api_key', () => good('not-a-key-at-all'), 403, 'api_key'],
    ['a missing required attribute[problem]', (k) => good(k, { service_code: 'drainage' }), 400, 'attribute[problem] is required'],
    ['a value not in the singlevaluelist', (k) => [...Object.entries(good(k, { service_code: 'drainage' })), ['attribute[problem]', 'volcano']], 400, 'attribute[problem]'],
    ['a media_url that is not http(s)', (k) => good(k, { media_url: 'file:///etc/passwd' }), 400, 'media_url'],
  ];
  for (const [what, form, status, says] of refused)
    it(`refuses ${what}: ${status} with the spec’s error list, in JSON and XML`, async () => {
      const before = (await o.h.db.select({ id: cases.id }).from(cases)).length;
      const j = await o.post('/open311/v2/requests.json', form(o.key));
      expect(j.status).toBe(status);
      expectSpec('errors', j.json);
      expect(j.json[0]).toMatchObject({ code: status });
      expect(j.json[0].description).toContain(says);
      const x = await o.post('/open311/v2/requests.xml', form(o.key));
      expect(x.status).toBe(status);
      const e = parseXml(x.text).errors.error;
      expect(e[0]).toEqual({ code: String(status), description: j.json[0].description });
      expect((await o.h.db.select({ id: cases.id }).from(cases)).length).toBe(before);
    });

  it('a revoked key is refused with 403 from then on', async () => {
    const { createKey } = await import('../../src/open311/index.js');
    const k = await createKey(o.h.db, { name: '旧系统' }, { staffId: null, now: o.h.clock.now() });
    expect((await o.post('/open311/v2/requests.json', good(k.key))).status).toBe(200);
    await revokeKey(o.h.db, k.row.id, { staffId: null, now: o.h.clock.now() });
    const a = await o.post('/open311/v2/requests.json', good(k.key));
    expect(a.status).toBe(403);
    expectSpec('errors', a.json);
  });

  it('a key limited to 南头 files there, and not into 桃源 (403)', async () => {
    expect((await o.post('/open311/v2/requests.json', good(o.nantouKey))).status).toBe(200);
    const a = await o.post('/open311/v2/requests.json', good(o.nantouKey, LONGZHU));
    expect(a.status).toBe(403);
    expect(a.json[0].description).toContain('street');
  });

  it('a body over 64 KB is refused with 413 in the spec’s error list, in JSON and XML, and files nothing', async () => {
    const before = (await o.h.db.select({ id: cases.id }).from(cases)).length;
    const long = good(o.key, { description: '路灯'.repeat(20_000) });
    const j = await o.post('/open311/v2/requests.json', long);
    expect(j.status).toBe(413);
    expectSpec('errors', j.json);
    expect(j.json[0]).toMatchObject({ code: 413 });
    const x = await o.post('/open311/v2/requests.xml', long);
    expect(x.status).toBe(413);
    expect(parseXml(x.text).errors.error[0]).toEqual({ code: '413', description: j.json[0].description });
    expect((await o.h.db.select({ id: cases.id }).from(cases)).length).toBe(before);
  });

  it('escapes what it echoes in XML errors', async () => {
    const a = await o.post('/open311/v2/requests.xml', good(o.key, { service_code: 'a<b>&"c' }));
    expect(a.status).toBe(400);
    expect(a.text).not.toContain('<b>');
    expect(parseXml(a.text).errors.error[0].description).toContain('a<b>&"c');
  });
});
