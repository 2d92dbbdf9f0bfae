import { useState } from 'react';
import { Alert, Button, Input, Modal, Segmented, Select, Space, Typography } from 'antd';
import type { Quota, Ticket, TranscriptEntry } from '../../../../contract.js';
import { api } from '../../api.js';
import { dateTime } from '../../format.js';
import { useAction, useLoad } from '../../hooks.js';

/** WeChat allows 5 customer-service messages within 48 h of the resident's last message */
const WINDOW_MESSAGES = 5;

/**
 * The reply box. A reply goes out as a customer-service message, so it shows what is left of the
 * 48-hour / 5-message window; once the window is closed it is disabled and offers the template
 * notice instead. An internal note is never sent to the resident.
 */
export function Composer({
  ticket,
  quota,
  onSent,
}: {
  ticket: Ticket;
  quota: Quota;
  onSent: (entry: TranscriptEntry, quota?: Quota) => void;
}) {
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [text, setText] = useState('');
  const [notifyOpen, setNotifyOpen] = useState(false);
  const [notifyText, setNotifyText] = useState('');
  const { busy, run } = useAction();
  const canned = useLoad((signal) => api('cannedReplies', { signal }), 'canned');

  const resolved = ticket.status === 'resolved';
  const windowClosed = !quota.open || quota.remaining <= 0;
  const replyDisabled = resolved || (mode === 'reply' && windowClosed);
  const max = mode === 'reply' ? 600 : 2000;

  const send = async () => {
    const body = { text: text.trim() };
    if (!body.text) return;
    if (mode === 'reply') {
      const r = await run(() => api('inboxReply', { params: { id: ticket.id }, body }), '已发送');
      if (r) {
        onSent(r.message, r.quota);
        setText('');
      }
    } else {
      const r = await run(() => api('inboxNote', { params: { id: ticket.id }, body }), '备注已保存');
      if (r) {
        onSent(r);
        setText('');
      }
    }
  };

  const notify = async () => {
    const t = notifyText.trim();
    const r = await run(() => api('inboxNotify', { params: { id: ticket.id }, body: t ? { text: t } : {} }), '模板通知已发送');
    if (r) {
      onSent(r.message);
      setNotifyOpen(false);
      setNotifyText('');
    }
  };

  return (
    <div className="composer" data-testid="composer">
      <div className="composer-bar">
        <Segmented
          size="small"
          value={mode}
          onChange={(v) => setMode(v as 'reply' | 'note')}
          options={[
            { value: 'reply', label: '回复居民' },
            { value: 'note', label: '内部备注' },
          ]}
        />
        {mode === 'reply' && !resolved && <QuotaLine quota={quota} />}
        {mode === 'reply' && (
          <Select
            size="small"
            placeholder="常用回复"
            style={{ minWidth: 140, marginInlineStart: 'auto' }}
            value={null}
            disabled={replyDisabled}
            options={canned.data?.items.map((c) => ({ value: c.id, label: c.title }))}
            onChange={(v: string) => {
              const c = canned.data?.items.find((x) => x.id === v);
              if (c) setText((prev) => (prev ? `${prev}\n${c.text}` : c.text));
            }}
            data-testid="canned"
          />
        )}
      </div>
      {resolved ? (
        <Alert type="info" showIcon title="会话已结束" description="居民再次发送“人工”会开启新的接待。" />
      ) : mode === 'reply' && windowClosed ? (
        <Alert
          type="warning"
          showIcon
          data-testid="window-closed"
          title="无法直接回复"
          description={
            quota.open
              ? `48 小时内的 ${WINDOW_MESSAGES} 条客服消息已用完，居民再发一条消息后才能继续回复。`
              : '居民最后一条消息已超过 48 小时，微信不允许再发送客服消息。可以发送模板通知，请居民回复后继续沟通。'
          }
          action={
            <Button size="small" onClick={() => setNotifyOpen(true)} disabled={!quota.notifyAvailable} data-testid="notify">
              发送模板通知
            </Button>
          }
        />
      ) : null}
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        disabled={replyDisabled}
        maxLength={max}
        autoSize={{ minRows: 3, maxRows: 8 }}
        placeholder={mode === 'reply' ? '回复内容（以客服消息发送给居民）' : '内部备注：只有工作人员可见，不会发送给居民'}
        className={mode === 'note' ? 'note-input' : undefined}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send();
        }}
        data-testid="composer-text"
      />
      <div className="composer-actions">
        <Typography.Text type="secondary">
          {text.length}/{max} · Ctrl+Enter 发送
        </Typography.Text>
        <Button type="primary" onClick={() => void send()} loading={busy} disabled={replyDisabled || !text.trim()} data-testid="send">
          {mode === 'reply' ? '发送' : '保存备注'}
        </Button>
      </div>
      <Modal
        title="发送模板通知"
        open={notifyOpen}
        onOk={() => void notify()}
        onCancel={() => setNotifyOpen(false)}
        okText="发送"
        confirmLoading={busy}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          模板通知不受 48 小时限制，但每条字段最多 20 个字，不能换行。留空则使用默认内容（请居民回复以继续沟通）。
        </Typography.Paragraph>
        <Input value={notifyText} onChange={(e) => setNotifyText(e.target.value.replace(/\s*\n\s*/g, ' '))} maxLength={20} showCount placeholder="例如：您的问题已有进展，请回复" />
      </Modal>
    </div>
  );
}

function QuotaLine({ quota }: { quota: Quota }) {
  if (!quota.open) return <Typography.Text type="danger">客服消息窗口已关闭</Typography.Text>;
  const ends = quota.windowEndsAt ? new Date(quota.windowEndsAt) : null;
  const hours = ends ? Math.max(0, (ends.getTime() - Date.now()) / 3_600_000) : null;
  const low = quota.remaining <= 1 || (hours !== null && hours < 6);
  return (
    <Space size={4} data-testid="quota">
      <Typography.Text type={low ? 'warning' : 'secondary'}>
        还可发 {quota.remaining}/{WINDOW_MESSAGES} 条
        {hours !== null ? ` · 窗口剩 ${hours < 1 ? `${Math.round(hours * 60)} 分钟` : `${hours.toFixed(1)} 小时`}` : ''}
      </Typography.Text>
      {ends && <Typography.Text type="secondary" className="hide-narrow">（至 {dateTime(ends)}）</Typography.Text>}
    </Space>
  );
}
