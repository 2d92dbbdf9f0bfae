import { z } from 'zod';
import { findEdge, needsLabel, nextStatuses, statusLabel, type CaseRow } from '../../civic/index.js';
import type { NextTransition } from '../contract.js';

type FieldType = NextTransition['fields'][number]['type'];
type TransitionField = NextTransition['fields'][number];

/** what staff see for each field a lifecycle edge asks for (the edge's zod schema names them) */
const FIELDS: Record<string, { type: FieldType; label: string }> = {
  assignee: { type: 'text', label: '承办人' },
  dueAt: { type: 'date', label: '办理时限' },
  reason: { type: 'text', label: '理由' },
  duplicateOf: { type: 'case', label: '合并到的事项编号' },
  approvedCost: { type: 'money', label: '确定经费（分）' },
  batch: { type: 'text', label: '批次' },
  publicityStart: { type: 'date', label: '公示开始' },
  publicityEnd: { type: 'date', label: '公示结束' },
  actualCost: { type: 'money', label: '实际支出（分）' },
  acceptanceNote: { type: 'text', label: '验收说明' },
};

/** the fields of an edge's data schema, each with its input type, zh-CN label and whether it is required */
export function fieldsOf(schema: z.ZodType | undefined): NextTransition['fields'] {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => ({
    name,
    type: FIELDS[name]?.type ?? 'text',
    label: FIELDS[name]?.label ?? name,
    required: !field.safeParse(undefined).success,
  }));
}

/** suggested values: a move that takes a due date suggests the one civic computed from the category's working days */
function defaultsOf(row: CaseRow, fields: readonly TransitionField[]): Record<string, unknown> {
  if (row.dueAt && fields.some((f) => f.name === 'dueAt')) return { dueAt: row.dueAt.toISOString() };
  return {};
}

/**
 * The moves staff may make from the case's status (civic nextStatuses, staff edges only), each with
 * the fields it needs, as the lifecycle tables define them.
 */
export function nextTransitionsOf(row: CaseRow): NextTransition[] {
  return nextStatuses(row.kind, row.status).flatMap((to) => {
    const e = findEdge(row.kind, row.status, to);
    if (!e || !e.actors.includes('staff')) return [];
    const fields = fieldsOf(e.data);
    return [
      {
        to,
        label: statusLabel(row.kind, to),
        needs: needsLabel(row.kind, e),
        publicNoteRequired: e.publicNote === 'required',
        fields,
        defaults: defaultsOf(row, fields),
      },
    ];
  });
}
