import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supportProposal, proposalSupportCounts } from '../../src/civic/support.js';
import { subscribeCase } from '../../src/civic/follow.js';
import { reachableSubscribers } from '../../src/civic/outbox.js';
import { unsubscribeCase } from '../../src/civic/subscriptions.js';
import { residents } from '../../src/db/schema.js';
import { pushPayloadSchema } from '../../src/notify/push-content.js';
import type { Database } from '../../src/db/client.js';
import type { DbKind } from '../helpers/db.js';
import { T0, forceStatus, openSeeded, outboxOf, proposal, report } from './fixtures.js';

const rules = { milestones: [3, 5] };
let n = 0;
const resident = () => `o-support-${++n}`;

describe.each<DbKind>(['postgres', 'pglite'])('支持 N: residents support a proposal during 征集 (%s)', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openSeeded(kind);
  });
  afterAll(() => database.close());

  it('counts each resident once; a second 支持 says they already support it', async () => {
    const p = await proposal(database.db);
    const a = resident();
    expect(await supportProposal(database.db, p, a, T0, rules)).toEqual({ outcome: 'supported', count: 1 });
    expect(await supportProposal(database.db, p, a, T0, rules)).toEqual({ outcome: 'already', count: 1 });
    expect(await supportProposal(database.db, p, resident(), T0, rules)).toEqual({ outcome: 'supported', count: 2 });
    expect((await proposalSupportCounts(database.db, [p])).get(p)).toBe(2);
  });

  it('refuses the proposer themself, and counts nothing', async () => {
    const p = await proposal(database.db, { openid: 'o-proposer-own' });
    expect(await supportProposal(database.db, p, 'o-proposer-own', T0, rules)).toEqual({ outcome: 'own' });
    expect((await proposalSupportCounts(database.db, [p])).get(p)).toBeUndefined();
  });

  it('is taken while collected and reviewing, refused after 征集 with the stage it is in', async () => {
    const p = await proposal(database.db);
    await forceStatus(database.db, p, 'reviewing');
    expect((await supportProposal(database.db, p, resident(), T0, rules)).outcome).toBe('supported');
    await forceStatus(database.db, p, 'approved', { approvedCost: 10_000_00, batch: '第一批' });
    expect(await supportProposal(database.db, p, resident(), T0, rules)).toEqual({ outcome: 'closed', statusLabel: expect.any(String) });
    const closed = await supportProposal(database.db, p, resident(), T0, rules);
    expect(closed.outcome === 'closed' && closed.statusLabel).not.toBe('approved');
    expect((await proposalSupportCounts(database.db, [p])).get(p)).toBe(1);
  });

  it('退订 stops the pushes but keeps the support counted; 订阅 again brings the pushes back', async () => {
    const p = await proposal(database.db);
    const a = resident();
    await database.db.insert(residents).values({ openid: a, following: true }).onConflictDoNothing();
    await supportProposal(database.db, p, a, T0, rules);
    expect(await reachableSubscribers(database.db, p)).toContain(a);
    expect(await unsubscribeCase(database.db, p, a)).toBe(true);
    expect((await proposalSupportCounts(database.db, [p])).get(p)).toBe(1);
    expect(await reachableSubscribers(database.db, p)).not.toContain(a);
    // a second 退订 has nothing left to stop; supporting again is still "already"
    expect(await unsubscribeCase(database.db, p, a)).toBe(false);
    expect(await supportProposal(database.db, p, a, T0, rules)).toEqual({ outcome: 'already', count: 1 });
    expect(await subscribeCase(database.db, p, a, T0)).toBe('supporter');
    expect(await reachableSubscribers(database.db, p)).toContain(a);
  });

  it('only proposals take support (a report is joined with 我也遇到)', async () => {
    const r = await report(database.db);
    expect(await supportProposal(database.db, r, resident(), T0, rules)).toEqual({ outcome: 'not_proposal' });
  });

  it('an unknown case is not found', async () => {
    await expect(supportProposal(database.db, 999_999, resident(), T0, rules)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('pushes the proposer once at each milestone, never the supporters', async () => {
    const p = await proposal(database.db, { openid: 'o-proposer-ms' });
    for (let i = 0; i < 6; i++) await supportProposal(database.db, p, resident(), T0, rules);
    const pushes = (await outboxOf(database.db, p)).filter((o) => o.idempotencyKey.startsWith('support:'));
    expect(pushes.map((o) => [o.openid, o.idempotencyKey])).toEqual([
      ['o-proposer-ms', `support:${p}:3`],
      ['o-proposer-ms', `support:${p}:5`],
    ]);
    expect((pushes[0]!.payload as { publicNote: string }).publicNote).toBe('已有 3 位居民支持您的提议，议事会讨论时会看到');
    // the notifier reads it as any case update (a note on the case): nothing new to deliver
    expect(pushes[0]!.kind).toBe('case_update');
    expect(pushPayloadSchema.parse(pushes[0]!.payload)).toMatchObject({ caseNumber: p, update: 'note', kind: 'proposal' });
  });

  it('two supports at once crossing a milestone push it exactly once', async () => {
    const p = await proposal(database.db, { openid: 'o-proposer-race' });
    await supportProposal(database.db, p, resident(), T0, rules);
    // 1 supporter; the two below make 2 and 3 (the milestone) in whichever order they land
    await Promise.all([supportProposal(database.db, p, resident(), T0, rules), supportProposal(database.db, p, resident(), T0, rules)]);
    // and again across 5, with three at once (4, 5, 6)
    await Promise.all([0, 1, 2].map(() => supportProposal(database.db, p, resident(), T0, rules)));
    expect((await proposalSupportCounts(database.db, [p])).get(p)).toBe(6);
    const keys = (await outboxOf(database.db, p)).map((o) => o.idempotencyKey).filter((k) => k.startsWith('support:')).sort();
    expect(keys).toEqual([`support:${p}:3`, `support:${p}:5`]);
  });
});
