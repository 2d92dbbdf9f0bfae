import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { communities, streets } from './residents-schema.js';
import { cases } from './cases-schema.js';

/** 居民议事会: meetings and what each decided (issue 14, item 2). */

/**
 * 居民议事会: a council meeting of one community and what it decided (src/civic/council). The
 * attendees are counts by group, never names; the minutes are a file under MEDIA_DIR, stored as
 * staff photos are (YYYY/MM/<sha256>.<ext>).
 */
export const councilMeetings = pgTable(
  'council_meetings',
  {
    id: serial('id').primaryKey(),
    streetId: text('street_id')
      .notNull()
      .references(() => streets.id),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    /** the day it met (China's calendar day) */
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    /** what it is called or where it met (e.g. 2026年第四季度居民议事会, 社区党群服务中心) */
    title: text('title').notNull(),
    /** 党组织 */
    partyCount: integer('party_count').notNull().default(0),
    /** 居委会 */
    committeeCount: integer('committee_count').notNull().default(0),
    /** 工作站 */
    workstationCount: integer('workstation_count').notNull().default(0),
    /** 居民代表 */
    residentsCount: integer('residents_count').notNull().default(0),
    /** 专家 */
    expertsCount: integer('experts_count').notNull().default(0),
    /** 人大代表 / 政协委员 */
    deputiesCount: integer('deputies_count').notNull().default(0),
    /** the minutes (会议纪要): path relative to MEDIA_DIR, null until uploaded */
    minutesPath: text('minutes_path'),
    minutesType: text('minutes_type'),
    minutesSha256: text('minutes_sha256'),
    minutesBytes: integer('minutes_bytes'),
    /** the staff account that recorded it (actor id) */
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('council_meetings_community_idx').on(t.communityId, t.heldOn), index('council_meetings_street_idx').on(t.streetId)],
);

/** what one meeting decided of one proposal; the status move itself is the case's event (eventId) */
export const councilDecisions = pgTable(
  'council_decisions',
  {
    id: serial('id').primaryKey(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => councilMeetings.id),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    outcome: text('outcome', { enum: ['approved', 'reserve', 'declined'] }).notNull(),
    votesFor: integer('votes_for'),
    votesAgainst: integer('votes_against'),
    votesAbstain: integer('votes_abstain'),
    /** fen (分), approved only */
    approvedCost: bigint('approved_cost', { mode: 'number' }),
    /** why not, declined only (public) */
    reason: text('reason'),
    /** residents who supported it (支持 N) when the meeting decided */
    supportCount: integer('support_count').notNull(),
    /** the status_changed event of the decision */
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('council_decisions_meeting_case_uq').on(t.meetingId, t.caseId),
    index('council_decisions_case_idx').on(t.caseId),
    check('council_decisions_cost', sql`(${t.outcome} = 'approved') = (${t.approvedCost} is not null)`),
    check('council_decisions_reason', sql`${t.outcome} <> 'declined' or ${t.reason} is not null`),
  ],
);
