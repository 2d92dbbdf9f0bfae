import { useState } from 'react';
import { Button, Empty, Input, List, Modal, Space, Tag, Typography } from 'antd';
import type { CaseDetail, ResponseOf } from '../../../../contract.js';
import { api } from '../../api.js';
import { dateTime } from '../../format.js';
import { useAction, useLoad } from '../../hooks.js';
import { useSession } from '../../session.js';

type Objection = ResponseOf<'caseObjections'>['objections'][number];

const STATUS: Record<Objection['status'], { label: string; color: string }> = {
  open: { label: '待答复', color: 'orange' },
  accepted: { label: '已采纳', color: 'green' },
  rejected: { label: '未采纳', color: 'default' },
  superseded: { label: '随项目退回重审', color: 'default' },
};

/**
 * 公示异议 of a project: residents raise them in the bot during 公示; staff answer each one. 采纳
 * sends the project back to review (the lifecycle's 退回重新审核) and tells the objector; 不采纳
 * needs a reason, which the public page shows with the objection (never who raised it). An open
 * objection keeps the project from 开始实施.
 */
export function CaseObjections({ d, onChanged }: { d: CaseDetail; onChanged: () => void }) {
  const { me } = useSession();
  const list = useLoad((signal) => api('caseObjections', { params: { id: d.case.id }, signal }), `${d.case.id}:${d.case.status}`);
  const { busy, run } = useAction();
  const [answering, setAnswering] = useState<{ o: Objection; accepted: boolean } | null>(null);
  const [answer, setAnswer] = useState('');

  const submit = async () => {
    if (!answering) return;
    const { o, accepted } = answering;
    const text = answer.trim();
    const r = await run(
      () => api('caseObjectionAnswer', { params: { id: d.case.id, objectionId: o.id }, body: { accepted, ...(text ? { answer: text } : {}) } }),
      (a) => (a.moved ? '已采纳：项目退回重新审核，已通知提出异议的居民' : accepted ? '已采纳，已通知提出异议的居民' : '已答复：不采纳的理由会在公开页显示，已通知提出异议的居民'),
    );
    if (r) {
      setAnswering(null);
      setAnswer('');
      list.reload();
      onChanged();
    }
  };

  const items = list.data?.objections ?? [];
  if (!list.loading && !items.length) return <Empty description="公示期间还没有收到异议" />;
  return (
    <>
      <List
        loading={list.loading}
        dataSource={items}
        data-testid="objections"
        renderItem={(o) => (
          <List.Item
            data-testid={`objection-${o.id}`}
            actions={
              o.status === 'open' && me.can.transition
                ? [
                    <Button key="yes" size="small" onClick={() => setAnswering({ o, accepted: true })} data-testid={`objection-accept-${o.id}`}>
                      采纳
                    </Button>,
                    <Button key="no" size="small" onClick={() => setAnswering({ o, accepted: false })} data-testid={`objection-reject-${o.id}`}>
                      不采纳
                    </Button>,
                  ]
                : []
            }
          >
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Space size={6}>
                <Tag color={STATUS[o.status].color}>{STATUS[o.status].label}</Tag>
                <Typography.Text type="secondary">{dateTime(o.createdAt)}</Typography.Text>
              </Space>
              <Typography.Paragraph className="pre" style={{ marginBottom: 0 }}>
                {o.reason}
              </Typography.Paragraph>
              {o.answer && (
                <Typography.Text type="secondary">
                  答复：{o.answer}
                  {o.answeredAt ? ` · ${dateTime(o.answeredAt)}` : ''}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
      <Modal
        title={answering?.accepted ? '采纳异议' : '不采纳异议'}
        open={!!answering}
        onCancel={() => setAnswering(null)}
        onOk={() => void submit()}
        okText={answering?.accepted ? '采纳并退回重新审核' : '不采纳'}
        okButtonProps={{ disabled: !answering?.accepted && !answer.trim() }}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {answering?.accepted
            ? '采纳后项目退回重新审核（公示中止），说明会公开并通知关注的居民和提出异议的居民。'
            : '不采纳需要写明理由：理由会和异议一起在公开页显示（不显示居民身份），并通知提出异议的居民。'}
        </Typography.Paragraph>
        <Input.TextArea
          value={answer}
          onChange={(e) => setAnswer(e.target.value)}
          maxLength={500}
          showCount
          autoSize={{ minRows: 3, maxRows: 6 }}
          placeholder={answering?.accepted ? '可不填，默认：采纳公示期间的异议，项目退回重新审核' : '例如：经消防部门现场核实，通道宽度符合要求'}
          data-testid="objection-answer"
        />
      </Modal>
    </>
  );
}
