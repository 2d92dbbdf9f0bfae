import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supportProposal } from '../../src/civic/support.js';
import type { Database } from '../../src/db/client.js';
import { forceStatus, openSeeded, proposal } from '../civic/fixtures.js';
import { NOW, sectionOf, startPages, type PagesServer } from './fixtures.js';

/** a proposal's page shows its supporters and, during 征集, the bot words that support it: never a form */
describe('public page of a proposal: support', () => {
  let database: Database;
  let mediaDir: string;
  let srv: PagesServer;
  beforeAll(async () => {
    database = await openSeeded();
    mediaDir = mkdtempSync(path.join(tmpdir(), 'msw-support-'));
    srv = await startPages({ db: database.db, mediaDir, now: () => NOW });
  });
  afterAll(async () => {
    await srv.close();
    await database.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  it('during 征集: the count and 「在公众号回复 支持 N」, no form', async () => {
    const p = await proposal(database.db);
    await supportProposal(database.db, p, 'o-page-1', NOW);
    await supportProposal(database.db, p, 'o-page-2', NOW);
    const r = await srv.get(`/c/${p}`);
    const facts = sectionOf(r.text, '基本信息');
    expect(facts).toContain('<dt>居民支持</dt><dd>2 人</dd>');
    expect(facts).toContain(`支持这个提议：在公众号回复 支持 ${p}`);
    expect(r.text).not.toContain('<form');
  });

  it('after 征集: the count stays, the way to support is gone', async () => {
    const p = await proposal(database.db);
    await supportProposal(database.db, p, 'o-page-3', NOW);
    await forceStatus(database.db, p, 'approved', { approvedCost: 10_000_00, batch: '第一批' });
    const r = await srv.get(`/c/${p}`);
    expect(sectionOf(r.text, '基本信息')).toContain('<dt>居民支持</dt><dd>1 人</dd>');
    expect(r.text).not.toContain('支持这个提议');
  });
});
