import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '../../src/civic/kinds/report.js';
import { listSubscribers } from '../../src/civic/subscriptions.js';
import type { Database } from '../../src/db/client.js';
import { caseRow, errorOf, eventsOf, openSeeded, T0 } from './fixtures.js';

const onBehalf = (sourceKey: string) => ({
  sourceKey,
  category: '路灯照明',
  description: '同乐村口路灯坏了一周（来电反映）',
  phone: '13800138001',
  communityId: 'tongle',
  filing: { by: { type: 'staff' as const, id: 'staff:7' }, channel: 'phone', contactName: '王阿姨' },
});

describe('a case filed on a resident’s behalf', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openSeeded();
  });
  afterAll(() => database.close());

  it('needs no resident: it keeps the channel, the private contact and who filed it, and subscribes nobody', async () => {
    const { db } = database;
    const r = await submitReport(db, onBehalf('staff:1'), { now: T0 });
    const row = await caseRow(db, r.caseId);
    expect(row).toMatchObject({ openid: null, channel: 'phone', contactName: '王阿姨', phone: '13800138001', communityId: 'tongle' });
    const [created] = await eventsOf(db, r.caseId);
    expect(created).toMatchObject({ type: 'created', actorType: 'staff', actorId: 'staff:7', data: { channel: 'phone', photos: 0 } });
    expect(await listSubscribers(db, r.caseId)).toEqual([]);
  });

  it('a resident’s own case comes through the bot channel', async () => {
    const { db } = database;
    const { filing: _, ...own } = { ...onBehalf('m:own'), openid: 'o-own' };
    const r = await submitReport(db, own, { now: T0 });
    expect(await caseRow(db, r.caseId)).toMatchObject({ channel: 'wechat', contactName: null, openid: 'o-own' });
  });

  it('refuses a case with neither a resident nor someone filing it', async () => {
    const { filing: _, ...nobody } = onBehalf('staff:2');
    expect(await errorOf(submitReport(database.db, nobody, { now: T0 }))).toMatchObject({ code: 'bad_request', reason: 'no_filer' });
  });

  it('holds the filer to their scope on the community the case gets: a street files into its own communities only', async () => {
    const { db } = database;
    const scoped = (sourceKey: string, scope: { kind: 'street'; streetId: string } | { kind: 'community'; communityId: string } | { kind: 'none' }) => {
      const o = onBehalf(sourceKey);
      return { ...o, filing: { ...o.filing, scope } };
    };
    // 同乐 is of street 南头
    expect(await errorOf(submitReport(db, scoped('scope:1', { kind: 'street', streetId: 'taoyuan' }), { now: T0 }))).toMatchObject({ code: 'forbidden', reason: 'out_of_scope' });
    expect(await errorOf(submitReport(db, scoped('scope:2', { kind: 'community', communityId: 'nantoucheng' }), { now: T0 }))).toMatchObject({ code: 'forbidden' });
    expect(await errorOf(submitReport(db, scoped('scope:3', { kind: 'none' }), { now: T0 }))).toMatchObject({ code: 'forbidden' });
    const ok = await submitReport(db, scoped('scope:4', { kind: 'street', streetId: 'nantou' }), { now: T0 });
    expect(await caseRow(db, ok.caseId)).toMatchObject({ communityId: 'tongle', channel: 'phone' });
  });
});
