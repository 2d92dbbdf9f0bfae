import { useState } from 'react';
import { Button, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { MenuVersion } from '../../../../contract.js';
import { dateTime } from '../../format.js';
import { MenuPreview } from './MenuPreview.js';

interface Props {
  versions: MenuVersion[];
  loading: boolean;
  busy: boolean;
  canPublish: boolean;
  /** load this version into the editor */
  onRestore(v: MenuVersion): void;
  /** publish this version (an older one: the rollback) */
  onPublish(v: MenuVersion): void;
}

/** 历史版本: every saved menu, newest first; 查看, 恢复 into the editor, or publish it again. */
export function MenuHistory({ versions, loading, busy, canPublish, onRestore, onPublish }: Props) {
  const [viewing, setViewing] = useState<MenuVersion | null>(null);
  return (
    <>
      <Table<MenuVersion>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={versions}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: '还没有保存过菜单' }}
        data-testid="menu-history"
        columns={[
          { title: '版本', dataIndex: 'id', width: 70, render: (id: number) => `#${id}` },
          { title: '备注', dataIndex: 'note', ellipsis: true, render: (n: string | null) => n ?? <span className="muted">—</span> },
          { title: '保存', key: 'saved', width: 200, render: (_: unknown, v) => `${v.createdBy ?? '—'} · ${dateTime(v.createdAt)}` },
          {
            title: '发布',
            key: 'published',
            width: 240,
            render: (_: unknown, v) =>
              v.live ? (
                <Space size={4}>
                  <Tag color="green">公众号当前菜单</Tag>
                  <span className="muted">{dateTime(v.publishedAt)}</span>
                </Space>
              ) : v.publishedAt ? (
                <span className="muted">
                  曾由 {v.publishedBy ?? '—'} 于 {dateTime(v.publishedAt)} 发布
                </span>
              ) : (
                <span className="muted">未发布</span>
              ),
          },
          {
            title: '操作',
            key: 'ops',
            width: 190,
            render: (_: unknown, v) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setViewing(v)} data-testid={`menu-view-${v.id}`}>
                  查看
                </Button>
                <Button type="link" size="small" onClick={() => onRestore(v)} data-testid={`menu-restore-${v.id}`}>
                  恢复
                </Button>
                {!v.live && (
                  <Popconfirm
                    title={`把版本 #${v.id} 发布到公众号？`}
                    description="居民看到的菜单会换成这个版本（回退）。"
                    okText="发布"
                    cancelText="取消"
                    disabled={!canPublish || busy}
                    onConfirm={() => onPublish(v)}
                  >
                    <Button type="link" size="small" disabled={!canPublish || busy}>
                      {v.publishedAt ? '重新发布' : '发布'}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        title={viewing ? `版本 #${viewing.id}${viewing.note ? ` · ${viewing.note}` : ''}` : ''}
        open={viewing !== null}
        onCancel={() => setViewing(null)}
        footer={
          viewing && (
            <Space>
              <Button onClick={() => setViewing(null)}>关闭</Button>
              <Button
                type="primary"
                onClick={() => {
                  onRestore(viewing);
                  setViewing(null);
                }}
              >
                恢复到编辑器
              </Button>
            </Space>
          )
        }
      >
        {viewing && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">
              {viewing.createdBy ?? '—'} 于 {dateTime(viewing.createdAt)} 保存
              {viewing.publishedAt ? `；${viewing.live ? '现为公众号当前菜单' : `曾于 ${dateTime(viewing.publishedAt)} 发布`}` : '；未发布'}
            </Typography.Text>
            <MenuPreview menu={viewing.menu} testId="menu-view-preview" />
            <pre className="pre" style={{ maxHeight: 240, overflow: 'auto', background: '#f6f8fa', padding: 8, fontSize: 12 }}>
              {JSON.stringify(viewing.menu, null, 2)}
            </pre>
          </Space>
        )}
      </Modal>
    </>
  );
}
