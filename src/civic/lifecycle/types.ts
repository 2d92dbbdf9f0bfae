import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { cases } from '../../db/schema.js';
import type { ActorType } from '../context.js';

export type CaseKind = 'report' | 'proposal';
export type CaseRow = typeof cases.$inferSelect;
/** the columns a transition may set besides status and updatedAt */
export type CaseChanges = Partial<
  Pick<
    typeof cases.$inferInsert,
    | 'assignee'
    | 'dueAt'
    | 'acceptedAt'
    | 'resolvedAt'
    | 'rejectReason'
    | 'duplicateOf'
    | 'approvedCost'
    | 'actualCost'
    | 'batch'
    | 'publicityStart'
    | 'publicityEnd'
  >
>;

export interface EdgeContext {
  tx: Db;
  row: CaseRow;
  now: Date;
  publicNote: string | undefined;
}

/**
 * One legal move of a lifecycle: from any of `from` to `to`, by one of `actors`. `data` is the zod
 * schema of what the move needs (validated before anything is written); `apply` turns it into column
 * changes and may check the database inside the transaction; `after` runs once the event exists.
 */
export interface Edge<S extends string = string, D = any> {
  from: readonly S[];
  to: S;
  /** the move in the words staff click (受理, 重办): flows/civic.zh-CN.yaml `staff.actions` */
  action: string;
  actors: readonly ActorType[];
  /** pushed to subscribers and shown on the public page */
  public: boolean;
  publicNote?: 'required';
  data?: z.ZodType<D>;
  /** what the move needs, in words staff read when data is missing */
  needs?: string;
  apply?: (data: D, c: EdgeContext) => CaseChanges | Promise<CaseChanges>;
  after?: (data: D, c: EdgeContext & { eventId: number }) => Promise<void>;
}

/** what staff do to a case without moving it: 指派, 转办, 实施进度 */
export const SIDE_ACTIONS = ['assign', 'transfer', 'milestone'] as const;
export type SideAction = (typeof SIDE_ACTIONS)[number];

export interface Lifecycle<S extends string> {
  kind: CaseKind;
  statuses: Readonly<Record<S, string>>;
  initial: S;
  /** statuses in which the case is still being worked on */
  open: readonly S[];
  edges: readonly Edge<S>[];
  /** the statuses in which each side action is allowed; the function doing it claims the case in these */
  sideActions: Partial<Record<SideAction, readonly S[]>>;
}

/** keeps the data type of each edge while the table holds them side by side */
export const edge = <S extends string, D = Record<string, never>>(e: Edge<S, D>): Edge<S> => e as Edge<S>;
