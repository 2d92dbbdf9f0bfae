import { Button, Empty, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { FUNDING_SOURCE_LABELS, FUNDING_SOURCES, NAMED_FUNDING_SOURCES, type CaseDetail, type FundingLine, type FundingSource } from '../../../../contract.js';
import { api } from '../../api.js';
import { dateTime, money, yuanToFen } from '../../format.js';
import { useAction } from '../../hooks.js';
import { useSession } from '../../session.js';

interface FundingValues {
  source: FundingSource;
  funder?: string;
  /** 元 */
  amount: number;
  note?: string;
}

/**
 * 资金来源 (kinds that keep it: projects, wishes): where the money comes from, line by line —
 * government funds, social money and gifts in kind with their giver named, the residents' own
 * share — with the total. The lines and givers are public on the case page; staff add a line or
 * remove one entered by mistake (both audited); deputies only read.
 */
export function CaseFunding({ d, onChanged }: { d: CaseDetail; onChanged: () => void }) {
  const { me } = useSession();
  const { busy, run } = useAction();
  const [form] = Form.useForm<FundingValues>();
  const source = Form.useWatch('source', form);
  const lines = d.funding ?? [];
  const total = lines.reduce((n, l) => n + l.amount, 0);

  const add = async (v: FundingValues) => {
    const r = await run(
      () =>
        api('caseFundingAdd', {
          params: { id: d.case.id },
          body: {
            source: v.source,
            amount: yuanToFen(v.amount),
            ...(v.funder?.trim() ? { funder: v.funder.trim() } : {}),
            ...(v.note?.trim() ? { note: v.note.trim() } : {}),
          },
        }),
      '已记录资金来源',
    );
    if (r) {
      form.resetFields();
      onChanged();
    }
  };
  const remove = async (l: FundingLine) => {
    const r = await run(() => api('caseFundingRemove', { params: { id: d.case.id, fundingId: l.id } }), '已删除这条资金来源');
    if (r) onChanged();
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="case-funding">
      {lines.length === 0 ? (
        <Empty description="还没有记录资金来源" />
      ) : (
        <Table<FundingLine>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={lines}
          scroll={{ x: 600 }}
          columns={[
            { title: '来源', key: 'source', render: (_: unknown, l) => FUNDING_SOURCE_LABELS[l.source] },
            { title: '出资方', key: 'funder', render: (_: unknown, l) => l.funder ?? '—' },
            { title: '金额', key: 'amount', align: 'right', render: (_: unknown, l) => money(l.amount) },
            { title: '说明', key: 'note', ellipsis: true, render: (_: unknown, l) => (l.note ? <span className="pre">{l.note}</span> : '—') },
            { title: '录入', key: 'by', render: (_: unknown, l) => `${l.createdBy ?? '—'} · ${dateTime(l.createdAt)}` },
            ...(me.can.transition
              ? [
                  {
                    title: '',
                    key: 'remove',
                    width: 70,
                    render: (_: unknown, l: FundingLine) => (
                      <Popconfirm title="删除这条资金来源？" okText="删除" cancelText="取消" onConfirm={() => void remove(l)}>
                        <Button size="small" danger disabled={busy} data-testid="funding-remove">
                          删除
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                合计
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <span data-testid="funding-total">{money(total)}</span>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      )}
      {me.can.transition && (
        <Form form={form} layout="inline" name="funding" onFinish={(v) => void add(v)} data-testid="funding-form">
          <Form.Item name="source" rules={[{ required: true, message: '请选择来源' }]}>
            <Select placeholder="来源" style={{ width: 180 }} options={FUNDING_SOURCES.map((s) => ({ value: s, label: FUNDING_SOURCE_LABELS[s] }))} />
          </Form.Item>
          <Form.Item
            name="funder"
            rules={source && NAMED_FUNDING_SOURCES.includes(source) ? [{ required: true, whitespace: true, message: '社会资金和实物捐赠请写明出资方' }] : []}
          >
            <Input placeholder="出资方（企业、基金会、捐赠人）" maxLength={100} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="amount" rules={[{ required: true, message: '请填写金额' }]}>
            <InputNumber placeholder="金额（元）" min={0.01} precision={2} step={100} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="note">
            <Input placeholder="说明（可不填）" maxLength={500} style={{ width: 180 }} />
          </Form.Item>
          <Button htmlType="submit" loading={busy} data-testid="funding-add">
            添加
          </Button>
        </Form>
      )}
      <Typography.Text type="secondary">资金来源和出资方在公开页显示（三公开）。</Typography.Text>
    </Space>
  );
}
