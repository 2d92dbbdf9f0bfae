import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordMeeting } from '../../src/civic/council/index.js';
import { chinaDate } from '../../src/civic/calendar.js';
import type { Database } from '../../src/db/client.js';
import { openSeeded, proposal } from '../civic/fixtures.js';
import { NOW, startPages, type PagesServer } from './fixtures.js';

/**
 * 议事会 on a proposal's public page (issue 14, item 2): 「议事会 <date> 决定：确定 / 备选 / 不予采纳（理由）」,
 * the budget it set, the votes it recorded and the attendees counted by group — never a name or who recorded it.
 */
describe('public page: what 居民议事会 decided', () => {
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

  const day = chinaDate(NOW);
  const [, month, date] = day.split('-').map(Number);
  const decide = async (decisions: Parameters<typeof recordMeeting>[1]['meeting']['decisions']) =>
    recordMeeting(
      database.db,
      {
        meeting: { communityId: 'tengshan', heldOn: day, title: '居民议事会', attendees: { party: 3, committee: 5, workstation: 0, residents: 12, experts: 2, deputies: 1 }, decisions },
        actor: { type: 'staff', id: 'STAFF-SECRET-9' },
      },
      { now: NOW },
    );

  it('确定: the date, the outcome, the budget, the votes and the attendees by group', async () => {
    const p = await proposal(database.db, { communityId: 'tengshan', title: '小区门口加装雨棚' });
    await decide([{ caseId: p, outcome: 'approved', approvedCost: 45_000_00, votes: { for: 20, against: 1 } }]);
    const page = (await srv.get(`/c/${p}`)).text;
    expect(page).toContain('居民议事会');
    expect(page).toContain(`议事会 ${month}月${date}日 决定：确定`);
    expect(page).toContain('确定经费 4.5万元');
    expect(page).toContain('表决：同意 20 票、反对 1 票');
    expect(page).toContain('参会 23 人：社区党组织 3 人、居委会 5 人、居民代表 12 人、专家 2 人、人大代表/政协委员 1 人');
    expect(page).not.toContain('工作站 0');
    expect(page).not.toContain('STAFF-SECRET');
  });

  it('不予采纳 shows the reason, phones masked; 备选 shows the outcome', async () => {
    const a = await proposal(database.db, { communityId: 'tengshan' });
    const b = await proposal(database.db, { communityId: 'tengshan' });
    await decide([
      { caseId: a, outcome: 'declined', reason: '属于市政维修范围，请拨 13300133000' },
      { caseId: b, outcome: 'reserve' },
    ]);
    const declined = (await srv.get(`/c/${a}`)).text;
    expect(declined).toContain(`议事会 ${month}月${date}日 决定：不予采纳（属于市政维修范围，请拨 133****3000）`);
    expect(declined).not.toContain('13300133000');
    expect((await srv.get(`/c/${b}`)).text).toContain(`议事会 ${month}月${date}日 决定：备选`);
  });

  it('a proposal no meeting decided has no 议事会 section', async () => {
    const p = await proposal(database.db, { communityId: 'tengshan' });
    expect((await srv.get(`/c/${p}`)).text).not.toContain('data-council');
  });
});
