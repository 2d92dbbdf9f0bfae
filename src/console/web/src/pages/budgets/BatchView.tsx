import { useState } from 'react';
import { App, Button, Card, Checkbox, DatePicker, Descriptions, Empty, Popconfirm, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ResponseOf } from '../../../../contract.js';
import { api, ApiError } from '../../api.js';
import { date, money } from '../../format.js';
import { useLoad } from '../../hooks.js';
import { navigate } from '../../router.js';
import { useSession } from '../../session.js';

type Detail = ResponseOf<'batchDetail'>;
type Line = Detail['cases'][number];

/** one batch: its proposals, and until it is published the street's approved proposals that may join it; 公布 tells each proposer and supporter once */
export function BatchView({ id }: { id: number }) {
  const { me } = useSession();
  const { message } = App.useApp();
  const b = useLoad((signal) => api('batchDetail', { params: { id }, signal }), String(id));
  const [picked, setPicked] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  // 公示 with the batch: its approved proposals enter it on the dates given (7 days from today unless changed)
  const [withPublicity, setWithPublicity] = useState(true);
  const [publicity, setPublicity] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('day'), dayjs().add(6, 'day').endOf('day')]);
  const d = b.data;
  const run = async (what: () => Promise<string>) => {
    setBusy(true);
    try {
      message.success(await what());
      setPicked([]);
      b.reload();
    } catch (e) {
      if (!(e instanceof ApiError && e.handled)) message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const add = () => run(async () => `已放入 ${(await api('batchAddCases', { params: { id }, body: { caseIds: picked } })).added.length} 个项目`);
  const remove = (caseId: number) =>
    run(async () => {
      await api('batchRemoveCase', { params: { id, caseId } });
      return `已把 #${caseId} 移出这一批`;
    });
  const publish = () =>
    run(async () => {
      const body = withPublicity ? { publicityStart: publicity[0].startOf('day').toISOString(), publicityEnd: publicity[1].endOf('day').toISOString() } : {};
      const r = await api('batchPublish', { params: { id }, body });
      return `已公布${r.publicised ? `，${r.publicised} 个项目进入公示` : ''}，发出 ${r.queued} 条通知`;
    });
  const columns = [
    { title: '编号', dataIndex: 'id', width: 80, render: (n: number) => <a onClick={() => navigate(`/cases/${n}`)}>#{n}</a> },
    { title: '提议', dataIndex: 'title', ellipsis: true },
    { title: '社区', dataIndex: 'communityName', width: 130, render: (n: string | null) => n ?? '—' },
    { title: '类型', dataIndex: 'projectType', width: 90, render: (t: string | null) => t ?? '—' },
    { title: '确定经费', dataIndex: 'approvedCost', width: 120, render: (f: number | null) => money(f) },
    { title: '状态', dataIndex: 'statusLabel', width: 90 },
  ];
  const editable = !!d && !d.publishedAt && me.can.budgets;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <a onClick={() => navigate('/budgets')}>← 预算与批次</a>
      <Card loading={b.loading} size="small" title={d ? `${d.streetName} · ${d.title}` : '批次'} data-testid="batch-view">
        {d && (
          <>
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label="年度">{d.year}</Descriptions.Item>
              <Descriptions.Item label="项目">
                <span data-testid="batch-summary">
                  {d.count} 项，确定经费 {money(d.approvedCost)}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label="状态">
                {d.publishedAt ? (
                  <Tag color="green" data-testid="batch-published">
                    已公布 {date(d.publishedAt)}
                  </Tag>
                ) : (
                  <Tag>未公布</Tag>
                )}
              </Descriptions.Item>
            </Descriptions>
            <Table<Line>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={d.cases}
              columns={
                editable
                  ? [
                      ...columns,
                      {
                        title: '',
                        dataIndex: 'id',
                        width: 70,
                        render: (n: number) => (
                          <a onClick={() => void remove(n)} data-testid={`batch-remove-${n}`}>
                            移出
                          </a>
                        ),
                      },
                    ]
                  : columns
              }
              locale={{ emptyText: <Empty description="还没有放入项目" /> }} data-testid="batch-cases" />
            {editable && (
              <Space style={{ marginTop: 12 }} wrap>
                <Checkbox checked={withPublicity} onChange={(e) => setWithPublicity(e.target.checked)} data-testid="batch-with-publicity">
                  同时进入公示
                </Checkbox>
                {withPublicity && (
                  <DatePicker.RangePicker
                    value={publicity}
                    allowClear={false}
                    onChange={(v) => v?.[0] && v[1] && setPublicity([v[0], v[1]])}
                    data-testid="batch-publicity"
                  />
                )}
                <Popconfirm title="公布后不能再调整其中的项目，并会通知每位提议人和支持的居民。确定公布？" okText="公布" cancelText="取消" onConfirm={() => void publish()} disabled={!d.count}>
                  <Button type="primary" disabled={!d.count} loading={busy} data-testid="batch-publish">
                    公布这一批
                  </Button>
                </Popconfirm>
              </Space>
            )}
          </>
        )}
      </Card>
      {editable && d && (
        <Card size="small" title="可以放入的已确定项目">
          <Table<Line>
            rowKey="id"
            size="small"
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            dataSource={d.candidates}
            columns={columns}
            rowSelection={{ selectedRowKeys: picked, onChange: (keys) => setPicked(keys.map(Number)) }}
            locale={{ emptyText: <Empty description="没有未分批的已确定项目" /> }}
            data-testid="batch-candidates"
          />
          <Button style={{ marginTop: 12 }} disabled={!picked.length} loading={busy} onClick={() => void add()} data-testid="batch-add">
            放入这一批（{picked.length}）
          </Button>
        </Card>
      )}
    </Space>
  );
}
