import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import type { ResponseOf } from '../../../../contract.js';
import { api, ApiError } from '../../api.js';
import { date, money, yuanToFen } from '../../format.js';
import { useLoad } from '../../hooks.js';
import { match, navigate, useLocation } from '../../router.js';
import { useSession } from '../../session.js';
import { BatchView } from './BatchView.js';

type Envelopes = ResponseOf<'budgetEnvelopes'>;
type Street = Envelopes['streets'][number];
type Envelope = NonNullable<Street['own']>;
type Batch = ResponseOf<'batchList'>['batches'][number];

const thisYear = () => new Date().getFullYear();
const NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 1 → 第一批 … 10 → 第十批, 11 → 第11批 */
export const batchTitle = (n: number) => `第${NUMERALS[n] ?? n}批`;

/**
 * 预算与批次: a street's yearly envelopes (each community's and its own), with what approving spent
 * and what is left; and its numbered batches of approved proposals, published together. Managers
 * (budgets) set envelopes and make batches; everyone else in scope reads.
 */
export function BudgetsPage() {
  const { path } = useLocation();
  const one = match('/budgets/batches/:id', path);
  if (one && /^\d+$/.test(one.id!)) return <BatchView id={Number(one.id)} />;
  return <Overview />;
}

function Overview() {
  const [year, setYear] = useState(thisYear());
  const envelopes = useLoad((signal) => api('budgetEnvelopes', { query: { year }, signal }), `envelopes-${year}`);
  const batches = useLoad((signal) => api('batchList', { query: { year }, signal }), `batches-${year}`);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space>
        <span>年度</span>
        <InputNumber<number> min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} data-testid="budget-year" />
      </Space>
      <Alert type="info" showIcon title="确定项目时，经费不能超出该社区（或街道本级）当年预算的余额；超出需要街道主管填写理由确认。没有设定预算的，确定项目不受限制。" />
      {(envelopes.data?.streets ?? []).map((s) => (
        <StreetEnvelopes key={s.streetId} street={s} year={year} onSaved={envelopes.reload} />
      ))}
      {envelopes.data && !envelopes.data.streets.length && <Empty description="没有可查看的街道" />}
      <Batches year={year} batches={batches.data?.batches ?? []} loading={batches.loading} streets={envelopes.data?.streets ?? []} onCreated={batches.reload} />
    </Space>
  );
}

interface Row {
  key: string;
  communityId: string | null;
  name: string;
  envelope: Envelope | null;
}

function StreetEnvelopes({ street, year, onSaved }: { street: Street; year: number; onSaved: () => void }) {
  const { me } = useSession();
  const { message } = App.useApp();
  const [typed, setTyped] = useState<Record<string, number | null>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const rows: Row[] = [
    ...(me.can.budgets || street.own ? [{ key: '-', communityId: null, name: '街道本级', envelope: street.own }] : []),
    ...street.communities.map((c) => ({ key: c.communityId, communityId: c.communityId, name: c.communityName, envelope: c.envelope })),
  ];
  const save = async (r: Row) => {
    const yuan = typed[r.key];
    if (yuan === undefined || yuan === null) return;
    setSaving(r.key);
    try {
      await api('budgetEnvelopeSet', { body: { streetId: street.streetId, communityId: r.communityId, year, amount: yuanToFen(yuan) } });
      message.success(`已设定${r.name} ${year} 年度预算`);
      setTyped((t) => ({ ...t, [r.key]: null }));
      onSaved();
    } catch (e) {
      if (!(e instanceof ApiError && e.handled)) message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(null);
    }
  };
  return (
    <Card size="small" title={`${street.streetName} · ${year} 年度预算`} data-testid={`envelopes-${street.streetId}`}>
      <Table<Row>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        onRow={(r) => ({ 'data-testid': `envelope-row-${r.communityId ?? 'street'}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '社区', dataIndex: 'name' },
          { title: '年度预算', key: 'amount', render: (_: unknown, r) => (r.envelope ? money(r.envelope.amount) : <Typography.Text type="secondary">未设定（不限制）</Typography.Text>) },
          { title: '已确定经费', key: 'spent', render: (_: unknown, r) => (r.envelope ? money(r.envelope.spent) : '—') },
          {
            title: '余额',
            key: 'remaining',
            render: (_: unknown, r) =>
              r.envelope ? <Typography.Text type={r.envelope.remaining < 0 ? 'danger' : undefined}>{money(r.envelope.remaining)}</Typography.Text> : '—',
          },
          ...(me.can.budgets
            ? [
                {
                  title: '设定预算',
                  key: 'set',
                  width: 300,
                  render: (_: unknown, r: Row) => (
                    <Space size={6}>
                      <InputNumber<number>
                        min={0}
                        precision={2}
                        addonAfter="元"
                        style={{ width: 200 }}
                        placeholder={r.envelope ? String(r.envelope.amount / 100) : '金额'}
                        value={typed[r.key] ?? null}
                        onChange={(v) => setTyped((t) => ({ ...t, [r.key]: v }))}
                        data-testid={`envelope-amount-${r.communityId ?? 'street'}`}
                      />
                      <Button size="small" loading={saving === r.key} disabled={typed[r.key] === undefined || typed[r.key] === null} onClick={() => void save(r)} data-testid={`envelope-save-${r.communityId ?? 'street'}`}>
                        保存
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

function Batches({ year, batches, loading, streets, onCreated }: { year: number; batches: Batch[]; loading: boolean; streets: Street[]; onCreated: () => void }) {
  const { me } = useSession();
  const { message } = App.useApp();
  const [streetId, setStreetId] = useState<string | undefined>(undefined);
  const [title, setTitle] = useState('');
  const chosen = streetId ?? streets[0]?.streetId;
  const next = batches.filter((b) => b.streetId === chosen && b.year === year).reduce((n, b) => Math.max(n, b.number), 0) + 1;
  const create = async () => {
    if (!chosen) return;
    try {
      const b = await api('batchCreate', { body: { streetId: chosen, year, title: title.trim() || `${year}年${batchTitle(next)}` } });
      message.success(`已新建${b.title}`);
      setTitle('');
      onCreated();
      navigate(`/budgets/batches/${b.id}`);
    } catch (e) {
      if (!(e instanceof ApiError && e.handled)) message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Card size="small" title={`${year} 年项目批次`}>
      {me.can.budgets && chosen && (
        <Space wrap style={{ marginBottom: 12 }}>
          {streets.length > 1 && <Select style={{ width: 160 }} value={chosen} onChange={setStreetId} options={streets.map((s) => ({ value: s.streetId, label: s.streetName }))} />}
          <Input style={{ width: 220 }} maxLength={40} placeholder={`${year}年${batchTitle(next)}`} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="batch-title" />
          <Button type="primary" onClick={() => void create()} data-testid="batch-create">
            新建批次
          </Button>
        </Space>
      )}
      <Table<Batch>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={batches}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description="这一年还没有批次" /> }}
        data-testid="batch-list"
        columns={[
          { title: '批次', dataIndex: 'title', render: (t: string, b) => <a onClick={() => navigate(`/budgets/batches/${b.id}`)}>{t}</a> },
          { title: '街道', dataIndex: 'streetName', width: 120 },
          { title: '项目', dataIndex: 'count', width: 80, render: (n: number) => `${n} 项` },
          { title: '确定经费', dataIndex: 'approvedCost', width: 130, render: (f: number) => money(f) },
          { title: '状态', dataIndex: 'publishedAt', width: 160, render: (p: string | null) => (p ? <Tag color="green">已公布 {date(p)}</Tag> : <Tag>未公布</Tag>) },
        ]}
      />
    </Card>
  );
}
