import { useState } from 'react';
import { Button, Card, Segmented, Select, Space, Table, TreeSelect, Typography } from 'antd';
import type { FiguresCells, FiguresGroup, FiguresRow, FiguresTable } from '../../../../contract.js';
import { api, routeUrl } from '../../api.js';
import { percent, yuanExact } from '../../format.js';
import { useLoad, useScope } from '../../hooks.js';
import { placeFromValue, placeTree } from '../cases/filters.js';

type Per = FiguresTable['per'];
type Row = FiguresRow & { key: string };

const GROUPS: { value: FiguresGroup; label: string }[] = [
  { value: 'type', label: '按项目类型' },
  { value: 'theme', label: '按主题分类' },
  { value: 'batch', label: '按批次' },
];
const GROUP_TITLE: Record<FiguresGroup, string> = { type: '项目类型', theme: '主题分类', batch: '批次' };
const NONE: Record<FiguresGroup, string> = { type: '未填类型', theme: '未分类', batch: '未分批' };
const rate = (part: number, whole: number) => percent(whole ? part / whole : null);

/**
 * 报表: the table a street office sends upward — the proposals collected in a year, per street or
 * community, by project type, theme or batch: 征集 / 确定 / 实施 / 完成, the money requested,
 * approved and paid (government and social money apart), the on-time rate and satisfaction, with a
 * 合计 row; the same table as CSV and Excel.
 */
export default function FiguresPage() {
  const scope = useScope();
  const [year, setYear] = useState<number | undefined>();
  const [place, setPlace] = useState<string | undefined>();
  const [groupBy, setGroupBy] = useState<FiguresGroup>('type');
  const [per, setPer] = useState<Per>('community');
  const q = { ...(year ? { year } : {}), ...placeFromValue(place), groupBy, per };
  const data = useLoad((signal) => api('figures', { query: q, signal }), JSON.stringify(q));
  const d = data.data;
  const shown = year ?? d?.year;
  const years = shown ? Array.from({ length: 6 }, (_, i) => shown + 1 - i).filter((y) => y <= new Date().getFullYear() + 1) : [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="figures">
      <Space wrap>
        <Select
          style={{ width: 110 }}
          value={shown}
          onChange={setYear}
          options={years.map((y) => ({ value: y, label: `${y} 年` }))}
          data-testid="figures-year"
        />
        <TreeSelect placeholder="全部街道 / 社区" allowClear style={{ width: 200 }} treeDefaultExpandAll value={place} onChange={setPlace} treeData={placeTree(scope)} />
        <Segmented value={groupBy} onChange={(v) => setGroupBy(v as FiguresGroup)} options={GROUPS} data-testid="figures-group" />
        <Segmented
          value={per}
          onChange={(v) => setPer(v as Per)}
          options={[
            { value: 'community', label: '按社区' },
            { value: 'street', label: '按街道' },
          ]}
        />
        <Button type="primary" href={routeUrl('figuresExportCsv', {}, q)} data-testid="figures-csv">
          导出 CSV
        </Button>
        <Button href={routeUrl('figuresExportXlsx', {}, q)} data-testid="figures-xlsx">
          导出 Excel
        </Button>
      </Space>
      <Card size="small" title={shown ? `${shown} 年征集的项目` : '报表'}>
        <FiguresGrid d={d} loading={data.loading} groupBy={groupBy} per={per} />
        {d && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            按期完成率：实施的项目中当年完成的比例（项目尚无计划完工日期）。满意度：居民评议中 4 分及以上（或回答满意）的比例。同期报修按期办结 {d.reports.onTime} / {d.reports.resolved}
            {d.reports.resolved ? `（${rate(d.reports.onTime, d.reports.resolved)}）` : ''}。
          </Typography.Paragraph>
        )}
      </Card>
    </Space>
  );
}

function FiguresGrid({ d, loading, groupBy, per }: { d: FiguresTable | null; loading: boolean; groupBy: FiguresGroup; per: Per }) {
  const rows: Row[] = (d?.rows ?? []).map((r) => ({ ...r, key: JSON.stringify([r.streetId, r.communityId, r.group]) }));
  const cells: { title: string; cell: (r: FiguresCells) => string | number }[] = [
    { title: '征集', cell: (r) => r.collected },
    { title: '确定', cell: (r) => r.confirmed },
    { title: '实施', cell: (r) => r.implemented },
    { title: '完成', cell: (r) => r.completed },
    { title: '申请金额（元）', cell: (r) => yuanExact(r.requested) },
    { title: '确定金额（元）', cell: (r) => yuanExact(r.approved) },
    { title: '支付金额（元）', cell: (r) => yuanExact(r.paid) },
    { title: '政府资金（元）', cell: (r) => yuanExact(r.government) },
    { title: '社会资金（元）', cell: (r) => yuanExact(r.social) },
    { title: '按期完成率', cell: (r) => rate(r.onTime, r.onTimeBase) },
    { title: '满意度', cell: (r) => rate(r.satisfied, r.rated) },
  ];
  const lead = per === 'community' ? 3 : 2;
  return (
    <Table<Row>
      size="small"
      loading={loading}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 1400 }}
      locale={{ emptyText: '这一年还没有征集到项目' }}
      data-testid="figures-table"
      columns={[
        { title: '街道', key: 'street', render: (_: unknown, r) => r.streetName ?? '—', fixed: 'left', width: 100 },
        ...(per === 'community' ? [{ title: '社区', key: 'community', render: (_: unknown, r: Row) => r.communityName ?? '—', width: 110 }] : []),
        { title: GROUP_TITLE[groupBy], key: 'group', render: (_: unknown, r) => r.groupName ?? NONE[groupBy], width: 100 },
        ...cells.map((c, i) => ({ title: c.title, key: `c${i}`, render: (_: unknown, r: Row) => c.cell(r), align: 'right' as const })),
      ]}
      summary={() =>
        d && rows.length > 0 ? (
          <Table.Summary.Row data-testid="figures-total">
            <Table.Summary.Cell index={0} colSpan={lead}>
              合计
            </Table.Summary.Cell>
            {cells.map((c, i) => (
              <Table.Summary.Cell key={i} index={lead + i} align="right">
                {c.cell(d.totals)}
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}
