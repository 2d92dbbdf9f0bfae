import { useState } from 'react';
import { Input, Space, Table, Typography } from 'antd';
import type { ResponseOf } from '../../../../contract.js';
import { api } from '../../api.js';
import { dateTime } from '../../format.js';
import { useLoad } from '../../hooks.js';

type Entry = ResponseOf<'audit'>['items'][number];

/** 审计日志: who changed what, with the values before and after. */
export function AuditPage() {
  const [page, setPage] = useState(1);
  const [action, setAction] = useState<string | undefined>();
  const [target, setTarget] = useState<string | undefined>();
  const q = { page, pageSize: 30, ...(action ? { action } : {}), ...(target ? { target } : {}) };
  const list = useLoad((signal) => api('audit', { query: q, signal }), JSON.stringify(q));
  return (
    <div>
      <Space wrap className="filters">
        <Input.Search placeholder="操作（如 case.transition）" allowClear style={{ width: 220 }} onSearch={(v) => (setPage(1), setAction(v.trim() || undefined))} />
        <Input.Search placeholder="对象（如 case:12）" allowClear style={{ width: 200 }} onSearch={(v) => (setPage(1), setTarget(v.trim() || undefined))} />
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
          { title: '操作', dataIndex: 'action', width: 180 },
          { title: '对象', dataIndex: 'target', ellipsis: true },
        ]}
        data-testid="audit-table"
      />
    </div>
  );
}

const json = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 2));
