import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { rowsOf } from '../db/rows-of.js';
import type { InboundMessage } from '../wechat/inbound.js';
import type { OpenTicket } from './handoff.js';
import { describeInbound } from './transcript.js';

export interface TurnRecord {
  /** the resident's community; undefined when the row was not visible to the statement (see below) */
  communityId: string | null | undefined;
  ticket: OpenTicket | undefined;
}

const TICKET_STATUSES = new Set(['queued', 'assigned', 'resolved']);

/**
 * The start of a turn in one statement (one round trip, one implicit transaction): the resident
 * row created on first sight (ensureResident), the open ticket read (openTicketOf) and the inbound
 * message written to the transcript on that ticket. Data-modifying CTEs run once and to completion
 * whether or not the outer query reads them.
 *
 * A resident row inserted by a concurrent transaction after this statement's snapshot is neither
 * inserted here nor visible: communityId is then undefined and the caller reads it when needed.
 */
export async function recordTurnStart(db: Db, msg: InboundMessage, at: Date): Promise<TurnRecord> {
  const d = describeInbound(msg);
  const openid = msg.fromUser;
  const when = at.toISOString();
  const result = await db.execute(sql`
    with ins as (
      insert into residents (openid, created_at) values (${openid}, ${when}::timestamptz)
      on conflict (openid) do nothing
      returning community_id
    ), res as (
      select community_id from ins
      union all
      select community_id from residents where openid = ${openid} and not exists (select 1 from ins)
    ), tkt as (
      select id, status, community_id from conversations where openid = ${openid} and status <> 'resolved' limit 1
    ), msg as (
      insert into messages (openid, conversation_id, direction, sender, msg_type, body, data, created_at)
      values (${openid}, (select id from tkt), 'in', 'resident', ${d.msgType}, ${d.body}, ${JSON.stringify(d.data)}::jsonb, ${when}::timestamptz)
      returning id
    )
    select exists (select 1 from res) as resident_found, (select community_id from res limit 1) as resident_community,
      tkt.id as ticket_id, tkt.status as ticket_status, tkt.community_id as ticket_community, (select count(*) from msg)::int as recorded
    from (select 1) as one left join tkt on true`);
  const row = rowsOf(result)[0];
  if (!row || Number(row.recorded) !== 1) throw new Error('turn start: the inbound message was not recorded');
  const status = row.ticket_status;
  const ticket =
    row.ticket_id !== null && row.ticket_id !== undefined && typeof status === 'string' && TICKET_STATUSES.has(status)
      ? { id: Number(row.ticket_id), status: status as OpenTicket['status'], communityId: (row.ticket_community as string | null) ?? null }
      : undefined;
  const found = row.resident_found === true || row.resident_found === 't';
  return { communityId: found ? ((row.resident_community as string | null) ?? null) : undefined, ticket };
}
