import { z } from 'zod';
import { findEdge, needsLabel, nextStatuses, statusLabel, type CaseRow } from '../../civic/index.js';
import { CLAIMER_TYPE_LABELS, type NextTransition } from '../contract.js';

type FieldType = NextTransition['fields'][number]['type'];
type TransitionField = NextTransition['fields'][number];

/**
 * What staff see for each field a lifecycle edge asks for (the edge's zod schema names them). A
 * choice's values are the schema's enum; `options` gives each its words.
 */
const FIELDS: Record<string, { type: FieldType; label: string; options?: Record<string, string> }> = {
  assignee: { type: 'text', label: '承办人' },
  dueAt: { type: 'date', label: '办理时限' },
  reason: { type: 'text', label: '理由' },
  duplicateOf: { type: 'case', label: '合并到的事项编号' },
  // money: typed in 元 (the form says so and converts), kept in 分; the label names no unit
  approvedCost: { type: 'money', label: '确定经费' },
  batch: { type: 'text', label: '批次' },
  // 确定 beyond what the year's envelope has left: only a manager's reason lets it through (the rule says so in words)
  overrideReason: { type: 'text', label: '超出年度预算的理由（仅主管填写）' },
  publicityStart: { type: 'date', label: '公示开始' },
  publicityEnd: { type: 'date', label: '公示结束' },
  actualCost: { type: 'money', label: '实际支出' },
  acceptanceNote: { type: 'text', label: '验收说明' },
  // 微心愿 发布: what the public wall shows, when staff reword the wisher's words (names, flat numbers)
  title: { type: 'text', label: '公开标题（留空则用原标题）' },
  description: { type: 'textarea', label: '公开描述（留空则用原文；请去掉姓名、门牌号）' },
  // 微心愿 认领: a pending claim from the claim page, or the claimer entered in full by staff
  claimId: { type: 'claim', label: '待确认的认领' },
  claimerName: { type: 'text', label: '认领方名称（公开）' },
  claimerType: { type: 'choice', label: '认领方类型', options: CLAIMER_TYPE_LABELS },
  contactName: { type: 'text', label: '联系人（不公开）' },
  contactPhone: { type: 'text', label: '联系电话（不公开）' },
  note: { type: 'textarea', label: '认领说明' },
};

/** the values of an enum field (optional or not), each with its words (the value itself when it has none) */
function optionsOf(field: z.ZodType, words: Record<string, string> = {}): { value: string; label: string }[] | undefined {
  const inner = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
  if (!(inner instanceof z.ZodEnum)) return undefined;
  return (inner.options as readonly (string | number)[]).map((v) => ({ value: String(v), label: words[String(v)] ?? String(v) }));
}

/** the fields of an edge's data schema, each with its input type, zh-CN label and whether it is required */
export function fieldsOf(schema: z.ZodType | undefined): NextTransition['fields'] {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => {
    const known = FIELDS[name];
    const options = optionsOf(field, known?.options);
    return {
      name,
      type: known?.type ?? (options ? 'choice' : 'text'),
      label: known?.label ?? name,
      required: !field.safeParse(undefined).success,
      ...(options ? { options } : {}),
    };
  });
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
