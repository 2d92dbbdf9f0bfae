import { supportProposal } from '../../src/civic/support.js';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transition } from '../../src/civic/index.js';
import { startConsole, T0, type Client, type ConsoleHarness } from './harness.js';

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

const TRICKY = '=HYPERLINK("http://evil","点我"),第二行\n"引号" 电话13812345678';

describe('console exports', () => {
  let h: ConsoleHarness;
  let nt: Client;
  let report: number;
  let project: number;

  beforeAll(async () => {
    h = await startConsole();
    await h.user('nt', 'community', { communityId: 'nantoucheng' });
    nt = await h.login('nt');
    report = await h.report({ communityId: 'nantoucheng', category: 'streetlight', description: TRICKY });
    project = await h.proposal({ communityId: 'nantoucheng', title: '巷道路灯', estimatedCost: 123_456 });
    // two residents support it during 征集: the 议事会 weighs the count, and the export carries it
    for (const o of ['o-exp-1', 'o-exp-2']) await supportProposal(h.db, project, o, new Date(T0));
    const staff = { type: 'staff', id: '1' } as const;
    await transition(h.db, { caseId: project, to: 'reviewing', actor: staff }, { now: new Date(T0) });
    await transition(h.db, { caseId: project, to: 'approved', actor: staff, data: { approvedCost: 100_050, batch: '一批' } }, { now: new Date(T0) });
    await h.report({ communityId: 'longzhu', description: '龙珠的事' });
  });
  afterAll(() => h.close());

  it('writes CSV with a BOM, zh-CN headers, numbers unquoted, money in 元, formulas defused, scoped', async () => {
    const a = await nt.get('/api/console/cases/export.csv?sort=id&order=asc');
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(a.headers.get('content-disposition')).toMatch(/^attachment; filename="cases\.csv"; filename\*=UTF-8''/);
    expect([...a.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(a.text.slice(1));
    expect(rows[0]!.slice(0, 4)).toEqual(['编号', '类型', '状态', '标题']);
    expect(rows[0]).toContain('确定金额（元）');
    expect(rows).toHaveLength(3);
    const col = (name: string) => rows[0]!.indexOf(name);
    const r = rows.find((x) => x[col('编号')] === String(report))!;
    expect(r[col('描述')]).toBe(`'=HYPERLINK("http://evil","点我"),第二行\n"引号" 电话138****5678`);
    expect(r[col('社区')]).toBe('南头城社区');
    expect(r[col('提交时间')]).toBe('2026-03-02 10:00');
    expect(r[col('是否超期')]).toBe('否');
    const p = rows.find((x) => x[col('编号')] === String(project))!;
    expect(p[col('预估金额（元）')]).toBe('1234.56');
    expect(p[col('确定金额（元）')]).toBe('1000.50');
    expect(p[col('实际支出（元）')]).toBe('');
    expect(p[col('支持人数')]).toBe('2');
    expect(r[col('支持人数')]).toBe('0');
    // numbers are not quoted in the file
    expect(a.text).toContain(`\r\n${project},微实事,已确定,`);
    expect(a.text).not.toContain('龙珠的事');
  });

  it('writes XLSX with numbers as numbers, money in 元 and dates as dates, scoped and filtered', async () => {
    const a = await nt.get('/api/console/cases/export.xlsx?kind=proposal');
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(a.body as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('事项')!;
    expect(ws.rowCount).toBe(2);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('确定金额（元）');
    const cell = (name: string) => ws.getRow(2).getCell(header.indexOf(name) + 1);
    expect(cell('编号').value).toBe(project);
    expect(cell('预估金额（元）').value).toBe(1234.56);
    expect(cell('确定金额（元）').value).toBe(1000.5);
    expect(cell('确定金额（元）').numFmt).toBe('#,##0.00');
    expect(cell('提交时间').value).toEqual(new Date('2026-03-02T10:00:00.000Z'));
    expect(cell('标题').value).toBe('巷道路灯');
    expect(cell('类型').value).toBe('微实事');
  });

  it('refuses another community as a filter by returning nothing of it, and audits exports', async () => {
    const a = await nt.get('/api/console/cases/export.xlsx?communityId=longzhu');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(a.body as unknown as ArrayBuffer);
    expect(wb.getWorksheet('事项')!.rowCount).toBe(1);
    const audit = await (await (async () => {
      await h.user('root', 'admin');
      return h.login('root');
    })()).get('/api/console/audit?action=case.export');
    expect(audit.json.total).toBe(3);
    expect(audit.json.items[0]).toMatchObject({ staffName: 'nt名', action: 'case.export', target: 'cases' });
  });
});
