import { maskPhones } from '../../civic/text.js';
import type { CaseSummary } from '../contract.js';
import type { CaseListRow } from '../cases/query.js';

export type CellType = 'text' | 'int' | 'money' | 'date';
export interface ExportColumn {
  header: string;
  type: CellType;
  width: number;
  /** text, a whole number, money in fen, a Date, or empty */
  value: (s: CaseSummary, r: CaseListRow) => string | number | Date | null;
}

const date = (iso: string | null) => (iso ? new Date(iso) : null);

/** the columns of both exports, zh-CN headers; money is converted to 元 by the writers */
export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { header: '编号', type: 'int', width: 8, value: (s) => s.id },
  { header: '类型', type: 'text', width: 8, value: (s) => s.kindLabel },
  { header: '状态', type: 'text', width: 10, value: (s) => s.statusLabel },
  { header: '标题', type: 'text', width: 24, value: (s) => s.title },
  { header: '问题类别', type: 'text', width: 10, value: (s) => s.categoryName },
  { header: '项目类型', type: 'text', width: 8, value: (s) => s.projectType },
  { header: '街道', type: 'text', width: 10, value: (s) => s.streetName },
  { header: '社区', type: 'text', width: 12, value: (s) => s.communityName },
  { header: '承办人', type: 'text', width: 12, value: (s) => s.assignee },
  { header: '提交时间', type: 'date', width: 17, value: (s) => date(s.createdAt) },
  { header: '受理时间', type: 'date', width: 17, value: (s) => date(s.acceptedAt) },
  { header: '办结时间', type: 'date', width: 17, value: (s) => date(s.resolvedAt) },
  { header: '办理时限', type: 'date', width: 17, value: (s) => date(s.dueAt) },
  { header: '是否超期', type: 'text', width: 8, value: (s) => (s.overdue ? '是' : '否') },
  { header: '超期小时', type: 'int', width: 8, value: (s) => s.hoursOverdue },
  { header: '预估金额（元）', type: 'money', width: 14, value: (s) => s.estimatedCost },
  { header: '确定金额（元）', type: 'money', width: 14, value: (s) => s.approvedCost },
  { header: '实际支出（元）', type: 'money', width: 14, value: (s) => s.actualCost },
  // 支持 N on a proposal (what the 议事会 weighs), 我也遇到 on a report
  { header: '支持人数', type: 'int', width: 8, value: (s) => s.supportCount },
  { header: '位置', type: 'text', width: 20, value: (_s, r) => r.c.locationLabel },
  { header: '描述', type: 'text', width: 40, value: (_s, r) => maskPhones(r.c.description) },
];

/** fen → 元 as a number (exact to the cent) */
export const yuan = (fen: number): number => Math.round(fen) / 100;

