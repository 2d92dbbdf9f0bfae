import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kindTexts } from '../../src/civic/kinds/kind-texts.js';
import { CASE_KINDS } from '../../src/civic/kinds/names.js';
import { lifecyclesAnswer } from '../../src/console/lifecycles.js';
import { caseMoney } from '../../src/console/web/src/case-money.js';
import { bulkTargets, featuresOf, kindOptions, statusColor, statusOptions } from '../../src/console/web/src/lifecycles.js';

/**
 * The console holds no copy of the lifecycles: it builds its filters, tags, bulk dialog and
 * transition forms from GET /lifecycles (src/console/lifecycles.ts reads the civic tables).
 */
const WEB_SRC = path.resolve('src/console/web/src');
const LABELS = [...new Set(CASE_KINDS.flatMap((k) => Object.values(kindTexts(k).status)))];
/**
 * Status-like words the SPA may still spell out because they name something else: the dashboard's
 * figure of resolved reports (a count the server answers, not a status) is called 已办结, and a
 * resident's photo waiting for a staff member's look is 待审核 (a photo's state, not a wish's), and a
 * 公示异议 that staff did not accept is 未采纳 (an objection's answer, not a proposal's status).
 */
const ALLOWED: Record<string, string[]> = {
  'pages/dashboard/DashboardPage.tsx': ['已办结'],
  'pages/cases/CasePhotos.tsx': ['待审核'],
  'pages/cases/CaseObjections.tsx': ['未采纳'],
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}

describe('the console SPA', () => {
  it('spells out no status label of any lifecycle', () => {
    const found: string[] = [];
    for (const file of sources(WEB_SRC)) {
      const rel = path.relative(WEB_SRC, file).split(path.sep).join('/');
      const text = readFileSync(file, 'utf8');
      for (const label of LABELS) {
        if (ALLOWED[rel]?.includes(label)) continue;
        // a label as a string of its own ('已受理', "已受理", `已受理`) or as JSX text (>已受理<)
        if (new RegExp(`(['"\`>])${label}(['"\`<])`).test(text)) found.push(`${rel}: ${label}`);
      }
    }
    expect(found).toEqual([]);
    expect(LABELS).toContain('已受理');
  });

  it('keeps no status table of its own', () => {
    const offenders = sources(WEB_SRC).filter((f) => {
      const text = readFileSync(f, 'utf8');
      // a table keyed by status keys with words, as statuses.ts and bulk.ts were
      return /\bin_progress:\s*['"[{]/.test(text) && /\bpublicised:\s*['"[{]/.test(text) && !/COLORS/.test(text);
    });
    expect(offenders.map((f) => path.relative(WEB_SRC, f))).toEqual([]);
  });

  it('builds its filters and bulk moves from the server’s answer', () => {
    const lc = lifecyclesAnswer();
    expect(kindOptions(lc)).toEqual([
      { value: 'report', label: '报修' },
      { value: 'proposal', label: '微实事' },
      { value: 'wish', label: '微心愿' },
    ]);
    expect(statusOptions(lc, 'report')).toEqual(Object.entries(kindTexts('report').status).map(([value, label]) => ({ value, label })));
    expect(statusOptions(lc).map((o) => o.label)).toContain('微实事 · 公示中');

    // submitted and resolved reports: every move either of them may make, in the table's order
    const targets = bulkTargets(lc, [
      { kind: 'report', status: 'submitted' },
      { kind: 'report', status: 'submitted' },
      { kind: 'report', status: 'resolved' },
    ]);
    expect(targets.map((t) => [t.value, t.count])).toEqual([
      ['accepted', 2],
      ['in_progress', 1],
      ['closed', 1],
      ['rejected', 2],
      ['duplicate', 2],
    ]);
    const accept = targets.find((t) => t.value === 'accepted')!;
    expect(accept.fields.map((f) => [f.name, f.required])).toEqual([
      ['assignee', true],
      ['dueAt', false],
    ]);
    // 重办 needs the resident's words as the public note
    expect(targets.find((t) => t.value === 'in_progress')!.publicNoteRequired).toBe(true);

    const mixed = bulkTargets(lc, [
      { kind: 'report', status: 'accepted' },
      { kind: 'proposal', status: 'reviewing' },
    ]);
    expect(mixed.map((t) => t.label)).toEqual(
      expect.arrayContaining(['报修 · 处理中', '报修 · 已办结', '微实事 · 已确定', '微实事 · 备选库', '微实事 · 不予采纳']),
    );
    expect(mixed.find((t) => t.value === 'approved')!.fields.map((f) => `${f.name}:${f.type}:${f.required}`)).toEqual([
      'approvedCost:money:true',
      'batch:text:false',
      'overrideReason:text:false',
    ]);
    expect(bulkTargets(lc, [{ kind: 'report', status: 'closed' }])).toEqual([]);
  });

  it('reads what a kind carries from the server’s features, and gives the wish’s statuses colours', () => {
    const lc = lifecyclesAnswer();
    expect(featuresOf(lc, 'wish')).toMatchObject({ category: false, value: true, funding: true, claims: true, due: false });
    expect(featuresOf(lc, 'report')).toMatchObject({ category: true, due: true, claims: false });
    expect(featuresOf(lc, 'nonsense')).toMatchObject({ category: false, budget: false, value: false });
    const costs = { estimatedCost: 1_500_00, approvedCost: null, actualCost: null };
    expect(caseMoney(lc, { kind: 'wish', ...costs })).toBe('1,500 元');
    expect(caseMoney(lc, { kind: 'wish', ...costs, actualCost: 1_280_00 })).toBe('1,280 元');
    expect(caseMoney(lc, { kind: 'proposal', ...costs, approvedCost: 20_000_00 })).toBe('2 万元');
    expect(caseMoney(lc, { kind: 'report', ...costs })).toBe('—');
    // every wish status has a colour of its own (the neutral default is for closed and off-path statuses)
    for (const s of lc.wish.statuses) expect(statusColor(s.key), s.key).not.toBe('default');
  });
});
