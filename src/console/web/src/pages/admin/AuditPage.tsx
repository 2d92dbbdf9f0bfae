import { useState } from 'react';
import { Input, Select, Space, Table, Typography } from 'antd';
import type { ResponseOf } from '../../../../contract.js';
import { api } from '../../api.js';
import { dateTime } from '../../format.js';
import { useLoad } from '../../hooks.js';
import { AUDIT_ACTIONS, actionWords, targetKinds, targetOf, targetWords } from './audit-words.js';

type Entry = ResponseOf<'audit'>['items'][number];

/** 审计日志: who changed what, with the values before and after; filtered and shown in words, not keys. */
export function AuditPage() {
  const [page, setPage] = useState(1);
  const [action, setAction] = useState<string | undefined>();
  const [target, setTarget] = useState<string | undefined>();
  const [targetKind, setTargetKind] = useState('case');
  const q = { page, pageSize: 30, ...(action ? { action } : {}), ...(target ? { target } : {}) };
  const list = useLoad((signal) => api('audit', { query: q, signal }), JSON.stringify(q));
  return (
    <div>
      <Space wrap className="filters">
        <Select
          placeholder="操作（如 改派社区）"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 220 }}
          value={action}
          onChange={(v?: string) => (setPage(1), setAction(v))}
          options={Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label }))}
          data-testid="audit-action"
        />
        <Space.Compact>
          <Select value={targetKind} onChange={setTargetKind} options={targetKinds()} style={{ width: 120 }} data-testid="audit-target-kind" />
          <Input.Search
            placeholder={targetKind === 'username' ? '用户名' : '编号，如 12'}
            allowClear
            style={{ width: 160 }}
            onSearch={(v) => (setPage(1), setTarget(targetOf(targetKind, v)))}
            data-testid="audit-target"
          />
        </Space.Compact>
      </Space>
      <Table<Entry>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 700 }}
        pagination={{ current: page, pageSize: 30, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        expandable={{
          expandedRowRender: (r) => (
            <div className="audit-diff">
              <div>
                <Typography.Text type="secondary">之前</Typography.Text>
                <pre>{json(r.before)}</pre>
              </div>
              <div>
                <Typography.Text type="secondary">之后</Typography.Text>
                <pre>{json(r.after)}</pre>
              </div>
            </div>
          ),
        }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 160, render: dateTime },
          { title: '人员', key: 'staff', width: 120, render: (_: unknown, r) => r.staffName ?? (r.staffId ? `#${r.staffId}` : '系统') },
          {
            title: '操作',
            dataIndex: 'action',
            width: 180,
            // the words; the stored key stays in the tooltip for whoever reads the raw log
            render: (a: string) => <span title={a}>{actionWords(a)}</span>,
          },
          { title: '对象', dataIndex: 'target', ellipsis: true, render: (t: string) => <span title={t}>{targetWords(t)}</span> },
        ]}
        data-testid="audit-table"
      />
    </div>
  );
}

const json = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 2));
