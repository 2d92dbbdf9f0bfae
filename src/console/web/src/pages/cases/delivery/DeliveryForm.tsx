import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { IMPLEMENTER_KIND_LABELS, IMPLEMENTER_KINDS, type DeliveryPanel, type ImplementerKind } from '../../../../../contract.js';
import { api } from '../../../api.js';
import { yuanToFen } from '../../../format.js';
import { useAction } from '../../../hooks.js';

interface Values {
  implementerKind: ImplementerKind;
  implementerName: string;
  /** 元 */
  contractYuan?: number | null;
  plannedStart?: string;
  plannedEnd?: string;
  actualStart?: string;
  actualEnd?: string;
}

const day = (v: string | undefined) => (v ? v : null);

/** 实施信息: who delivers the project (a contracted provider or the street), the contract in 元, the planned and actual days */
export function DeliveryForm({ caseId, panel, onSaved }: { caseId: number; panel: DeliveryPanel; onSaved: (p: DeliveryPanel) => void }) {
  const { busy, run } = useAction();
  const d = panel.delivery;
  const save = async (v: Values) => {
    const r = await run(
      () =>
        api('caseDeliverySet', {
          params: { id: caseId },
          body: {
            implementerKind: v.implementerKind,
            implementerName: v.implementerName.trim(),
            contractAmount: v.contractYuan != null ? yuanToFen(v.contractYuan) : null,
            plannedStart: day(v.plannedStart),
            plannedEnd: day(v.plannedEnd),
            actualStart: day(v.actualStart),
            actualEnd: day(v.actualEnd),
          },
        }),
      '已保存实施信息',
    );
    if (r) onSaved(r);
  };
  const dateItem = (name: keyof Values, label: string) => (
    <Form.Item name={name} label={label}>
      <Input type="date" style={{ width: 160 }} data-testid={`delivery-${name}`} />
    </Form.Item>
  );
  return (
    <Form<Values>
      layout="vertical"
      name="delivery"
      initialValues={{
        implementerKind: d?.implementerKind ?? 'provider',
        implementerName: d?.implementerName ?? '',
        contractYuan: d?.contractAmount != null ? d.contractAmount / 100 : null,
        plannedStart: d?.plannedStart ?? '',
        plannedEnd: d?.plannedEnd ?? '',
        actualStart: d?.actualStart ?? '',
        actualEnd: d?.actualEnd ?? '',
      }}
      onFinish={(v) => void save(v)}
      data-testid="delivery-form"
    >
      <Space wrap align="start">
        <Form.Item name="implementerKind" label="实施方式" rules={[{ required: true }]}>
          <Select style={{ width: 140 }} options={IMPLEMENTER_KINDS.map((k) => ({ value: k, label: IMPLEMENTER_KIND_LABELS[k] }))} data-testid="delivery-kind" />
        </Form.Item>
        <Form.Item name="implementerName" label="实施单位" rules={[{ required: true, whitespace: true, message: '请填写实施单位' }]}>
          <Input maxLength={100} style={{ width: 260 }} placeholder="服务商名称，或街道办事处" data-testid="delivery-name" />
        </Form.Item>
        <Form.Item name="contractYuan" label="合同金额（元）">
          <InputNumber min={0} precision={2} step={1000} style={{ width: 160 }} data-testid="delivery-contract" />
        </Form.Item>
      </Space>
      <Space wrap align="start">
        {dateItem('plannedStart', '计划开工')}
        {dateItem('plannedEnd', '计划完工')}
        {dateItem('actualStart', '实际开工')}
        {dateItem('actualEnd', '实际完工')}
      </Space>
      <Button htmlType="submit" type="primary" loading={busy} data-testid="delivery-save">
        保存实施信息
      </Button>
    </Form>
  );
}
