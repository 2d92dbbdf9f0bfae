import { useState } from 'react';
import { Card, InputNumber, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { DeadlineCase } from '../../../../contract.js';
import { api } from '../../api.js';
import { dateTime } from '../../format.js';
import { useLoad, useScope } from '../../hooks.js';
import { navigate } from '../../router.js';
import { placeFromValue, placeTree } from './filters.js';
import { SuperviseCell } from './SuperviseCell.js';

type Unack = DeadlineCase & { hoursWaiting: number };

/** 督办: reports past their due date, and reports nobody has accepted after N hours; each row can be supervised (SuperviseCell). */
export function DeadlinesPage() {
  const scope = useScope();
  const [place, setPlace] = useState<string | undefined>();
  const [hours, setHours] = useState<number | null>(null);
  const q = { ...placeFromValue(place), ...(hours ? { hours } : {}) };
  const data = useLoad((signal) => api('deadlines', { query: q, signal }), JSON.stringify(q));

  const open = (id: number) => navigate(`/cases/${id}`);
  const base = <T extends DeadlineCase>(): NonNullable<TableProps<T>['columns']> => [
    { title: '编号', dataIndex: 'id', width: 80, render: (id: number) => <a onClick={() => open(id)}>#{id}</a> },
    { title: '标题', dataIndex: 'title', ellipsis: true, render: (t: string, r) => <a onClick={() => open(r.id)}>{t}</a> },
    { title: '社区', key: 'c', width: 130, render: (_: unknown, r) => r.communityName ?? '—' },
    { title: '类别', key: 'cat', width: 110, render: (_: unknown, r) => r.categoryName ?? '—' },
    { title: '状态', dataIndex: 'statusLabel', width: 90 },
    { title: '承办人', dataIndex: 'assignee', width: 110, render: (a: string | null) => a ?? '—' },
    { title: '督办', key: 'supervise', width: 230, render: (_: unknown, r) => <SuperviseCell row={r} onDone={data.reload} /> },
  ];
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <TreeSelect placeholder="街道 / 社区" allowClear style={{ width: 200 }} treeDefaultExpandAll value={place} onChange={setPlace} treeData={placeTree(scope)} />
        <span>未受理超过</span>
        <InputNumber min={1} max={1440} value={hours ?? data.data?.unacknowledgedHours} onChange={(v) => setHours(v)} style={{ width: 90 }} />
        <span>小时视为未受理</span>
      </Space>
      <Card title={<span>已逾期 <Tag color="red">{data.data?.overdue.length ?? 0}</Tag></span>} size="small">
        <Table<DeadlineCase>
          rowKey="id"
          size="small"
          loading={data.loading}
          dataSource={data.data?.overdue ?? []}
          scroll={{ x: 700 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            ...base<DeadlineCase>(),
            {
              title: '时限',
              dataIndex: 'dueAt',
              width: 150,
              render: (due: string, r) => (r.dueEstimateYears.length ? <span title="未载入该年节假日安排，按周一至周五估算">{dateTime(due)}（估算）</span> : dateTime(due)),
            },
            {
              title: '逾期',
              dataIndex: 'hoursOverdue',
              width: 100,
              defaultSortOrder: 'descend',
              sorter: (a, b) => a.hoursOverdue - b.hoursOverdue,
              render: (h: number) => <Typography.Text type="danger">{h < 48 ? `${Math.round(h)} 小时` : `${Math.round(h / 24)} 天`}</Typography.Text>,
            },
          ]}
          data-testid="overdue-table"
        />
      </Card>
      <Card
        title={
          <span>
            超过 {data.data?.unacknowledgedHours ?? hours ?? 24} 小时未受理 <Tag color="gold">{data.data?.unacknowledged.length ?? 0}</Tag>
          </span>
        }
        size="small"
      >
        <Table<Unack>
          rowKey="id"
          size="small"
          loading={data.loading}
          dataSource={data.data?.unacknowledged ?? []}
          scroll={{ x: 700 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            ...base<Unack>(),
            { title: '提交时间', dataIndex: 'createdAt', width: 150, render: dateTime },
            {
              title: '已等待',
              dataIndex: 'hoursWaiting',
              width: 100,
              sorter: (a, b) => a.hoursWaiting - b.hoursWaiting,
              defaultSortOrder: 'descend',
              render: (h: number) => `${Math.round(h)} 小时`,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
