import { useMemo, useState } from 'react';
import { Card, Col, DatePicker, Empty, Row, Segmented, Select, Space, Statistic, Table, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import { CLAIMER_TYPE_LABELS, FUNDING_SOURCE_LABELS, FUNDING_SOURCES, type Dashboard, type Figures, type FundingSource } from '../../../../contract.js';
import { api } from '../../api.js';
import { date, duration, money, percent } from '../../format.js';
import { useLoad, useScope } from '../../hooks.js';
import { placeFromValue, placeTree } from '../cases/filters.js';
import { Chart, type ChartOption } from './Chart.js';

type Row = Figures & { key: string; name: string };

/**
 * 数据看板: the figures officials report — 征集 / 确定 / 实施 / 完成 with the money requested,
 * approved and spent — for a period, by street and by community; how reports are handled (on time,
 * median hours to acceptance and resolution, satisfaction); reports by category per month; 微心愿
 * posted, claimed and fulfilled with their value, and who claimed them; money by source (资金来源).
 */
export default function DashboardPage() {
  const scope = useScope();
  const [range, setRange] = useState<[string, string]>(() => [dayjs().startOf('year').format('YYYY-MM-DD'), dayjs().add(1, 'day').format('YYYY-MM-DD')]);
  const [place, setPlace] = useState<string | undefined>();
  const [by, setBy] = useState<'street' | 'community'>('street');
  const [channel, setChannel] = useState<string | undefined>();
  const channels = useLoad((signal) => api('channels', { signal }), 'channels');
  const q = { from: range[0], to: range[1], ...placeFromValue(place), ...(channel ? { channel } : {}) };
  const data = useLoad((signal) => api('dashboard', { query: q, signal }), JSON.stringify(q));
  const d = data.data;
  const categoryChart = useMemo(() => (d && d.reportsByCategoryByMonth.length > 0 ? categoryOption(d) : null), [d]);
  const stageChart = useMemo(() => (d ? stageOption(rowsOf(d, by)) : null), [d, by]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="dashboard">
      <Space wrap>
        <DatePicker.RangePicker
          value={[dayjs(range[0]), dayjs(range[1]).subtract(1, 'day')]}
          allowClear={false}
          onChange={(r) => r?.[0] && r[1] && setRange([r[0].format('YYYY-MM-DD'), r[1].add(1, 'day').format('YYYY-MM-DD')])}
          presets={[
            { label: '本月', value: [dayjs().startOf('month'), dayjs()] },
            { label: '本季度', value: [dayjs().startOf('month').subtract(dayjs().month() % 3, 'month'), dayjs()] },
            { label: '今年', value: [dayjs().startOf('year'), dayjs()] },
            { label: '去年', value: [dayjs().subtract(1, 'year').startOf('year'), dayjs().subtract(1, 'year').endOf('year')] },
          ]}
        />
        <TreeSelect placeholder="全部街道 / 社区" allowClear style={{ width: 200 }} treeDefaultExpandAll value={place} onChange={setPlace} treeData={placeTree(scope)} />
        <Select
          placeholder="全部渠道"
          allowClear
          style={{ width: 160 }}
          value={channel}
          onChange={setChannel}
          options={(channels.data?.all ?? []).map((c) => ({ value: c.id, label: c.label }))}
          data-testid="dashboard-channel"
        />
        {d && (
          <Typography.Text type="secondary">
            统计区间：{date(d.from)} 至 {date(dayjs(d.to).subtract(1, 'ms').toISOString())}
          </Typography.Text>
        )}
      </Space>

      <Row gutter={[16, 16]}>
        <StageCard title="征集" count={d?.totals.collected.count} moneyLabel="申请经费" fen={d?.totals.collected.requested} testId="stat-collected" />
        <StageCard title="确定" count={d?.totals.confirmed.count} moneyLabel="确定经费" fen={d?.totals.confirmed.approved} testId="stat-confirmed" />
        <StageCard title="实施" count={d?.totals.implemented.count} moneyLabel="确定经费" fen={d?.totals.implemented.approved} testId="stat-implemented" />
        <StageCard title="完成" count={d?.totals.completed.count} moneyLabel="实际支出" fen={d?.totals.completed.spent} testId="stat-completed" />
      </Row>

      <Row gutter={[16, 16]}>
        <Figure title="收到报修" value={d?.totals.reports.received} testId="stat-reports" />
        <Figure title="办理中" value={d?.totals.reports.open} />
        <Figure title="已办结" value={d?.totals.reports.resolved} />
        <Figure title="逾期" value={d?.totals.reports.overdue} danger={Boolean(d?.totals.reports.overdue)} />
        <Figure title="按期办结率" value={d && percent(d.onTimeRate)} note={d && `按期 ${d.totals.reports.resolvedOnTime} / 办结 ${d.totals.reports.resolved}`} testId="stat-ontime" />
        <Figure title="受理用时中位数" value={d && duration(d.medianHoursToAcceptance)} />
        <Figure title="办结用时中位数" value={d && duration(d.medianHoursToResolution)} />
        <Figure
          title="满意度"
          value={d && percent(d.satisfaction.rate)}
          note={d && `${d.satisfaction.ratings} 条评价${d.satisfaction.averageScore !== null ? ` · 平均 ${d.satisfaction.averageScore.toFixed(1)} 分` : ''}`}
          testId="stat-satisfaction"
        />
        <Figure
          title="人工服务满意"
          value={d && percent(d.humanService.satisfiedRate)}
          note={
            d &&
            `满意 ${d.humanService.satisfied} · 基本满意 ${d.humanService.fair}（${percent(d.humanService.fairRate)}） · 不满意 ${d.humanService.unsatisfied}（${percent(d.humanService.unsatisfiedRate)}） · 结束 ${d.humanService.closed} 次，${d.humanService.rated} 条评价`
          }
          testId="stat-human-service"
        />
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <WishCard d={d} />
        </Col>
        <Col xs={24} xl={12}>
          <FundingCard d={d} />
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title="各类别报修（按月）">
            {categoryChart ? <Chart option={categoryChart} testId="chart-categories" /> : <Empty style={{ height: 300 }} />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title="微实事进度"
            extra={
              <Segmented
                size="small"
                value={by}
                onChange={(v) => setBy(v as 'street' | 'community')}
                options={[
                  { value: 'street', label: '按街道' },
                  { value: 'community', label: '按社区' },
                ]}
              />
            }
          >
            {stageChart ? <Chart option={stageChart} testId="chart-stages" /> : <Empty style={{ height: 300 }} />}
          </Card>
        </Col>
      </Row>

      <Card size="small" title={by === 'street' ? '按街道' : '按社区'}>
        <FiguresTable rows={d ? rowsOf(d, by) : []} loading={data.loading} by={by} totals={d?.totals} />
      </Card>

      <Card size="small" title="心愿认领方">
        <ClaimersTable d={d} loading={data.loading} />
      </Card>

      <Card size="small" title="按渠道">
        <Table<ChannelRow>
          rowKey="channel"
          size="small"
          loading={data.loading}
          dataSource={d?.byChannel ?? []}
          pagination={false}
          data-testid="channels-table"
          columns={[
            { title: '渠道', dataIndex: 'channelLabel', key: 'label' },
            { title: '事项', dataIndex: 'count', key: 'count', align: 'right', sorter: (a, b) => a.count - b.count },
          ]}
        />
      </Card>
    </Space>
  );
}

function StageCard({ title, count, moneyLabel, fen, testId }: { title: string; count?: number; moneyLabel: string; fen?: number; testId: string }) {
  return (
    <Col xs={12} lg={6}>
      <Card size="small" loading={count === undefined} data-testid={testId}>
        <Statistic title={title} value={count ?? 0} suffix="项" />
        <Typography.Text type="secondary">
          {moneyLabel}：{money(fen ?? 0)}
        </Typography.Text>
      </Card>
    </Col>
  );
}

function Figure({ title, value, note, danger, testId }: { title: string; value?: number | string | null; note?: string | null; danger?: boolean; testId?: string }) {
  return (
    <Col xs={12} md={6} xxl={3}>
      <Card size="small" loading={value === undefined} data-testid={testId}>
        <Statistic title={title} value={value ?? '—'} styles={danger ? { content: { color: '#cf1322' } } : undefined} />
        {note && <Typography.Text type="secondary">{note}</Typography.Text>}
      </Card>
    </Col>
  );
}

/** 微心愿: posted on the wall (or beyond), claimed, fulfilled, each with its value */
function WishCard({ d }: { d: Dashboard | null }) {
  const w = d?.totals.wishes;
  const part = (title: string, f?: { count: number; value: number }, testId?: string) => (
    <Col span={8}>
      <Statistic title={title} value={f?.count ?? 0} suffix="个" />
      <Typography.Text type="secondary" data-testid={testId}>
        价值 {money(f?.value ?? 0)}
      </Typography.Text>
    </Col>
  );
  return (
    <Card size="small" title="微心愿" loading={!w} data-testid="stat-wishes">
      <Row gutter={16}>
        {part('发布到心愿墙', w?.posted, 'wishes-posted-value')}
        {part('被认领', w?.claimed, 'wishes-claimed-value')}
        {part('实现', w?.fulfilled, 'wishes-fulfilled-value')}
      </Row>
    </Card>
  );
}

/** the figures' funding keys (inKind) by the contract's source names (in_kind) */
const fundingOf = (f: Figures['funding'], s: FundingSource): number => (s === 'in_kind' ? f.inKind : f[s]);

/** 资金来源 of the period's projects and wishes: government funds beside social money, residents' share, gifts in kind */
function FundingCard({ d }: { d: Dashboard | null }) {
  const f = d?.totals.funding;
  const total = f ? FUNDING_SOURCES.reduce((n, s) => n + fundingOf(f, s), 0) : 0;
  return (
    <Card size="small" title="资金来源" loading={!f} data-testid="stat-funding" extra={<Typography.Text type="secondary">合计 {money(total)}</Typography.Text>}>
      <Row gutter={16}>
        {FUNDING_SOURCES.map((s) => (
          <Col span={6} key={s}>
            <Statistic title={FUNDING_SOURCE_LABELS[s]} value={f ? money(fundingOf(f, s)) : '—'} styles={{ content: { fontSize: 18 } }} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

type Claimer = Dashboard['wishClaimers'][number];
type ChannelRow = NonNullable<Dashboard['byChannel']>[number];

/** who made the period's wishes come true, by public name and type (never a contact) */
function ClaimersTable({ d, loading }: { d: Dashboard | null; loading: boolean }) {
  return (
    <Table<Claimer>
      rowKey={(r) => `${r.claimerType}:${r.claimerName}`}
      size="small"
      loading={loading}
      dataSource={d?.wishClaimers ?? []}
      pagination={false}
      locale={{ emptyText: '这段时间还没有心愿被认领' }}
      data-testid="claimers-table"
      columns={[
        { title: '认领方', dataIndex: 'claimerName', key: 'name' },
        { title: '类型', key: 'type', render: (_: unknown, r) => CLAIMER_TYPE_LABELS[r.claimerType] },
        { title: '认领', dataIndex: 'claimed', key: 'claimed', align: 'right', sorter: (a, b) => a.claimed - b.claimed },
        { title: '实现', dataIndex: 'fulfilled', key: 'fulfilled', align: 'right', sorter: (a, b) => a.fulfilled - b.fulfilled },
        { title: '价值', key: 'value', align: 'right', render: (_: unknown, r) => money(r.value), sorter: (a, b) => a.value - b.value },
      ]}
    />
  );
}

function rowsOf(d: Dashboard, by: 'street' | 'community'): Row[] {
  return by === 'street'
    ? d.byStreet.map((s) => ({ ...s, key: s.streetId, name: s.streetName }))
    : d.byCommunity.map((c) => ({ ...c, key: c.communityId, name: c.communityName }));
}

function FiguresTable({ rows, loading, by, totals }: { rows: Row[]; loading: boolean; by: string; totals?: Figures }) {
  const n = (f: (r: Figures) => number) => ({ render: (_: unknown, r: Row) => f(r), sorter: (a: Row, b: Row) => f(a) - f(b), align: 'right' as const });
  const m = (f: (r: Figures) => number) => ({ render: (_: unknown, r: Row) => money(f(r)), sorter: (a: Row, b: Row) => f(a) - f(b), align: 'right' as const });
  return (
    <Table<Row>
      rowKey="key"
      size="small"
      loading={loading}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 1300 }}
      data-testid="figures-table"
      columns={[
        { title: by === 'street' ? '街道' : '社区', dataIndex: 'name', fixed: 'left', width: 120 },
        { title: '征集', key: 'c', ...n((r) => r.collected.count) },
        { title: '申请经费', key: 'cr', ...m((r) => r.collected.requested) },
        { title: '确定', key: 'a', ...n((r) => r.confirmed.count) },
        { title: '确定经费', key: 'aa', ...m((r) => r.confirmed.approved) },
        { title: '实施', key: 'i', ...n((r) => r.implemented.count) },
        { title: '完成', key: 'd', ...n((r) => r.completed.count) },
        { title: '实际支出', key: 'ds', ...m((r) => r.completed.spent) },
        { title: '报修', key: 'r', ...n((r) => r.reports.received) },
        { title: '已办结', key: 'rr', ...n((r) => r.reports.resolved) },
        {
          title: '按期率',
          key: 'ot',
          align: 'right',
          render: (_: unknown, r: Row) => percent(r.reports.resolved ? r.reports.resolvedOnTime / r.reports.resolved : null),
        },
        { title: '逾期', key: 'od', ...n((r) => r.reports.overdue) },
        { title: '心愿', key: 'wp', ...n((r) => r.wishes.posted.count) },
        { title: '心愿认领', key: 'wc', ...n((r) => r.wishes.claimed.count) },
        { title: '心愿实现', key: 'wf', ...n((r) => r.wishes.fulfilled.count) },
        { title: '实现价值', key: 'wv', ...m((r) => r.wishes.fulfilled.value) },
      ]}
      summary={() =>
        totals && rows.length > 1 ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
            {[
              totals.collected.count,
              money(totals.collected.requested),
              totals.confirmed.count,
              money(totals.confirmed.approved),
              totals.implemented.count,
              totals.completed.count,
              money(totals.completed.spent),
              totals.reports.received,
              totals.reports.resolved,
              percent(totals.reports.resolved ? totals.reports.resolvedOnTime / totals.reports.resolved : null),
              totals.reports.overdue,
              totals.wishes.posted.count,
              totals.wishes.claimed.count,
              totals.wishes.fulfilled.count,
              money(totals.wishes.fulfilled.value),
            ].map((v, i) => (
              <Table.Summary.Cell key={i} index={i + 1} align="right">
                {v}
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}

function categoryOption(d: Dashboard): ChartOption {
  const months = [...new Set(d.reportsByCategoryByMonth.map((r) => r.month))].sort();
  const cats = new Map<string, string>();
  for (const r of d.reportsByCategoryByMonth) cats.set(r.category, r.categoryName);
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', minInterval: 1 },
    series: [...cats].map(([id, name]) => ({
      name,
      type: 'bar',
      stack: 'reports',
      data: months.map((m) => d.reportsByCategoryByMonth.find((r) => r.month === m && r.category === id)?.count ?? 0),
    })),
  };
}

function stageOption(rows: Row[]): ChartOption {
  const names = rows.map((r) => r.name);
  const s = (name: string, f: (r: Figures) => number) => ({ name, type: 'bar', data: rows.map(f) });
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [s('征集', (r) => r.collected.count), s('确定', (r) => r.confirmed.count), s('实施', (r) => r.implemented.count), s('完成', (r) => r.completed.count)],
  };
}

