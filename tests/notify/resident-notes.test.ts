import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transition } from '../../src/civic/lifecycle/transition.js';
import { ASK_WINDOW_DAYS } from '../../src/civic/kinds/asks.js';
import { takeHeldUpdates } from '../../src/notify/held.js';
import { readFollowUps } from '../../src/state/follow-ups.js';
import { keys } from '../../src/state/keys.js';
import { accept, fileReport, staff, startPushHarness, TEMPLATES, type PushHarness } from './harness.js';

/**
 * What the push worker tells the bot, in the state store: a delivered push asking 问题解决了吗 opens
 * a follow-up for the resident (dated from the kinds' one window), and a push left for later raises
 * the flag that makes their next message look for it.
 */
describe('what the push worker tells the bot', () => {
  let h: PushHarness;
  beforeAll(async () => {
    h = await startPushHarness('pglite');
  });
  afterAll(() => h.close());

  const resolve = async (caseId: number) => {
    const now = new Date(h.clock.now());
    await transition(h.db, { caseId, to: 'in_progress', actor: staff }, { now });
    await transition(h.db, { caseId, to: 'resolved', actor: staff, publicNote: '已更换灯泡' }, { now });
  };

  it('a delivered push that asks opens a follow-up until the window closes; one that asks nothing does not', async () => {
    const caseId = await fileReport(h.db, h.clock, 'o-note-ask');
    await accept(h.db, h.clock, caseId);
    await h.worker().drainOnce();
    expect(await h.store.get(keys.followUps('o-note-ask'))).toBeNull();
    await resolve(caseId);
    await h.worker().drainOnce();
    const open = readFollowUps(await h.store.get(keys.followUps('o-note-ask')), new Date(h.clock.now()));
    const until = new Date(h.clock.now() + ASK_WINDOW_DAYS.feedback * 86_400_000).toISOString();
    expect(open).toEqual([{ ask: 'feedback', caseId, until }]);
    expect(await h.store.get(keys.heldPushes('o-note-ask'))).toBeNull();
  });

  it('a push held for later raises the flag, and takes what it asks along', async () => {
    const caseId = await fileReport(h.db, h.clock, 'o-note-held');
    await accept(h.db, h.clock, caseId);
    await resolve(caseId);
    // no template for status pushes and the resident's window closed: held
    await h.worker({ templates: { ...TEMPLATES, status_changed: undefined } }).drainOnce();
    expect(await h.store.get(keys.heldPushes('o-note-held'))).not.toBeNull();
    expect(await h.store.get(keys.followUps('o-note-held'))).toBeNull();
    const held = await takeHeldUpdates(h.db, 'o-note-held', { now: new Date(h.clock.now()) });
    expect(held).toEqual([expect.objectContaining({ caseId, status: '已办结', asks: 'feedback' })]);
  });
});
