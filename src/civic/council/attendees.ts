import { z } from 'zod';
import type { councilMeetings } from '../../db/schema.js';

/**
 * Who sat on a 居民议事会, by group and counted, never named: 党组织, 居委会, 工作站, 居民代表, 专家,
 * 人大代表 / 政协委员 (the seeds' list of who deliberates and picks the projects).
 */
export const ATTENDEE_GROUPS = ['party', 'committee', 'workstation', 'residents', 'experts', 'deputies'] as const;
export type AttendeeGroup = (typeof ATTENDEE_GROUPS)[number];
export type Attendees = Record<AttendeeGroup, number>;

const count = z.number().int().min(0).max(1000).default(0);
export const attendeesSchema = z.object({
  party: count,
  committee: count,
  workstation: count,
  residents: count,
  experts: count,
  deputies: count,
});

/** the row's counts as one object */
export const attendeesOf = (m: typeof councilMeetings.$inferSelect): Attendees => ({
  party: m.partyCount,
  committee: m.committeeCount,
  workstation: m.workstationCount,
  residents: m.residentsCount,
  experts: m.expertsCount,
  deputies: m.deputiesCount,
});

/** the insert values of the counts */
export const attendeeValues = (a: Attendees) => ({
  partyCount: a.party,
  committeeCount: a.committee,
  workstationCount: a.workstation,
  residentsCount: a.residents,
  expertsCount: a.experts,
  deputiesCount: a.deputies,
});
