import { useState } from 'react';
import { Input, Space, Table, Typography } from 'antd';
import type { ResponseOf } from '../../../../contract.js';
import { api } from '../../api.js';
import { dateTime } from '../../format.js';
import { useLoad } from '../../hooks.js';

type Entry = ResponseOf<'audit'>['items'][number];

/** audit actions written by src/console, in staff words (unknown ones show their key) */
const ACTIONS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出',
  'auth.login_failed': '登录失败',
  'auth.locked': '账号锁定',
  'auth.login_locked': '锁定中尝试登录',
  'auth.password_changed': '修改密码',
  'auth.password_change_failed': '修改密码失败',
  'case.transition': '变更状态',
  'case.assign': '指派',
  'case.transfer': '转办',
  'case.reassign': '改派社区',
  'case.supervise': '督办',
  'case.merge': '合并',
  'case.note': '备注',
  'case.milestone': '实施进度',
  'case.photo': '照片公开/隐藏',
  'case.export': '导出',
  'ticket.claim': '接单',
  'ticket.assign': '指派会话',
  'ticket.reply': '回复居民',
  'ticket.notify': '模板通知',
  'ticket.note': '会话备注',
  'ticket.resolve': '结束会话',
  'keyword_reply.create': '新增关键词',
  'keyword_reply.update': '修改关键词',
  'keyword_reply.delete': '删除关键词',
  'menu.save': '保存菜单',
  'menu.publish': '发布菜单',
  'menu.publish_failed': '发布菜单失败',
  'menu.apply': '命令行发布菜单（npm run menu:apply）',
  'staff.create': '新增账号',
  'staff.update': '修改账号',
};

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
          {
            title: '操作',
            dataIndex: 'action',
            width: 220,
            render: (a: string) => (
              <span>
                {ACTIONS[a] ?? a} <Typography.Text type="secondary">{ACTIONS[a] ? a : ''}</Typography.Text>
              </span>
            ),
          },
          { title: '对象', dataIndex: 'target', ellipsis: true },
        ]}
        data-testid="audit-table"
      />
    </div>
  );
}

const json = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 2));
