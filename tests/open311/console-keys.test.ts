import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, open311Keys } from '../../src/db/schema.js';
import { keyHash } from '../../src/open311/keys.js';
import type { Client } from '../console/harness.js';
import { LONGZHU, startOpen311, TONGLE, type Open311Harness } from './harness.js';

describe('Open311 keys in the console (接口密钥)', () => {
  let o: Open311Harness;
  let admin: Client;
  let adminId: number;
  beforeAll(async () => {
    o = await startOpen311();
    adminId = await o.h.user('keys-admin', 'admin');
    admin = await o.h.login('keys-admin');
  });
  afterAll(() => o.close());

  const file = (key: string, where = TONGLE) =>
    o.post('/open311/v2/requests.json', { api_key: key, service_code: 'road', ...where, description: '人行道地砖松动，电话13800138001' });

  it('an admin makes a key limited to a street: shown once, listed without it, only its hash kept, audited', async () => {
    const made = await admin.post('/api/console/open311-keys', { name: '南头巡查 App', streetIds: ['nantou'] });
    expect(made.status).toBe(201);
    const { key, item } = made.json;
    expect(item).toMatchObject({ name: '南头巡查 App', streetIds: ['nantou'], createdBy: adminId, revokedAt: null });
    const list = await admin.get('/api/console/open311-keys');
    expect(list.json.endpoint).toBe('http://127.0.0.1/open311/v2');
    expect(list.json.items.map((k: { id: number }) => k.id)).toContain(item.id);
    expect(list.text).not.toContain(key);
    const [row] = await o.h.db.select().from(open311Keys).where(eq(open311Keys.id, item.id));
    expect(row!.keyHash).toBe(keyHash(key));
    expect((await file(key)).status).toBe(200);
    expect((await file(key, LONGZHU)).status).toBe(403);
    // reading is the same public view for any key or none: nothing private of the case filed in 南头
    const read = await o.get(`/open311/v2/requests.json?api_key=${encodeURIComponent(key)}&service_code=road`);
    expect(read.status).toBe(200);
    expect(read.text).not.toContain('13800138001');
    const revoked = await admin.post(`/api/console/open311-keys/${item.id}/revoke`);
    expect(revoked.json.revokedAt).not.toBeNull();
    expect((await file(key)).status).toBe(403);
    const actions = (await o.h.db.select().from(auditLog).where(eq(auditLog.target, `open311_key:${item.id}`))).map((r) => [r.action, r.staffId]);
    expect(actions).toEqual([
      ['open311_key.create', adminId],
      ['open311_key.revoke', adminId],
    ]);
  });

  it('staff read a request’s attributes in words and its media_url as a link, in the case detail', async () => {
    const a = await o.post('/open311/v2/requests.json', [
      ['api_key', o.key],
      ['service_code', 'drainage'],
      ['lat', TONGLE.lat],
      ['long', TONGLE.long],
      ['description', '井盖没了'],
      ['media_url', 'https://partner.example.cn/p/1.jpg'],
      ['attribute[problem]', 'cover_missing'],
      ['attribute[depth]', 'knee'],
    ]);
    const detail = await admin.get(`/api/console/cases/${a.json[0].service_request_id}`);
    expect(detail.json.open311).toMatchObject({
      partner: '12345 平台',
      attributes: [
        { label: '问题类型', value: '井盖缺失' },
        { label: '积水深度', value: '没过膝盖' },
      ],
      mediaUrl: 'https://partner.example.cn/p/1.jpg',
    });
  });

  it('refuses an unknown street and an empty name, in words', async () => {
    const a = await admin.post('/api/console/open311-keys', { name: '外区系统', streetIds: ['atlantis'] });
    expect(a.status).toBe(400);
    expect(a.json.error.message).toContain('atlantis');
    expect((await admin.post('/api/console/open311-keys', { name: ' ' })).status).toBe(400);
    expect((await admin.post('/api/console/open311-keys/99999/revoke')).status).toBe(404);
  });
});
