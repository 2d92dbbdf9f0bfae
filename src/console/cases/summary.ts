import { calendarOf, categoriesOf, kindLabel, kindModule, statusAttrs, statusLabel, uncoveredYears, type CategoryCatalog, type WorkingCalendar } from '../../civic/index.js';
import { caseTitle } from '../../civic/outbox.js';
import type { CaseSummary } from '../contract.js';
import { hoursBetween } from '../dates.js';
import { isoOrNull } from '../http.js';
import type { CaseListRow } from './query.js';

/** the same as overdueSql, for a row already read */
export function isOverdue(c: CaseListRow['c'], now: Date): boolean {
  return kindModule(c.kind).features.due && !!statusAttrs(c.kind, c.status)?.open && !!c.dueAt && c.dueAt < now;
}

/**
 * the due date was counted over a year whose holidays the calendar does not know (Monday–Friday
 * only): those years, for the console to say the date is an estimate
 */
export function dueEstimateYears(c: CaseListRow['c'], calendar: WorkingCalendar): number[] {
  return c.dueAt && !c.urgent ? uncoveredYears(calendar, c.createdAt, c.dueAt) : [];
}

/** a case as the lists, deadlines and exports show it; money stays in fen */
export function toSummary(r: CaseListRow, now: Date, config: { categories?: CategoryCatalog | undefined; calendar?: WorkingCalendar | undefined } = {}): CaseSummary {
  const { c } = r;
  const cats = categoriesOf({ ...(config.categories ? { categories: config.categories } : {}) });
  const overdue = isOverdue(c, now);
  return {
    id: c.id,
    kind: c.kind,
    kindLabel: kindLabel(c.kind),
    status: c.status,
    statusLabel: statusLabel(c.kind, c.status),
    title: caseTitle(c, cats),
    category: c.category,
    categoryName: c.category ? cats.nameOf(c.category) : null,
    projectType: c.projectType,
    communityId: c.communityId,
    communityName: r.communityName,
    streetId: r.streetId,
    streetName: r.streetName,
    assignee: c.assignee,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    acceptedAt: isoOrNull(c.acceptedAt),
    resolvedAt: isoOrNull(c.resolvedAt),
    dueAt: isoOrNull(c.dueAt),
    dueEstimateYears: dueEstimateYears(c, calendarOf({ ...(config.calendar ? { calendar: config.calendar } : {}) })),
    overdue,
    hoursOverdue: overdue ? hoursBetween(c.dueAt!, now) : 0,
    photosPending: r.photosPending,
    urgent: c.urgent,
    textPending: !!kindModule(c.kind).features.reviewedText && c.publicText === null,
    estimatedCost: c.estimatedCost,
    approvedCost: c.approvedCost,
    actualCost: c.actualCost,
    supportCount: r.supportCount,
  };
}
