import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { cases } from '../../db/schema.js';
import type { Ask, CaseKindModule, Phase, SideAction, StatusAttrs } from './kind.js';
import { CASE_KINDS, type CaseKind } from './names.js';
import { proposal } from './proposal.js';
import { report } from './report.js';
import { wish } from './wish.js';

/**
 * Every case kind, by name. A new kind is a module beside these and a name in names.ts; the
 * `satisfies` clause makes the compiler hold the two together.
 */
export const caseKinds = { report, proposal, wish } as const satisfies { readonly [K in CaseKind]: CaseKindModule<K, any, any, any> };

/** a kind's module with its own types erased, for code that works on any kind */
export const kindModule = (kind: CaseKind): CaseKindModule => caseKinds[kind] as unknown as CaseKindModule;

export const allKinds = (): CaseKindModule[] => CASE_KINDS.map(kindModule);

/** the attributes of a status of a kind; undefined when the kind has no such status */
export function statusAttrs(kind: CaseKind, status: string): StatusAttrs | undefined {
  const statuses: Readonly<Record<string, StatusAttrs>> = kindModule(kind).lifecycle.statuses;
  return Object.hasOwn(statuses, status) ? statuses[status] : undefined;
}

export const isStatusOf = (kind: CaseKind, status: string): boolean => statusAttrs(kind, status) !== undefined;

/** the statuses of a kind whose attributes pass the test, in the lifecycle table's order */
export function statusesWhere(kind: CaseKind, test: (a: StatusAttrs, status: string) => boolean): string[] {
  return Object.entries(kindModule(kind).lifecycle.statuses as Readonly<Record<string, StatusAttrs>>)
    .filter(([s, a]) => test(a, s))
    .map(([s]) => s);
}

export const openStatuses = (kind: CaseKind): string[] => statusesWhere(kind, (a) => a.open);

/** the phases at or past `phase` on the way 征集 → 确定 → 实施 → 完成 (off the path is none of them) */
export const PHASES_FROM: Readonly<Record<Exclude<Phase, 'off'>, readonly Phase[]>> = {
  new: ['new', 'confirmed', 'working', 'done'],
  confirmed: ['confirmed', 'working', 'done'],
  working: ['working', 'done'],
  done: ['done'],
};

export const statusesInPhases = (kind: CaseKind, phases: readonly Phase[]): string[] => statusesWhere(kind, (a) => phases.includes(a.phase));

/** every (kind, status) whose announcing push asks the resident `ask` */
export const statusesAsking = (ask: Ask): { kind: CaseKind; status: string }[] =>
  CASE_KINDS.flatMap((kind) => statusesWhere(kind, (a) => a.asks === ask).map((status) => ({ kind, status })));

/** SQL: the case's (kind, status) passes the test; `false` when no status of any kind does */
export function caseStatusWhere(test: (a: StatusAttrs, status: string, kind: CaseKind) => boolean, kinds: readonly CaseKind[] = CASE_KINDS): SQL {
  const parts = kinds.flatMap((kind) => {
    const statuses = statusesWhere(kind, (a, s) => test(a, s, kind));
    return statuses.length ? [and(eq(cases.kind, kind), inArray(cases.status, statuses))!] : [];
  });
  return parts.length ? or(...parts)! : sql`false`;
}

/** SQL: the case is still being worked on (its status is open) */
export const caseIsOpen = (): SQL => caseStatusWhere((a) => a.open);

/** SQL: the case is in a status where its kind allows the side action (指派, 转办, 实施进度, 异议) */
export const sideActionWhere = (action: SideAction): SQL =>
  caseStatusWhere((_a, status, kind) => kindModule(kind).lifecycle.sideActions[action]?.includes(status) ?? false);

/** the statuses of a kind in which the side action is allowed */
export const sideActionStatuses = (kind: CaseKind, action: SideAction): readonly string[] => kindModule(kind).lifecycle.sideActions[action] ?? [];

/** the kinds whose cases have due dates (and can be overdue): reports */
export const dueKinds = (): CaseKind[] => CASE_KINDS.filter((k) => kindModule(k).features.due);

/** the kinds whose words are public only as staff approve them (公开文字) */
export const reviewedTextKinds = (): CaseKind[] => CASE_KINDS.filter((k) => !!kindModule(k).features.reviewedText);
