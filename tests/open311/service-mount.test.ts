import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/open311/index.js';
import type { Service } from '../../src/service.js';
import { startTestService } from '../helpers/service.js';
import { expectSpec, TONGLE } from './harness.js';

describe('Open311 in the running service', () => {
  let s: Service;
  beforeAll(async () => {
    s = await startTestService({}, { db: 'postgres', pushWorker: false });
  });
  afterAll(() => s.stop());

  it('is mounted beside the public pages: a key files a report that the public page and GET requests show', async () => {
    const { key } = await createKey(s.database.db, { name: '12345 平台' }, { staffId: null, now: new Date() });
    const services = await fetch(`${s.url}/open311/v2/services.json`);
    expectSpec('services', await services.json());
    const posted = await fetch(`${s.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: key, service_code: 'streetlight', ...TONGLE, description: '路灯不亮' }).toString(),
    });
    expect(posted.status).toBe(200);
    const id = ((await posted.json()) as { service_request_id: string }[])[0]!.service_request_id;
    expect((await fetch(`${s.url}/c/${id}`)).status).toBe(200);
    const one = await fetch(`${s.url}/open311/v2/requests/${id}.xml`);
    expect(one.headers.get('content-type')).toContain('text/xml');
    const refused = await fetch(`${s.url}/open311/v2/requests.json`, { method: 'POST', body: new URLSearchParams({ service_code: 'streetlight' }) });
    expect(refused.status).toBe(403);
    expectSpec('errors', await refused.json());
    // the console's API is untouched
    expect((await fetch(`${s.url}/api/console/me`)).status).toBe(401);
  });
});
