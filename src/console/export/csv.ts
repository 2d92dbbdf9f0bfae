import { chinaDateTime } from '../../china-time.js';
import { EXPORT_COLUMNS, yuan } from './columns.js';
import type { CaseSummary } from '../contract.js';
import type { CaseListRow } from '../cases/query.js';

/**
 * A text cell that a spreadsheet would read as a formula (=, +, -, @, tab, CR at the start) gets a
 * leading apostrophe: resident text must never run in the staff member's Excel.
 */
export function safeText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function quote(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function cell(type: string, v: string | number | Date | null): string {
  if (v === null || v === '') return '';
  if (v instanceof Date) return chinaDateTime(v);
  if (type === 'money' && typeof v === 'number') return yuan(v).toFixed(2);
  if (typeof v === 'number') return String(v);
  return quote(safeText(v));
}

/**
 * The case export as CSV: UTF-8 with a byte-order mark (so Excel reads the Chinese), CRLF lines,
 * zh-CN headers, numbers unquoted, money in 元 with two decimals, times in Asia/Shanghai.
 */
export function casesCsv(rows: { summary: CaseSummary; row: CaseListRow }[]): string {
  const lines = [EXPORT_COLUMNS.map((c) => quote(c.header)).join(',')];
  for (const { summary, row } of rows) lines.push(EXPORT_COLUMNS.map((c) => cell(c.type, c.value(summary, row))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
