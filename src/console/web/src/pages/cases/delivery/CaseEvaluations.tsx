import { Button, Form, Input, InputNumber, List, Space, Tag, Typography } from 'antd';
import type { DeliveryPanel } from '../../../../../contract.js';
import { api, routeUrl, upload } from '../../../api.js';
import { useAction } from '../../../hooks.js';
import { FileButton } from './FileButton.js';

interface Values {
  evaluator: string;
  evaluatedOn: string;
  score: number;
  summary: string;
}

/** 第三方评估 of a completed project: the evaluator, the day, the score (0–100), its summary and report — all public */
export function CaseEvaluations({ caseId, panel, canWrite, onSaved }: { caseId: number; panel: DeliveryPanel; canWrite: boolean; onSaved: (p: DeliveryPanel) => void }) {
  const { busy, run } = useAction();
  const [form] = Form.useForm<Values>();
  const add = async (v: Values) => {
    const r = await run(
      () => api('caseEvaluation', { params: { id: caseId }, body: { evaluator: v.evaluator.trim(), evaluatedOn: v.evaluatedOn, score: v.score, summary: v.summary.trim() } }),
      '已登记第三方评估，公开页已显示',
    );
    if (r) {
      form.resetFields();
      onSaved(r);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="evaluations">
      <List
        size="small"
        locale={{ emptyText: '还没有第三方评估' }}
        dataSource={panel.evaluations}
        renderItem={(e) => (
          <List.Item
            data-testid="evaluation"
            actions={[
              e.report ? (
                <a key="doc" href={routeUrl('caseEvaluationReport', { id: caseId, evaluationId: e.id })}>
                  评估报告
                </a>
              ) : null,
              canWrite ? (
                <FileButton
                  key="up"
                  label={e.report ? '重新上传评估报告' : '上传评估报告'}
                  testid="evaluation-file"
                  send={(file) => run(() => upload('caseEvaluationUpload', { params: { id: caseId, evaluationId: e.id }, file }), '评估报告已上传').then((r) => r && onSaved(r))}
                />
              ) : null,
            ].filter(Boolean)}
          >
            <Space wrap>
              <Tag color="blue">{e.score} 分</Tag>
              <span>{e.evaluator}</span>
              <span>{e.evaluatedOn}</span>
              <Typography.Text type="secondary" className="pre">
                {e.summary}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {canWrite && (
        <Form form={form} layout="inline" name="evaluation" onFinish={(v) => void add(v)} data-testid="evaluation-form">
          <Form.Item name="evaluator" rules={[{ required: true, whitespace: true, message: '请填写评估机构' }]}>
            <Input placeholder="评估机构" maxLength={100} style={{ width: 200 }} data-testid="evaluation-evaluator" />
          </Form.Item>
          <Form.Item name="evaluatedOn" rules={[{ required: true, message: '请填写评估日期' }]}>
            <Input type="date" style={{ width: 160 }} data-testid="evaluation-date" />
          </Form.Item>
          <Form.Item name="score" rules={[{ required: true, message: '请填写得分' }]}>
            <InputNumber min={0} max={100} precision={0} placeholder="得分" style={{ width: 100 }} data-testid="evaluation-score" />
          </Form.Item>
          <Form.Item name="summary" rules={[{ required: true, whitespace: true, message: '请填写评估结论' }]}>
            <Input placeholder="评估结论" maxLength={2000} style={{ width: 260 }} data-testid="evaluation-summary" />
          </Form.Item>
          <Button htmlType="submit" loading={busy} data-testid="evaluation-add">
            登记评估
          </Button>
        </Form>
      )}
    </Space>
  );
}
