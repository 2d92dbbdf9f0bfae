import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToBatch, createBatch, publishBatch } from '../../src/civic/budgets/index.js';
import type { Database } from '../../src/db/client.js';
import { forceStatus, openSeeded, proposal, staff } from '../civic/fixtures.js';
import { NOW, startPages, type PagesServer } from './fixtures.js';

/** GET /batches (issue 14, item 3): the published batches with their projects and money; an unpublished one is not shown; residents' words escaped and masked. */
describe('public page: published batches', () => {
  let database: Database;
  let srv: PagesServer;
  beforeAll(async () => {
    database = await openSeeded();
    srv = await startPages({ db: database.db, now: () => NOW });
  });
  afterAll(async () => {
    await srv.close();
    await database.close();
  });

  const approved = async (title: string, cost: number) => {
    const id = await proposal(database.db, { communityId: 'tengshan', title });
    await forceStatus(database.db, id, 'approved', { approvedCost: cost });
    return id;
  };

  it('says so when none is published', async () => {
    const r = await srv.get('/batches');
    expect(r.status).toBe(200);
    expect(r.text).toContain('目前还没有公布的项目批次。');
  });

  it('lists a published batch with its projects, not an unpublished one, the words escaped', async () => {
    const a = await approved('小区门口加装雨棚', 45_000_00);
    const b = await approved('<i>棚</i>13800138000', 12_000_00);
    const one = await createBatch(database.db, { batch: { streetId: 'hongqi', year: 2026, title: '2026年第一批' }, actor: staff }, { now: NOW });
    await addToBatch(database.db, { batchId: one.id, caseIds: [a, b], actor: staff }, { now: NOW });
    const draft = await createBatch(database.db, { batch: { streetId: 'hongqi', year: 2026, title: '2026年第二批' }, actor: staff }, { now: NOW });
    await addToBatch(database.db, { batchId: draft.id, caseIds: [await approved('篮球场翻新', 1_00)], actor: staff }, { now: NOW });
    await publishBatch(database.db, { batchId: one.id, actor: staff }, { now: NOW });
    const page = (await srv.get('/batches')).text;
    expect(page).toContain('红旗镇 · 2026年第一批');
    expect(page).toContain('共 2 个项目，确定经费合计 5.7万元');
    expect(page).toContain(`<a href="/c/${a}">小区门口加装雨棚</a>`);
    expect(page).toContain('经费 4.5万元');
    expect(page).toContain('藤山社区');
    expect(page).not.toContain('<i>棚');
    expect(page).toContain('&lt;i&gt;棚');
    expect(page).not.toContain('13800138000');
    expect(page).not.toContain('2026年第二批');
    expect(page).not.toContain('篮球场翻新');
  });
});
