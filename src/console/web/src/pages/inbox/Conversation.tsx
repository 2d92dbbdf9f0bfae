import { useEffect, useRef, useState } from 'react';
import { Button, Descriptions, Empty, Popconfirm, Select, Space, Spin, Tag, Typography } from 'antd';
import type { TicketDetail, TranscriptEntry } from '../../../../contract.js';
import { api } from '../../api.js';
import { reasonLabel } from './labels.js';
import { dateTime, tapsAsText } from '../../format.js';
import { useAction, useLoad, useScope } from '../../hooks.js';
import { navigate } from '../../router.js';
import { useSession } from '../../session.js';
import { Composer } from './Composer.js';
import { VoiceNote } from '../VoiceNote.js';

const STATUS_COLOR = { queued: 'gold', assigned: 'blue', resolved: 'default' } as const;

/** One ticket: the transcript, the flow's answers, the resident's cases, and what staff can do. */
export function Conversation({ id, tick, onChanged, onBack }: { id: number; tick: number; onChanged: () => void; onBack?: () => void }) {
  const { me } = useSession();
  const detail = useLoad((signal) => api('inboxDetail', { params: { id }, signal }), `${id}:${tick}`);
  const { busy, run } = useAction();
  const [assignTo, setAssignTo] = useState<number | null>(null);
  const staff = useLoad((signal) => api('staffList', { query: { assignable: 'true' }, signal }), 'assignable');

  const d = detail.data;
  const refresh = () => {
    detail.reload();
    onChanged();
  };
  if (!d) return <Spin style={{ margin: 80 }} />;
  const t = d.ticket;
  const mine = t.assigneeId === me.id;

  // a claimed ticket leaves 待接待: follow it to 我的
  const claim = () =>
    run(() => api('inboxClaim', { params: { id } }), (r) => (r.changed ? '已接单' : '已是您的会话')).then((r) => {
      refresh();
      if (r) navigate(`/inbox/${id}?f=mine`, { replace: true });
    });
  const resolve = () => run(() => api('inboxResolve', { params: { id } }), '会话已结束，居民将回到机器人').then(refresh);
  const assign = () =>
    assignTo && run(() => api('inboxAssign', { params: { id }, body: { assigneeId: assignTo } }), '已指派').then(refresh);

  return (
    <div className="conversation" data-testid="conversation">
      <header className="conversation-head">
        <Space wrap>
          {onBack && <Button onClick={onBack}>返回</Button>}
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t.residentLabel}
          </Typography.Title>
          <Tag color={STATUS_COLOR[t.status]} data-testid="ticket-status">
            {t.statusLabel}
          </Tag>
          <Typography.Text type="secondary">
            #{t.id} · {t.communityName ?? '社区未知'} · {reasonLabel(t.reason)} · {dateTime(t.openedAt)}
          </Typography.Text>
          {t.assigneeName && <Typography.Text>接待人：{t.assigneeName}</Typography.Text>}
        </Space>
        <Space wrap>
          {t.status !== 'resolved' && !mine && (
            <Button type="primary" onClick={() => void claim()} loading={busy} data-testid="claim">
              {t.status === 'queued' ? '接单' : '改由我接待'}
            </Button>
          )}
          {t.status !== 'resolved' && (
            <Space.Compact>
              <Select
                placeholder="指派给…"
                style={{ width: 150 }}
                value={assignTo}
                onChange={setAssignTo}
                loading={staff.loading}
                options={staff.data?.items.filter((s) => !s.disabled).map((s) => ({ value: s.id, label: s.displayName }))}
                showSearch={{ optionFilterProp: 'label' }}
              />
              <Button onClick={() => void assign()} disabled={!assignTo} loading={busy}>
                指派
              </Button>
            </Space.Compact>
          )}
          {t.status !== 'resolved' && (
            <Popconfirm title="结束这次人工接待？" description="居民之后的消息由机器人回复。" onConfirm={() => void resolve()} okText="结束" cancelText="取消">
              <Button danger loading={busy} data-testid="resolve">
                结束会话
              </Button>
            </Popconfirm>
          )}
        </Space>
      </header>
      <div className="conversation-body">
        <div className="conversation-chat">
          <Transcript entries={d.transcript} />
          <Composer ticket={t} quota={d.quota} onSent={(entry, quota) => detail.setData((prev) => prev && appendEntry(prev, entry, quota))} />
        </div>
        <aside className="conversation-side">
          <Typography.Title level={5}>流程中已填写</Typography.Title>
          <FlowContext context={d.context} />
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            该居民的事项
          </Typography.Title>
          {d.residentCases.length === 0 ? (
            <Typography.Text type="secondary">暂无</Typography.Text>
          ) : (
            <ul className="resident-cases">
              {d.residentCases.map((c) => (
                <li key={c.number}>
                  <a
                    href={`/console/cases/${c.number}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/cases/${c.number}`);
                    }}
                  >
                    #{c.number} {c.title}
                  </a>
                  <div className="muted">
                    {c.kindLabel} · {c.statusLabel} · {roleLabel(c.role)} · {dateTime(c.createdAt)}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </aside>
      </div>
    </div>
  );
}

const roleLabel = (r: string) => ({ author: '提交人', supporter: '我也遇到', follower: '关注' })[r] ?? r;

function appendEntry(prev: TicketDetail, entry: TranscriptEntry, quota?: TicketDetail['quota']): TicketDetail {
  if (prev.transcript.some((e) => e.id === entry.id)) return quota ? { ...prev, quota } : prev;
  return { ...prev, transcript: [...prev.transcript, entry], ...(quota ? { quota } : {}) };
}

/** message types worth a word; text and notes need none */
const MSG_TYPES: Record<string, string> = { image: '图片', location: '位置', voice: '语音', video: '视频', event: '事件', template: '模板通知', news: '图文' };

const KIND_LABEL: Record<TranscriptEntry['kind'], string> = { resident: '居民', bot: '机器人', staff: '工作人员', note: '内部备注', system: '系统' };

/** Everything the resident typed is a React text node: markup stays visible characters. */
function Transcript({ entries }: { entries: TranscriptEntry[] }) {
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // braces: scrollIntoView returns a promise in newer browsers, and an effect may only return a cleanup
    end.current?.scrollIntoView({ block: 'end' });
  }, [entries.length]);
  if (entries.length === 0) return <Empty description="还没有消息" className="transcript" />;
  return (
    <div className="transcript" data-testid="transcript">
      {entries.map((e) => (
        <div key={e.id} className={`msg msg-${e.internal ? 'note' : e.kind}`} data-kind={e.kind}>
          <div className="msg-meta">
            {e.internal ? <Tag color="orange">内部备注</Tag> : null}
            {e.senderName ?? KIND_LABEL[e.kind]} · {dateTime(e.at)}
            {MSG_TYPES[e.msgType] ? ` · ${MSG_TYPES[e.msgType]}` : ''}
          </div>
          {e.voice ? <VoiceNote voice={e.voice} /> : <div className="msg-body">{e.kind === 'resident' ? e.body : tapsAsText(e.body)}</div>}
        </div>
      ))}
      <div ref={end} />
    </div>
  );
}

/** slot names of flows/report.yaml and flows/proposal.yaml, in staff words; unknown keys show as they are */
const SLOT_LABELS: Record<string, string> = {
  flowId: '流程',
  nodeId: '当前步骤',
  category: '类别',
  description: '描述',
  location: '位置',
  community: '社区',
  photos: '照片',
  phone: '电话',
  title: '标题',
  projectType: '项目类型',
  beneficiaries: '受益人群',
  estimatedCostYuan: '预计经费（元）',
  duplicates: '附近相似事项',
};
const FLOW_LABELS: Record<string, string> = { report: '报修', proposal: '微实事提议' };

/** the flow's answers so far ({ flowId, nodeId, slots } from the runtime), values as text */
function FlowContext({ context }: { context: Record<string, unknown> }) {
  const scope = useScope();
  const { slots, flowId, nodeId, ...rest } = context;
  const flat: Record<string, unknown> = {
    ...(flowId ? { flowId: FLOW_LABELS[String(flowId)] ?? flowId } : {}),
    ...(nodeId ? { nodeId } : {}),
    ...(slots && typeof slots === 'object' && !Array.isArray(slots) ? (slots as Record<string, unknown>) : slots ? { slots } : {}),
    ...rest,
  };
  // category ids read as their names
  const category = scope?.categories.find((c) => c.id === flat.category);
  if (category) flat.category = category.name;
  const entries = Object.entries(flat).filter(([, v]) => v !== null && v !== undefined && v !== '');
  if (entries.length === 0) return <Typography.Text type="secondary">无（居民不在填写流程中）</Typography.Text>;
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      data-testid="flow-context"
      items={entries.map(([k, v]) => ({ key: k, label: SLOT_LABELS[k] ?? k, children: <span className="pre">{asText(v)}</span> }))}
    />
  );
}

function asText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? '无' : v.every((x) => typeof x === 'string' || typeof x === 'number') ? v.join('、') : `${v.length} 项`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    // a location { lat, lng, label }
    if (typeof o.lat === 'number' && typeof o.lng === 'number')
      return `${typeof o.label === 'string' ? `${o.label} ` : ''}(${o.lat.toFixed(5)}, ${o.lng.toFixed(5)})`;
    return JSON.stringify(v, null, 1);
  }
  return String(v);
}
