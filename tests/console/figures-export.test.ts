import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { FiguresTable } from '../../src/console/contract.js';
import { figuresCsv, figuresXlsx } from '../../src/console/export/figures-export.js';

const cells = { collected: 2, confirmed: 1, implemented: 1, completed: 0, requested: 12_345_67, approved: 1_00, paid: 0, government: 0, social: 0, onTimeBase: 0, onTime: 0, rated: 0, satisfied: 0 };
const table: FiguresTable = {
  year: 2026,
  groupBy: 'batch',
  per: 'community',
  rows: [
    { streetId: 'nantou', streetName: '南头街道', communityId: 'tongle', communityName: '同乐社区', group: '=HYPERLINK("http://x","点")', groupName: '=HYPERLINK("http://x","点")', ...cells },
    { streetId: 'nantou', streetName: '南头街道', communityId: null, communityName: null, group: null, groupName: null, ...cells, confirmed: 0, implemented: 0, approved: 0 },
  ],
  totals: { ...cells, collected: 4, requested: 24_691_34 },
  reports: { resolved: 0, onTime: 0 },
};

/** a batch label is typed by staff: in a file it is text, never a formula; money in 元 with two decimals; nothing to divide by is empty */
describe('the 报表 files', () => {
  it('CSV: quoted and defused text, 元 with two decimals, empty rates, a 合计 row', () => {
    const lines = figuresCsv(table).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[1]).toBe(`南头街道,同乐社区,"'=HYPERLINK(""http://x"",""点"")",2,1,1,0,12345.67,1.00,0.00,0.00,0.00,,`);
    expect(lines[2]).toBe('南头街道,,未分批,2,0,0,0,12345.67,0.00,0.00,0.00,0.00,,');
    expect(lines[3]).toBe('合计,,,4,1,1,0,24691.34,1.00,0.00,0.00,0.00,,');
  });

  it('Excel: the label a string cell, not a formula', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await figuresXlsx(table, new Date())) as unknown as ArrayBuffer);
    const cell = wb.getWorksheet('报表')!.getRow(2).getCell(3);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(`'=HYPERLINK("http://x","点")`);
    expect(wb.getWorksheet('报表')!.getRow(2).getCell(8).value).toBe(12345.67);
  });
});
