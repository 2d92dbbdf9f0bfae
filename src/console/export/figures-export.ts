import ExcelJS from 'exceljs';
import type { FiguresCells, FiguresRow, FiguresTable } from '../contract.js';
import { quote, safeText } from './csv.js';
import { yuan } from './columns.js';

/**
 * 报表 as a file: the same table the 报表 view shows (figures-table.ts), one row per street or
 * community and group, and a 合计 row. Money in 元 with two decimals; rates as percentages with one
 * decimal, empty when there is nothing to divide by. Every text cell is escaped: a formula never runs.
 */

type Kind = 'text' | 'int' | 'money' | 'rate';
interface Column {
  header: string;
  kind: Kind;
  width: number;
  /** a row, or the totals (text columns are left empty there) */
  value: (r: FiguresCells & Partial<FiguresRow>) => string | number | null;
}

const rate = (part: number, whole: number): number | null => (whole ? part / whole : null);
const GROUP_HEADER: Record<FiguresTable['groupBy'], string> = { type: '项目类型', theme: '主题分类', batch: '批次' };
const NONE: Record<FiguresTable['groupBy'], string> = { type: '未填类型', theme: '未分类', batch: '未分批' };
const TOTAL = '合计';

/** the columns of a table: the place (street, and community when per community), the group, the figures */
export function figuresColumns(t: Pick<FiguresTable, 'groupBy' | 'per'>): Column[] {
  return [
    { header: '街道', kind: 'text', width: 12, value: (r) => r.streetName ?? '' },
    ...(t.per === 'community' ? [{ header: '社区', kind: 'text', width: 14, value: (r) => r.communityName ?? '' } satisfies Column] : []),
    { header: GROUP_HEADER[t.groupBy], kind: 'text', width: 12, value: (r) => r.groupName ?? NONE[t.groupBy] },
    { header: '征集（项）', kind: 'int', width: 10, value: (r) => r.collected },
    { header: '确定（项）', kind: 'int', width: 10, value: (r) => r.confirmed },
    { header: '实施（项）', kind: 'int', width: 10, value: (r) => r.implemented },
    { header: '完成（项）', kind: 'int', width: 10, value: (r) => r.completed },
    { header: '申请金额（元）', kind: 'money', width: 16, value: (r) => r.requested },
    { header: '确定金额（元）', kind: 'money', width: 16, value: (r) => r.approved },
    { header: '支付金额（元）', kind: 'money', width: 16, value: (r) => r.paid },
    { header: '政府资金（元）', kind: 'money', width: 16, value: (r) => r.government },
    { header: '社会资金（元）', kind: 'money', width: 16, value: (r) => r.social },
    { header: '按期完成率', kind: 'rate', width: 10, value: (r) => rate(r.onTime, r.onTimeBase) },
    { header: '满意度', kind: 'rate', width: 10, value: (r) => rate(r.satisfied, r.rated) },
  ];
}

function csvCell(kind: Kind, v: string | number | null): string {
  if (v === null || v === '') return '';
  if (kind === 'money' && typeof v === 'number') return yuan(v).toFixed(2);
  if (kind === 'rate' && typeof v === 'number') return `${(v * 100).toFixed(1)}%`;
  if (typeof v === 'number') return String(v);
  return quote(safeText(v));
}

/** UTF-8 with a byte-order mark, CRLF lines, as the case export */
export function figuresCsv(t: FiguresTable): string {
  const cols = figuresColumns(t);
  const out = [cols.map((c) => quote(c.header)).join(',')];
  for (const r of t.rows) out.push(cols.map((c) => csvCell(c.kind, c.value(r))).join(','));
  out.push(cols.map((c, i) => (i === 0 ? TOTAL : c.kind === 'text' ? '' : csvCell(c.kind, c.value(t.totals)))).join(','));
  return `\uFEFF${out.join('\r\n')}\r\n`;
}

/** one sheet 报表: numbers as numbers, money #,##0.00, rates 0.0%, the 合计 row in bold */
export async function figuresXlsx(t: FiguresTable, now: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '民生微实事';
  wb.created = now;
  const ws = wb.addWorksheet('报表', { views: [{ state: 'frozen', ySplit: 1 }] });
  const cols = figuresColumns(t);
  ws.columns = cols.map((c, i) => ({
    header: c.header,
    key: `c${i}`,
    width: c.width,
    style: c.kind === 'money' ? { numFmt: '#,##0.00' } : c.kind === 'rate' ? { numFmt: '0.0%' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  const cell = (c: Column, v: string | number | null) =>
    v === null ? null : typeof v === 'string' ? safeText(v) : c.kind === 'money' ? yuan(v) : v;
  for (const r of t.rows) ws.addRow(cols.map((c) => cell(c, c.value(r))));
  const last = ws.addRow(cols.map((c, i) => (i === 0 ? TOTAL : c.kind === 'text' ? null : cell(c, c.value(t.totals)))));
  last.font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
