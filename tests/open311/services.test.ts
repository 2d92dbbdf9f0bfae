import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCategories } from '../../src/civic/categories.js';
import { expectSpec, parseXml, startOpen311, type Open311Harness } from './harness.js';

describe('Open311 discovery and services (GeoReport v2)', () => {
  let o: Open311Harness;
  beforeAll(async () => {
    o = await startOpen311();
  });
  afterAll(() => o.close());

  it('discovery.json and .xml name the v2 endpoint and both formats', async () => {
    const j = await o.get('/open311/discovery.json');
    expect(j.status).toBe(200);
    expectSpec('discovery', j.json);
    expect(j.json.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', url: 'https://minsheng.example.cn/open311/v2', formats: ['text/xml', 'application/json'] });
    const x = await o.get('/open311/discovery.xml');
    expect(x.type).toContain('text/xml');
    const doc = parseXml(x.text).discovery;
    expect(doc.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
  });

  it('services.json: one realtime service per report category, metadata where it has attributes', async () => {
    const a = await o.get('/open311/v2/services.json');
    expect(a.status).toBe(200);
    expect(a.type).toContain('application/json');
    expectSpec('services', a.json);
    expect(a.json.map((s: { service_code: string }) => s.service_code)).toEqual(defaultCategories().list.map((c) => c.id));
    const drainage = a.json.find((s: { service_code: string }) => s.service_code === 'drainage');
    expect(drainage).toMatchObject({ service_name: '排水井盖', metadata: true, type: 'realtime', keywords: '井盖,下水道,积水' });
    expect(a.json.find((s: { service_code: string }) => s.service_code === 'noise').metadata).toBe(false);
  });

  it('services.xml: <services><service> with the spec’s element names, metadata as true/false', async () => {
    const a = await o.get('/open311/v2/services.xml');
    const services = parseXml(a.text).services.service;
    expect(services).toHaveLength(defaultCategories().list.length);
    for (const s of services) expect(Object.keys(s).sort()).toEqual(['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type']);
    expect(services.find((s: { service_code: string }) => s.service_code === 'drainage').metadata).toBe('true');
  });

  it('services/{code}: the definition with its attributes, in JSON and XML', async () => {
    const a = await o.get('/open311/v2/services/drainage.json');
    expect(a.status).toBe(200);
    expectSpec('serviceDefinition', a.json);
    expect(a.json.attributes[0]).toMatchObject({ variable: true, code: 'problem', datatype: 'singlevaluelist', required: true, order: 1 });
    expect(a.json.attributes[0].values).toContainEqual({ key: 'cover_missing', name: '井盖缺失' });
    const x = parseXml((await o.get('/open311/v2/services/drainage.xml')).text).service_definition;
    expect(x.service_code).toBe('drainage');
    const attr = x.attributes.attribute[0];
    expect(Object.keys(attr).sort()).toEqual(['code', 'datatype', 'datatype_description', 'description', 'order', 'required', 'values', 'variable']);
    expect(attr.values.value[0]).toEqual({ key: 'cover_missing', name: '井盖缺失' });
  });

  it('an unknown service code is the spec’s 404 error list, in either format', async () => {
    const j = await o.get('/open311/v2/services/pothole.json');
    expect(j.status).toBe(404);
    expectSpec('errors', j.json);
    expect(j.json[0]).toMatchObject({ code: 404 });
    const x = await o.get('/open311/v2/services/pothole.xml');
    expect(x.status).toBe(404);
    expect(parseXml(x.text).errors.error[0].code).toBe('404');
    // an unknown path under /open311 too, and a format the spec does not have
    expect((await o.get('/open311/v2/nothing.json')).status).toBe(404);
    expect((await o.get('/open311/v2/services.html')).json[0].code).toBe(404);
  });
});
