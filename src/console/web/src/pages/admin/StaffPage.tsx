import { useState } from 'react';
import { Button, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, TreeSelect, Typography } from 'antd';
import { PASSWORD_MIN_LENGTH, ROLE_LABELS, ROLES, SCOPE_RULES, type BodyOf, type Role, type ScopeRule, type StaffUser } from '../../../../contract.js';
import { api } from '../../api.js';
import { useAction, useLoad, useScope } from '../../hooks.js';
import { placeFromValue, placeTree, placeValue } from '../cases/filters.js';

/** 工作人员 (admin): accounts, roles and scope; disable, unlock, reset a password. */
export function StaffPage() {
  const scope = useScope();
  const list = useLoad((signal) => api('staffList', { query: {}, signal }), 'staff');
  const { busy, run } = useAction();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<StaffUser | null>(null);
  const [naming, setNaming] = useState<StaffUser | null>(null);
  const [form] = Form.useForm<{ username: string; displayName: string; publicName?: string; password: string; role: Role; place?: string; unit?: string }>();
  const [pwForm] = Form.useForm<{ password: string }>();
  const [nameForm] = Form.useForm<{ publicName?: string }>();
  const names = new Map<string, string>();
  for (const s of scope?.streets ?? []) {
    names.set(`s:${s.id}`, s.name);
    for (const c of s.communities) names.set(`c:${c.id}`, c.name);
  }

  const create = async () => {
    const v = await form.validateFields();
    const r = await run(
      () =>
        api('staffCreate', {
          body: {
            username: v.username.trim(),
            displayName: v.displayName.trim(),
            ...(v.publicName?.trim() ? { publicName: v.publicName.trim() } : {}),
            password: v.password,
            role: v.role,
            ...(SCOPE_RULES[v.role] === 'unit' ? { unit: v.unit?.trim() ?? '' } : placeFromValue(v.place)),
          },
        }),
      '已创建账号',
    );
    if (r) {
      setCreating(false);
      form.resetFields();
      list.reload();
    }
  };
  const update = (u: StaffUser, body: BodyOf<'staffUpdate'>, ok: string) =>
    run(() => api('staffUpdate', { params: { id: u.id }, body }), ok).then(list.reload);

  return (
    <div>
      <div className="table-toolbar">
        <Typography.Text type="secondary">街道账号看本街道，社区账号看本社区；人大代表只能查看和备注；审计员只能查看；承办单位只看指派给本单位的事项。</Typography.Text>
        <Button type="primary" onClick={() => setCreating(true)}>
          新增账号
        </Button>
      </div>
      <Table<StaffUser>
        rowKey="id"
        data-testid="staff-table"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 760 }}
        columns={[
          { title: '用户名', dataIndex: 'username', width: 140 },
          { title: '姓名', dataIndex: 'displayName', width: 120 },
          { title: '居民看到的称呼', key: 'publicName', width: 150, render: (_: unknown, u) => `工作人员${u.publicName ? ` ${u.publicName}` : ''}` },
          { title: '角色', dataIndex: 'role', width: 100, render: (r: Role) => <Tag>{ROLE_LABELS[r]}</Tag> },
          {
            title: '范围',
            key: 'scope',
            render: (_: unknown, u) =>
              u.unit ?? names.get(placeValue({ streetId: u.streetId ?? undefined, communityId: u.communityId ?? undefined }) ?? '') ?? (seesAll(SCOPE_RULES[u.role]) ? '全部' : '—'),
          },
          {
            title: '状态',
            key: 'state',
            width: 140,
            render: (_: unknown, u) => (
              <Space size={4}>
                {u.disabled ? <Tag color="red">已停用</Tag> : <Tag color="green">正常</Tag>}
                {u.locked && <Tag color="orange">已锁定</Tag>}
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'ops',
            width: 240,
            render: (_: unknown, u) => (
              <Space wrap>
                <Switch
                  size="small"
                  checked={!u.disabled}
                  checkedChildren="启用"
                  unCheckedChildren="停用"
                  onChange={(on) => void update(u, { disabled: !on }, on ? '已启用' : '已停用')}
                />
                {u.locked && (
                  <Popconfirm title="解除锁定？" onConfirm={() => void update(u, { unlock: true }, '已解锁')}>
                    <a>解锁</a>
                  </Popconfirm>
                )}
                <a onClick={() => setResetting(u)}>重置密码</a>
                <a
                  onClick={() => {
                    nameForm.setFieldsValue({ publicName: u.publicName ?? '' });
                    setNaming(u);
                  }}
                >
                  改称呼
                </a>
              </Space>
            ),
          },
        ]}
      />
      <Modal title="新增账号" open={creating} onCancel={() => setCreating(false)} onOk={() => void create()} okText="创建" confirmLoading={busy} forceRender>
        <Form form={form} layout="vertical" initialValues={{ role: 'community' }}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{3,64}$/, message: '3–64 位字母、数字、_ . -' }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, max: 64 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="publicName" label="居民看到的称呼（可不填）" extra="回复居民时显示为「工作人员 小王：」；不填则只显示「工作人员：」" rules={[{ max: 12 }, { pattern: PUBLIC_NAME_PATTERN, message: '只能是简短的称呼，不含符号 < > & 和换行' }]}>
            <Input placeholder="小王" />
          </Form.Item>
          <Form.Item name="password" label="初始密码" rules={[{ required: true, min: PASSWORD_MIN_LENGTH, message: `至少 ${PASSWORD_MIN_LENGTH} 个字符` }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="role" label="角色">
            <Select options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
          </Form.Item>
          {/* which place the chosen role needs: its scope rule in the policy table (contract/policy.ts) */}
          <Form.Item noStyle dependencies={['role']}>
            {({ getFieldValue }) => {
              const rule = SCOPE_RULES[(getFieldValue('role') as Role | undefined) ?? 'community'];
              return rule === 'unit' ? (
                <Form.Item
                  name="unit"
                  label="单位名称"
                  extra="与指派、转办时填写的承办单位一致（如 城管执法队）；该账号只看到指派给本单位的事项，可添加备注和照片"
                  rules={[{ required: true, whitespace: true, max: 64, message: '请填写单位名称' }]}
                >
                  <Input placeholder="城管执法队" />
                </Form.Item>
              ) : rule !== 'all' ? (
                <Form.Item
                  name="place"
                  label={PLACE_LABELS[rule]}
                  extra={rule === 'placed' ? '审计员只能查看，不能修改；不选则查看全部' : undefined}
                  rules={[{ required: rule !== 'placed', message: '请选择' }]}
                >
                  <TreeSelect allowClear treeDefaultExpandAll treeData={placeTree(scope)} />
                </Form.Item>
              ) : null;
            }}
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={`重置 ${resetting?.displayName ?? ''} 的密码`}
        open={resetting !== null}
        onCancel={() => setResetting(null)}
        onOk={async () => {
          const v = await pwForm.validateFields();
          if (resetting) await update(resetting, { password: v.password }, '密码已重置，请通知本人登录后修改');
          pwForm.resetFields();
          setResetting(null);
        }}
        okText="重置"
        forceRender
      >
        <Form form={pwForm} layout="vertical">
          <Form.Item name="password" label="新密码" rules={[{ required: true, min: PASSWORD_MIN_LENGTH, message: `至少 ${PASSWORD_MIN_LENGTH} 个字符` }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={`${naming?.displayName ?? ''} 回复居民时的称呼`}
        open={naming !== null}
        onCancel={() => setNaming(null)}
        onOk={async () => {
          const v = await nameForm.validateFields();
          const name = v.publicName?.trim();
          if (naming) await update(naming, { publicName: name ? name : null }, '称呼已保存');
          setNaming(null);
        }}
        okText="保存"
        forceRender
      >
        <Form form={nameForm} layout="vertical">
          <Form.Item name="publicName" label="称呼" extra="居民看到「工作人员 小王：」；留空则只显示「工作人员：」" rules={[{ max: 12 }, { pattern: PUBLIC_NAME_PATTERN, message: '只能是简短的称呼，不含符号 < > & 和换行' }]}>
            <Input placeholder="小王" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

const PLACE_LABELS: Record<Exclude<ScopeRule, 'all' | 'unit'>, string> = { street: '所属街道', community: '所属社区', placed: '查看范围（街道或社区）' };
const seesAll = (r: ScopeRule) => r === 'all' || r === 'placed';

/** what the server accepts (publicNameSchema), checked before sending */
const PUBLIC_NAME_PATTERN = /^[^<>&"'\\\p{Cc}\p{Cf}]*$/u;
