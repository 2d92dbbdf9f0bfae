import { useState } from 'react';
import { Button, Form, Input, Modal, Space, Typography } from 'antd';
import type { DeadlineCase } from '../../../../contract.js';
import { api } from '../../api.js';
import { dateTime } from '../../format.js';
import { useAction } from '../../hooks.js';
import { useSession } from '../../session.js';

/**
 * 督办 in a row of the 督办 list: how many times the case was supervised and when last, and for a
 * user holding the supervise permission (contract/policy.ts) a 督办 button with a note box. The note
 * goes to the case's staff timeline and the staff alert channel; residents are not told.
 */
export function SuperviseCell({ row, onDone }: { row: DeadlineCase; onDone: () => void }) {
  const { me } = useSession();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ note: string }>();
  const { busy, run } = useAction();
  const manager = me.can.supervise;
  const s = row.supervision;

  const submit = async () => {
    // an empty note: the form shows why, and nothing is sent (a rejection left unhandled would be a page error)
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const r = await run(
      () => api('caseSupervise', { params: { id: row.id }, body: { note: v.note.trim() } }),
      (a) => `已督办（第 ${a.times} 次），已提醒${row.communityName ?? '承办社区'}工作人员`,
    );
    if (r) {
      setOpen(false);
      form.resetFields();
      onDone();
    }
  };

  return (
    <Space size={4} wrap>
      <Typography.Text type={s ? undefined : 'secondary'} data-testid={`supervision-${row.id}`}>
        {s ? `${s.times} 次 · 最近 ${dateTime(s.lastAt)}` : '未督办'}
      </Typography.Text>
      {manager && (
        <Button size="small" onClick={() => setOpen(true)} data-testid={`supervise-${row.id}`}>
          督办
        </Button>
      )}
      <Modal
        title={`督办 #${row.id} ${row.title}`}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        okText="发出督办"
        confirmLoading={busy}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          督办意见记入事项时间线（内部），并提醒{row.communityName ?? '承办社区'}工作人员{row.assignee ? `和承办人 ${row.assignee}` : ''}；不会通知居民。
        </Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="note" label="督办意见" rules={[{ required: true, whitespace: true, message: '请写下督办要求，例如办结期限或需要回复的进展' }]}>
            <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 3, maxRows: 6 }} placeholder="例如：请于本周五前办结，并在工作台回复进展" data-testid="supervise-note" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
