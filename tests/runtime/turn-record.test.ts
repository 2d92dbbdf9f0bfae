import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCommunities } from '../../src/civic/index.js';
import type { Database } from '../../src/db/client.js';
import { conversations, messages, residents } from '../../src/db/schema.js';
import { recordTurnStart } from '../../src/runtime/turn-record.js';
import type { InboundMessage } from '../../src/wechat/inbound.js';
import { openTestDatabase } from '../helpers/db.js';

const text = (fromUser: string, content: string): InboundMessage =>
  ({ type: 'text', fromUser, toUser: 'gh_test', createTime: 1_700_000_000, msgId: String(Math.random()).slice(2), content }) as InboundMessage;

describe('the start of a turn in one statement', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    await seedCommunities(database.db);
  });
  afterAll(() => database.close());

  it('creates the resident on first sight and records the inbound message off any ticket', async () => {
    const at = new Date('2026-03-01T08:00:00Z');
    expect(await recordTurnStart(database.db, text('oNew', '你好'), at)).toEqual({ communityId: null, ticket: undefined });
    const [row] = await database.db.select().from(residents).where(eq(residents.openid, 'oNew'));
    expect(row!.createdAt.toISOString()).toBe(at.toISOString());
    const log = await database.db.select().from(messages).where(eq(messages.openid, 'oNew'));
    expect(log).toMatchObject([{ direction: 'in', sender: 'resident', msgType: 'text', body: '你好', conversationId: null, data: {} }]);
    expect(log[0]!.at.toISOString()).toBe(at.toISOString());
  });

  it("reads a known resident's community and leaves the row as it was", async () => {
    await database.db.insert(residents).values({ openid: 'oKnown', communityId: 'nantoucheng', createdAt: new Date('2025-01-01T00:00:00Z') });
    expect(await recordTurnStart(database.db, text('oKnown', '报修'), new Date())).toEqual({ communityId: 'nantoucheng', ticket: undefined });
    const [row] = await database.db.select().from(residents).where(eq(residents.openid, 'oKnown'));
    expect(row!.createdAt.toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('returns the open ticket and files the message on it; a resolved ticket does not count', async () => {
    await database.db.insert(residents).values({ openid: 'oTicket' });
    await database.db.insert(conversations).values({ openid: 'oTicket', status: 'resolved', reason: 'resident', resolvedAt: new Date() });
    const [open] = await database.db
      .insert(conversations)
      .values({ openid: 'oTicket', status: 'assigned', reason: 'resident', communityId: 'nantoucheng' })
      .returning();
    const r = await recordTurnStart(database.db, text('oTicket', '还在吗'), new Date());
    expect(r.ticket).toEqual({ id: open!.id, status: 'assigned', communityId: 'nantoucheng' });
    const log = await database.db.select().from(messages).where(eq(messages.openid, 'oTicket'));
    expect(log.map((m) => m.conversationId)).toEqual([open!.id]);
  });
});
