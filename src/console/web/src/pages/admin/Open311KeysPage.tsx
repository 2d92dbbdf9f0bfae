import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import type { ResponseOf } from '../../../../contract.js';
import { api } from '../../api.js';
import { dateTime } from '../../format.js';
import { useAction, useLoad, useScope } from '../../hooks.js';

type Key = ResponseOf<'open311KeyCreate'>['item'];
interface FormValues {
  name: string;
  streetIds?: string[];
}

/** 接口密钥: keys of partner systems (12345 平台, 巡查 App) filing and reading reports through Open311; a new key is shown once. */
export function Open311KeysPage() {
  const scope = useScope();
  const list = useLoad((signal) => api('open311KeyList', { signal }), 'open311-keys');
  const { busy, run } = useAction();
  const [adding, setAdding] = useState(false);
  const [shown, setShown] = useState<{ key: string; name: string } | null>(null);
  const [form] = Form.useForm<FormValues>();
  const streets = new Map((scope?.streets ?? []).map((s) => [s.id, s.name] as const));

  const save = async () => {
    const v = await form.validateFields();
    const r = await run(() => api('open311KeyCreate', { body: { name: v.name.trim(), ...(v.streetIds?.length ? { streetIds: v.streetIds } : {}) } }), '已创建');
    if (r) {
      setAdding(false);
      form.resetFields();
      setShown({ key: r.key, name: r.item.name });
      list.reload();
    }
  };

  return (
    <div>
      <div className="table-toolbar">
        <Typography.Text type="secondary">
          外部系统（12345 平台、巡查 App 等）用接口密钥通过 Open311 提交和查询报修。接口地址：<Typography.Text copyable>{list.data?.endpoint ?? ''}</Typography.Text>
        </Typography.Text>
        <Button type="primary" onClick={() => setAdding(true)} data-testid="open311-key-new">
          新建密钥
        </Button>
      </div>
      <Table<Key>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 700 }}
        columns={[
          { title: '编号', dataIndex: 'id', width: 70 },
          { title: '名称', dataIndex: 'name' },
          { title: '可提交的街道', dataIndex: 'streetIds', render: (s: string[] | null) => (s ? s.map((id) => streets.get(id) ?? id).join('、') : '全部街道') },
          { title: '创建时间', dataIndex: 'createdAt', width: 150, render: dateTime },
          {
            title: '状态',
            key: 'state',
            width: 170,
            render: (_: unknown, k) =>
              k.revokedAt ? (
                <Tag>已吊销 {dateTime(k.revokedAt)}</Tag>
              ) : (
                <Popconfirm title={`吊销“${k.name}”的密钥？吊销后它提交的请求都会被拒绝。`} onConfirm={() => void run(() => api('open311KeyRevoke', { params: { id: k.id } }), '已吊销').then(list.reload)}>
                  <a className="danger-link">吊销</a>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal title="新建接口密钥" open={adding} onCancel={() => setAdding(false)} onOk={() => void save()} okText="创建" confirmLoading={busy} forceRender>
        <Form form={form} layout="vertical">
          <Form.Item name="name" label="给谁用" rules={[{ required: true, whitespace: true, max: 60, message: '请填写名称（最多 60 字），例如 区 12345 平台' }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="streetIds" label="只能提交到这些街道（不选：全部街道）">
            <Select mode="multiple" allowClear options={[...streets].map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal title={`“${shown?.name ?? ''}”的密钥`} open={shown !== null} onCancel={() => setShown(null)} onOk={() => setShown(null)} okText="我已保存" cancelButtonProps={{ style: { display: 'none' } }}>
        <Alert type="warning" showIcon message="密钥只显示这一次，关闭后无法再查看。请现在复制并交给对方系统。" />
        <Typography.Paragraph copyable code style={{ marginTop: 16 }} data-testid="open311-key-value">
          {shown?.key ?? ''}
        </Typography.Paragraph>
      </Modal>
    </div>
  );
}
