import { Button, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { ACCEPTANCE_RESULT_LABELS, ACCEPTANCE_RESULTS, type AcceptanceResult, type DeliveryPanel } from '../../../../../contract.js';
import { api, routeUrl, upload } from '../../../api.js';
import { useAction } from '../../../hooks.js';
import { FileButton } from './FileButton.js';

interface Values {
  acceptedOn: string;
  acceptedBy: string;
  result: AcceptanceResult;
  notes?: string;
}

/**
 * 验收: each acceptance (passed or failed) with who accepted it, its notes and the acceptance
 * record (验收记录, a PDF or a photo of the paper); the latest one passing is what lets the project
 * be 完成. Recorded while it is being implemented; its record may follow later.
 */
export function CaseAcceptances({
  caseId,
  panel,
  canWrite,
  canUpload,
  onSaved,
}: {
  caseId: number;
  panel: DeliveryPanel;
  /** a new acceptance (while it is being implemented) */
  canWrite: boolean;
  /** an acceptance record, also after 完成 */
  canUpload: boolean;
  onSaved: (p: DeliveryPanel) => void;
}) {
  const { busy, run } = useAction();
  const [form] = Form.useForm<Values>();
  const add = async (v: Values) => {
    const r = await run(
      () => api('caseAcceptance', { params: { id: caseId }, body: { acceptedOn: v.acceptedOn, acceptedBy: v.acceptedBy.trim(), result: v.result, notes: v.notes?.trim() || null } }),
      v.result === 'passed' ? '已登记验收合格，可以将项目改为完成' : '已登记验收不合格',
    );
    if (r) {
      form.resetFields();
      onSaved(r);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="acceptances">
      <List
        size="small"
        locale={{ emptyText: '还没有验收记录' }}
        dataSource={panel.acceptances}
        renderItem={(a) => (
          <List.Item
            data-testid="acceptance"
            actions={[
              a.document ? (
                <a key="doc" href={routeUrl('caseAcceptanceDocument', { id: caseId, acceptanceId: a.id })} data-testid="acceptance-document">
                  验收记录（{Math.max(1, Math.round(a.document.bytes / 1024))} KB）
                </a>
              ) : null,
              canUpload ? (
                <FileButton
                  key="up"
                  label={a.document ? '重新上传验收记录' : '上传验收记录'}
                  testid="acceptance-file"
                  send={(file) => run(() => upload('caseAcceptanceUpload', { params: { id: caseId, acceptanceId: a.id }, file }), '验收记录已上传').then((r) => r && onSaved(r))}
                />
              ) : null,
            ].filter(Boolean)}
          >
            <Space wrap>
              <Tag color={a.result === 'passed' ? 'green' : 'red'}>{ACCEPTANCE_RESULT_LABELS[a.result]}</Tag>
              <span>{a.acceptedOn}</span>
              <span>{a.acceptedBy}</span>
              {a.notes && <Typography.Text type="secondary" className="pre">{a.notes}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
      {canWrite && (
        <Form form={form} layout="inline" name="acceptance" initialValues={{ result: 'passed' }} onFinish={(v) => void add(v)} data-testid="acceptance-form">
          <Form.Item name="acceptedOn" rules={[{ required: true, message: '请填写验收日期' }]}>
            <Input type="date" style={{ width: 160 }} data-testid="acceptance-date" />
          </Form.Item>
          <Form.Item name="acceptedBy" rules={[{ required: true, whitespace: true, message: '请填写验收单位' }]}>
            <Input placeholder="验收单位（公开）" maxLength={100} style={{ width: 200 }} data-testid="acceptance-by" />
          </Form.Item>
          <Form.Item name="result">
            <Select style={{ width: 130 }} options={ACCEPTANCE_RESULTS.map((r) => ({ value: r, label: ACCEPTANCE_RESULT_LABELS[r] }))} data-testid="acceptance-result" />
          </Form.Item>
          <Form.Item name="notes">
            <Input placeholder="验收意见（公开，可不填）" maxLength={1000} style={{ width: 220 }} data-testid="acceptance-notes" />
          </Form.Item>
          <Button htmlType="submit" loading={busy} data-testid="acceptance-add">
            登记验收
          </Button>
        </Form>
      )}
    </Space>
  );
}
