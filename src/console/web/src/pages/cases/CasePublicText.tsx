import { useState } from 'react';
import { Alert, Button, Input, Space, Typography } from 'antd';
import type { CaseDetail } from '../../../../contract.js';
import { api } from '../../api.js';
import { dateTime } from '../../format.js';
import { useAction } from '../../hooks.js';
import { useSession } from '../../session.js';

/**
 * 公开文字: what the public case page shows of a report's words. Until a staff member approves it,
 * the page shows only the category, the community and the status. The text starts from the
 * description with names, room numbers, phone, ID and plate numbers masked by rule; staff read it,
 * edit what the rule missed (a name with no cue, a home described in words) and approve it.
 * Each approval is audited. Deputies see it but decide nothing.
 */
export function CasePublicText({ d, onChanged }: { d: CaseDetail; onChanged: () => void }) {
  const { me } = useSession();
  const { busy, run } = useAction();
  const p = d.publicText!;
  const [text, setText] = useState(p.text ?? p.proposal);
  const approve = async () => {
    const r = await run(() => api('casePublicText', { params: { id: d.case.id }, body: { text } }), '已批准：公开页显示这段文字');
    if (r) onChanged();
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="public-text">
      {p.text === null ? (
        <Alert
          type="warning"
          showIcon
          title="公开文字待审核"
          description="公开页现在只显示类别、社区和办理状态。下面是隐去姓名、门牌、电话、身份证和车牌号后的建议文字：请核对，删去规则没认出的个人信息，再批准公开。"
          data-testid="public-text-pending"
        />
      ) : (
        <Typography.Text type="secondary" data-testid="public-text-approved">
          已公开 · {p.approvedBy?.name ?? ''} · {dateTime(p.approvedAt)}
        </Typography.Text>
      )}
      <Typography.Text type="secondary">居民原文</Typography.Text>
      <Typography.Paragraph className="pre" style={{ marginBottom: 0 }}>
        {d.case.description}
      </Typography.Paragraph>
      <Typography.Text type="secondary">公开文字</Typography.Text>
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 3, maxRows: 8 }}
        maxLength={2000}
        disabled={!me.can.publish}
        data-testid="public-text-input"
      />
      {me.can.publish && (
        <Space>
          <Button type="primary" disabled={busy || !text.trim() || text.trim() === p.text} onClick={() => void approve()} data-testid="public-text-approve">
            {p.text === null ? '批准公开' : '更新公开文字'}
          </Button>
          {text !== p.proposal && (
            <Button disabled={busy} onClick={() => setText(p.proposal)}>
              恢复建议文字
            </Button>
          )}
        </Space>
      )}
    </Space>
  );
}
