import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { kindLabel } from '../../civic/index.js';
import type { Db } from '../../db/client.js';
import { caseEvents, cases, communities, staffUsers } from '../../db/schema.js';

/** a supervision older than this is not alerted any more (a channel down for a day sends stale news otherwise) */
export const SUPERVISED_ALERT_WINDOW_MS = 24 * 3600_000;
const LIMIT = 100;

export interface SupervisedAlert {
  eventId: number;
  text: string;
}

/**
 * The 【督办】 alerts for the supervisions (case events of type 'supervised') since `since`, oldest
 * first. The staff alert channels are group chats, so the alert names the community whose staff
 * handle the case and the assignee (承办) it presses; the manager's note is quoted as written.
 */
export async function supervisedAlerts(db: Db, since: Date): Promise<SupervisedAlert[]> {
  const rows = await db
    .select({
      eventId: caseEvents.id,
      caseId: caseEvents.caseId,
      note: caseEvents.internalNote,
      times: sql<number | null>`(${caseEvents.data} ->> 'times')::int`,
      kind: cases.kind,
      assignee: cases.assignee,
      community: communities.name,
      supervisor: staffUsers.displayName,
    })
    .from(caseEvents)
    .innerJoin(cases, eq(cases.id, caseEvents.caseId))
    .leftJoin(communities, eq(communities.id, cases.communityId))
    .leftJoin(staffUsers, sql`${caseEvents.actorType} = 'staff' and ${staffUsers.id}::text = ${caseEvents.actorId}`)
    .where(and(eq(caseEvents.type, 'supervised'), gte(caseEvents.at, since)))
    .orderBy(asc(caseEvents.id))
    .limit(LIMIT);
  return rows.map((r) => {
    const community = r.community ?? '社区未知';
    const note = (r.note ?? '').replace(/[。．.！!；;，,\s]+$/u, '');
    const times = r.times && r.times > 1 ? `（第 ${r.times} 次督办）` : '';
    return {
      eventId: r.eventId,
      text:
        `【督办】${kindLabel(r.kind)} #${r.caseId}（${community}）${times}${r.supervisor ?? '管理人员'}：${note}。` +
        `承办：${r.assignee ?? '尚未指派'}。请${community}工作人员尽快办理，并在工作台回复进展。`,
    };
  });
}
