import { categoriesOf, kindLabel, kindModule, statusAttrs, statusLabel, type CategoryCatalog } from '../../civic/index.js';
import { caseTitle } from '../../civic/outbox.js';
import type { CaseSummary } from '../contract.js';
import { hoursBetween } from '../dates.js';
import { isoOrNull } from '../http.js';
import type { CaseListRow } from './query.js';

/** the same as overdueSql, for a row already read */
export function isOverdue(c: CaseListRow['c'], now: Date): boolean {
  return kindModule(c.kind).features.due && !!statusAttrs(c.kind, c.status)?.open && !!c.dueAt && c.dueAt < now;
}

/** a case as the lists, deadlines and exports show it; money stays in fen */
export function toSummary(r: CaseListRow, now: Date, categories?: CategoryCatalog): CaseSummary {
  const { c } = r;
  const cats = categoriesOf({ ...(categories ? { categories } : {}) });
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
