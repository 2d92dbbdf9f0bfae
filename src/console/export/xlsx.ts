import ExcelJS from 'exceljs';
import type { CaseSummary } from '../contract.js';
import type { CaseListRow } from '../cases/query.js';
import { chinaWallClock } from '../../china-time.js';
import { EXPORT_COLUMNS, yuan } from './columns.js';

/**
 * The case export as an Excel workbook (one sheet 事项): zh-CN headers, numbers as numbers, money
 * in 元 with a #,##0.00 format, times as date cells in Asia/Shanghai wall-clock time.
 */
export async function casesXlsx(rows: { summary: CaseSummary; row: CaseListRow }[], now: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '民生微实事';
  wb.created = now;
  const ws = wb.addWorksheet('事项', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = EXPORT_COLUMNS.map((c, i) => ({
    header: c.header,
    key: `c${i}`,
    width: c.width,
    style: c.type === 'money' ? { numFmt: '#,##0.00' } : c.type === 'date' ? { numFmt: 'yyyy-mm-dd hh:mm' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  for (const { summary, row } of rows) {
    ws.addRow(
      EXPORT_COLUMNS.map((c) => {
        const v = c.value(summary, row);
        if (v === null) return null;
        if (v instanceof Date) return chinaWallClock(v); // spreadsheet cells have no time zone: the wall-clock time as UTC
        if (c.type === 'money' && typeof v === 'number') return yuan(v);
        return v;
      }),
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
