import { useState } from 'react';
import { Button, Form, Input, Modal, Popconfirm, Radio, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ResponseOf } from '../../../../contract.js';
import { api } from '../../api.js';
import { dateTime } from '../../format.js';
import { useAction, useLoad, useScope } from '../../hooks.js';
import { useSession } from '../../session.js';

type KeywordReply = ResponseOf<'keywordCreate'>;
/** the select's value for "every community" (null on the wire) */
const ALL = '*';
interface FormValues {
  keyword: string;
  match: 'exact' | 'prefix';
  replyType: 'text' | 'news';
  text?: string;
  title?: string;
  description?: string;
  url?: string;
  picUrl?: string;
  communityId?: string | null;
  enabled: boolean;
}

/** 关键词回复: residents type a word (电费, 摇号 …) and get this answer. */
export function KeywordsPage() {
  const { me } = useSession();
  const scope = useScope();
  const list = useLoad((signal) => api('keywordList', { signal }), 'keywords');
  const { busy, run } = useAction();
  const [editing, setEditing] = useState<KeywordReply | 'new' | null>(null);
  const [form] = Form.useForm<FormValues>();
  const replyType = Form.useWatch('replyType', form);
  const communities = new Map((scope?.streets ?? []).flatMap((s) => s.communities.map((c) => [c.id, c.name] as const)));

  const open = (k: KeywordReply | 'new') => {
    setEditing(k);
    form.resetFields();
    if (k === 'new') form.setFieldsValue({ match: 'exact', replyType: 'text', enabled: true, communityId: me.scope === 'all' ? ALL : me.communityId });
    else
      form.setFieldsValue({
        keyword: k.keyword,
        match: k.match,
        replyType: k.replyType,
        enabled: k.enabled,
        communityId: k.communityId ?? ALL,
        ...(k.content as Record<string, string>),
      });
  };

  const save = async () => {
    const v = await form.validateFields();
    const content =
      v.replyType === 'text'
        ? { text: v.text!.trim() }
        : { title: v.title!.trim(), description: v.description?.trim() ?? '', url: v.url!.trim(), ...(v.picUrl?.trim() ? { picUrl: v.picUrl.trim() } : {}) };
    const body = { keyword: v.keyword.trim(), match: v.match, replyType: v.replyType, content, communityId: !v.communityId || v.communityId === ALL ? null : v.communityId, enabled: v.enabled };
    const r = await run(
      () => (editing === 'new' ? api('keywordCreate', { body }) : api('keywordUpdate', { params: { id: (editing as KeywordReply).id }, body })),
      '已保存',
    );
    if (r) {
      setEditing(null);
      list.reload();
    }
  };

  return (
    <div>
      <div className="table-toolbar">
        <Typography.Text type="secondary">居民发送关键词时自动回复（“精确”需整句相同，“前缀”以该词开头即可）。</Typography.Text>
        <Button type="primary" onClick={() => open('new')} data-testid="keyword-new">
          新增关键词
        </Button>
      </div>
      <Table<KeywordReply>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 800 }}
        columns={[
          { title: '关键词', dataIndex: 'keyword', width: 120, render: (k: string) => <Typography.Text strong>{k}</Typography.Text> },
          { title: '匹配', dataIndex: 'match', width: 80, render: (m: string) => (m === 'exact' ? '精确' : '前缀') },
          {
            title: '回复内容',
            key: 'content',
            ellipsis: true,
            render: (_: unknown, r) =>
              r.replyType === 'text' ? (
                <span className="pre">{String(r.content.text ?? '')}</span>
              ) : (
                <span>
                  <Tag>图文</Tag>
                  {String(r.content.title ?? '')}
                </span>
              ),
          },
          { title: '范围', dataIndex: 'communityId', width: 120, render: (c: string | null) => (c ? communities.get(c) ?? c : '全部社区') },
          {
            title: '启用',
            dataIndex: 'enabled',
            width: 80,
            render: (e: boolean, r) => (
              <Switch
                size="small"
                checked={e}
                onChange={(enabled) => void run(() => api('keywordUpdate', { params: { id: r.id }, body: { enabled } })).then(list.reload)}
              />
            ),
          },
          { title: '创建时间', dataIndex: 'createdAt', width: 150, render: dateTime },
          {
            title: '操作',
            key: 'ops',
            width: 130,
            render: (_: unknown, r) => (
              <Space>
                <a onClick={() => open(r)}>编辑</a>
                <Popconfirm title={`删除关键词“${r.keyword}”？`} onConfirm={() => void run(() => api('keywordDelete', { params: { id: r.id } }), '已删除').then(list.reload)}>
                  <a className="danger-link">删除</a>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        title={editing === 'new' ? '新增关键词回复' : '编辑关键词回复'}
        open={editing !== null}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        okText="保存"
        confirmLoading={busy}
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item name="keyword" label="关键词" rules={[{ required: true, whitespace: true, max: 30, message: '请填写关键词（最多 30 字）' }]}>
            <Input maxLength={30} />
          </Form.Item>
          <Space size="large">
            <Form.Item name="match" label="匹配方式">
              <Radio.Group options={[{ value: 'exact', label: '精确' }, { value: 'prefix', label: '前缀' }]} />
            </Form.Item>
            <Form.Item name="replyType" label="回复类型">
              <Radio.Group options={[{ value: 'text', label: '文字' }, { value: 'news', label: '图文' }]} />
            </Form.Item>
            <Form.Item name="enabled" label="启用" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          {replyType === 'news' ? (
            <>
              <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, max: 64 }]}>
                <Input maxLength={64} />
              </Form.Item>
              <Form.Item name="description" label="摘要">
                <Input maxLength={120} />
              </Form.Item>
              <Form.Item name="url" label="链接" rules={[{ required: true, type: 'url', message: '请填写完整网址（https://…）' }]}>
                <Input />
              </Form.Item>
              <Form.Item name="picUrl" label="图片网址" rules={[{ type: 'url', message: '请填写完整网址' }]}>
                <Input />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="text" label="回复文字" rules={[{ required: true, whitespace: true, max: 600 }]}>
              <Input.TextArea maxLength={600} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
            </Form.Item>
          )}
          <Form.Item name="communityId" label="适用社区">
            <Select
              disabled={!me.can.keywordReplies}
              options={[
                ...(me.scope === 'all' ? [{ value: ALL, label: '全部社区' }] : []),
                ...[...communities].map(([value, label]) => ({ value, label })),
              ]}
            />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
