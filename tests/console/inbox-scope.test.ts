import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindCommunity, ensureResident } from '../../src/civic/index.js';
import { DEFAULT_LOGIN } from '../../src/console/config.js';
import type { ConsoleDeps } from '../../src/console/deps.js';
import { assignTicket, claimTicket, noteTicket, resolveTicket } from '../../src/console/inbox/actions.js';
import { notifyTicket, replyToTicket } from '../../src/console/inbox/reply.js';
import type { TicketRow } from '../../src/console/inbox/tickets.js';
import { toPrincipal } from '../../src/console/auth/principal.js';
import { findStaff } from '../../src/console/staff.js';
import { conversations } from '../../src/db/schema.js';
import { silentLogger } from '../../src/log.js';
import { requestHandoff } from '../../src/runtime/handoff.js';
import { startConsole, TEST_COST, type ConsoleHarness } from './harness.js';

/**
 * Issue 13, item 1, for the inbox: each ticket write checks the user's scope itself, on the ticket
 * as it is when written, not only the route before it (a ticket moved to another community after
 * it was read, or a caller that skipped the route's check, is refused and nothing is written).
 */
describe.each(['postgres', 'pglite'] as const)('ticket writes check scope themselves (%s)', (kind) => {
  let h: ConsoleHarness;
  let deps: ConsoleDeps;
  let seq = 0;

  beforeAll(async () => {
    h = await startConsole(kind);
    deps = {
      db: h.db,
      store: h.store,
      api: () => undefined,
      logger: silentLogger,
      config: { publicUrl: 'http://127.0.0.1', sessionIdleMs: 60_000, sessionMaxMs: 3_600_000, login: DEFAULT_LOGIN, unacknowledgedHours: 24, argon2: TEST_COST },
      media: h.media,
      now: h.clock.now,
    };
  });
  afterAll(() => h.close());

  /** a 南头城 ticket as its staff read it, then moved to 龙珠 before the write */
  const moved = async (): Promise<TicketRow> => {
    const openid = `o-moved-${++seq}`;
    await ensureResident(h.db, openid, h.clock.now());
    await bindCommunity(h.db, openid, 'nantoucheng', h.clock.now());
    const { ticketId } = await requestHandoff(h.db, { openid, reason: 'resident', context: {}, now: h.clock.now() });
    const [read] = await h.db.select().from(conversations).where(eq(conversations.id, ticketId));
    await h.db.update(conversations).set({ communityId: 'longzhu' }).where(eq(conversations.id, ticketId));
    return read!;
  };

  it.each([
    ['claim', (me, t) => claimTicket(deps, me, t)],
    ['assign', (me, t) => assignTicket(deps, me, t, me.id)],
    ['resolve', (me, t) => resolveTicket(deps, me, t)],
    ['reply', (me, t) => replyToTicket(deps, me, t, '您好')],
    ['notify', (me, t) => notifyTicket(deps, me, t, undefined)],
    ['note', (me, t) => noteTicket(deps, me, t, '内部')],
  ] as [string, (me: ReturnType<typeof toPrincipal>, t: TicketRow) => Promise<unknown>][])('%s: 403, the ticket unchanged', async (_name, write) => {
    const id = await h.user(`nt-${++seq}`, 'community', { communityId: 'nantoucheng' });
    const me = toPrincipal((await findStaff(h.db, id))!);
    const t = await moved();
    await expect(write(me, t)).rejects.toMatchObject({ status: 403 });
    const [now] = await h.db.select().from(conversations).where(eq(conversations.id, t.id));
    expect(now).toMatchObject({ status: t.status, assigneeId: t.assigneeId, resolvedAt: null });
  });
});
