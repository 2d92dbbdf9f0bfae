import { useMemo, useState } from 'react';
import { Alert, Form, Input, List, Modal, Select, Typography } from 'antd';
import type { CaseSummary, ResponseOf } from '../../../../contract.js';
import { api } from '../../api.js';
import { useAction } from '../../hooks.js';
import { bulkTargets } from '../../lifecycles.js';
import { useLifecycles } from '../../lifecycles-context.js';
import { fieldData } from './field-values.js';
import { TransitionFields } from './fields.js';

/** 批量办理: one move for many cases; the server answers per case and nothing is forced. */
export function BulkModal({ open, cases, onClose, onDone }: { open: boolean; cases: CaseSummary[]; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ to: string; data?: Record<string, unknown>; publicNote?: string; internalNote?: string }>();
  const { busy, run } = useAction();
  const [result, setResult] = useState<ResponseOf<'caseBulkTransition'> | null>(null);
  const lc = useLifecycles();
  const targets = useMemo(() => bulkTargets(lc, cases), [lc, cases]);
  const to = Form.useWatch('to', form);
  const target = targets.find((t) => t.value === to);

  const submit = async () => {
    const v = await form.validateFields();
    const r = await run(() =>
      api('caseBulkTransition', {
        body: {
          ids: cases.map((c) => c.id),
          to: v.to,
          ...(v.publicNote?.trim() ? { publicNote: v.publicNote.trim() } : {}),
          ...(v.internalNote?.trim() ? { internalNote: v.internalNote.trim() } : {}),
          data: fieldData(target?.fields ?? [], v.data),
        },
      }),
    );
    if (r) {
      setResult(r);
      onDone();
    }
  };
  const close = () => {
    setResult(null);
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      title={`批量办理 ${result ? result.results.length : cases.length} 件`}
      open={open}
      onCancel={close}
      onOk={result ? close : () => void submit()}
      okText={result ? '完成' : '确认'}
      confirmLoading={busy}
      destroyOnHidden
      width={560}
    >
      {result ? (
        <>
          <Alert
            type={result.failed ? 'warning' : 'success'}
            showIcon
            title={`成功 ${result.succeeded} 件${result.failed ? `，未能办理 ${result.failed} 件` : ''}`}
            style={{ marginBottom: 12 }}
          />
          {/* each refused case with the server's reason in words: #12 已办结，不能再受理 */}
          <List
            size="small"
            data-testid="bulk-refused"
            dataSource={result.results.filter((r) => !r.ok)}
            renderItem={(r) => (
              <List.Item>
                #{r.id} {r.error?.message ?? '没有办理，请稍后再试'}
              </List.Item>
            )}
          />
        </>
      ) : (
        <Form form={form} layout="vertical">
          <Typography.Paragraph type="secondary">
            {cases.map((c) => `#${c.id}`).join('、')}
          </Typography.Paragraph>
          {targets.length === 0 && <Alert type="info" showIcon title="所选事项在当前状态下没有可办理的下一步" style={{ marginBottom: 12 }} />}
          <Form.Item name="to" label="变更为" rules={[{ required: true, message: '请选择目标状态' }]}>
            <Select
              options={targets.map(({ value, label, count }) => ({
                value,
                label: count < cases.length ? `${label}（${count} 件可办理）` : label,
              }))}
              data-testid="bulk-target"
            />
          </Form.Item>
          {target?.needs && <Alert type="info" showIcon title={`需要：${target.needs}`} style={{ marginBottom: 12 }} />}
          {target && <TransitionFields fields={target.fields} />}
          <Form.Item
            name="publicNote"
            label="公开说明（推送给关注的居民）"
            rules={target?.publicNoteRequired ? [{ required: true, whitespace: true, message: '这一步需要公开说明' }] : []}
          >
            <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
          <Form.Item name="internalNote" label="内部备注">
            <Input.TextArea maxLength={2000} autoSize={{ minRows: 1, maxRows: 4 }} className="note-input" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
