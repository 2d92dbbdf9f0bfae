import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import { CLAIMER_TYPE_LABELS, type CaseClaim } from '../../../../contract.js';
import { fieldLabel, type TransitionField } from './field-values.js';

export type { TransitionField };

/** a pending claim as the claim select shows it: who, and how to reach them */
export const claimOptionLabel = (c: CaseClaim): string => `${c.claimerName}（${CLAIMER_TYPE_LABELS[c.claimerType]}）· ${c.contactName} ${c.contactPhone}`;

/**
 * The inputs a transition needs, from the contract's field list: text, textarea, date (ISO), money
 * (typed in 元, sent in 分), case (a case number), choice (one of the field's options) and claim (one
 * of the case's pending claims; left out where there is no one case, as in the bulk dialog). Values
 * live in the form under `data.<name>`.
 */
export function TransitionFields({ fields, claims }: { fields: TransitionField[]; claims?: CaseClaim[] }) {
  const pending = claims?.filter((c) => c.status === 'pending');
  return (
    <>
      {fields.filter((f) => f.type !== 'claim' || pending).map((f) => (
        <Form.Item
          key={f.name}
          name={['data', f.name]}
          label={fieldLabel(f)}
          rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : []}
        >
          {f.type === 'date' ? (
            <DatePicker style={{ width: '100%' }} />
          ) : f.type === 'money' ? (
            <InputNumber style={{ width: '100%' }} min={0} precision={2} step={100} placeholder="单位：元" />
          ) : f.type === 'case' ? (
            <InputNumber style={{ width: '100%' }} min={1} precision={0} placeholder="事项编号" />
          ) : f.type === 'textarea' ? (
            <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
          ) : f.type === 'choice' ? (
            <Select allowClear options={f.options ?? []} />
          ) : f.type === 'claim' ? (
            <Select
              allowClear
              placeholder={pending?.length ? '选择一条待确认的认领' : '暂无待确认的认领'}
              options={(pending ?? []).map((c) => ({ value: c.id, label: claimOptionLabel(c) }))}
            />
          ) : (
            <Input maxLength={200} />
          )}
        </Form.Item>
      ))}
    </>
  );
}
