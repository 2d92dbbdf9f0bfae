import { useState } from 'react';
import { Descriptions, Drawer, Empty, Grid, Progress, Result, Space, Spin, Tabs, Tag, Timeline, Typography } from 'antd';
import type { CaseDetail } from '../../../../contract.js';
import { api } from '../../api.js';
import { date, dateTime, money } from '../../format.js';
import { useLoad } from '../../hooks.js';
import { useSession } from '../../session.js';
import { featuresOf, statusColor } from '../../lifecycles.js';
import { useLifecycles } from '../../lifecycles-context.js';
import { FUNDING_SOURCE_LABELS, type FundingSource } from '../../../../contract.js';
import { CaseActions } from './CaseActions.js';
import { CaseClaims, pendingClaims } from './CaseClaims.js';
import { CaseFunding } from './CaseFunding.js';
import { CaseTheme } from './CaseTheme.js';
import { CasePhotos, pendingPhotos } from './CasePhotos.js';
import { VoiceNote } from '../VoiceNote.js';
import { CaseObjections } from './CaseObjections.js';
import { CasePublicText } from './CasePublicText.js';
import { CaseMap } from './CaseMap.js';
import { CaseDelivery } from './delivery/CaseDelivery.js';

/**
 * A case opened from the table (/cases/:id): facts, photos, timeline, and every allowed action;
 * what its kind carries (GET /lifecycles features) decides the rest: a category or a project type,
 * due dates, money, a wish's value, its claims (认领), its 资金来源.
 */
export function CaseDrawer({ id, onClose, onChanged }: { id: number; onClose: () => void; onChanged: () => void }) {
  const screens = Grid.useBreakpoint();
  const detail = useLoad((signal) => api('caseDetail', { params: { id }, signal }), String(id));
  const d = detail.data;
  const refresh = () => {
    detail.reload();
    onChanged();
  };
  return (
    <Drawer
      open
      onClose={onClose}
      size={screens.md === false ? '100%' : 820}
      title={
        d ? (
          <Space wrap>
            <span>#{d.case.id}</span>
            <Tag>{d.case.kindLabel}</Tag>
            <Tag color={statusColor(d.case.status)} data-testid="case-status">
              {d.case.statusLabel}
            </Tag>
            {d.case.overdue && <Tag color="red">逾期 {Math.round(d.case.hoursOverdue)} 小时</Tag>}
          </Space>
        ) : (
          `#${id}`
        )
      }
      destroyOnHidden
      data-testid="case-drawer"
    >
      {!d && detail.loading && <Spin style={{ margin: 60 }} />}
      {!d && !detail.loading && (
        <Result status={detail.errorStatus === 404 ? '404' : 'warning'} title={detail.error ?? '无法加载'} />
      )}
      {d && <CaseBody d={d} onChanged={refresh} />}
    </Drawer>
  );
}

function CaseBody({ d, onChanged }: { d: CaseDetail; onChanged: () => void }) {
  const { me, map } = useSession();
  const lc = useLifecycles();
  const c = d.case;
  const f = featuresOf(lc, c.kind);
  const claimer = d.claims?.find((x) => x.status === 'confirmed')?.claimerName;
  const fundingTotal = (d.funding ?? []).reduce((n, l) => n + l.amount, 0);
  const canAct = me.can.transition || me.can.comment;
  const [tab, setTab] = useState(canAct && d.nextTransitions.length > 0 ? 'act' : 'timeline');
  const loc = c.location;
  const coords = loc.lat !== null && loc.lng !== null ? `${loc.lat.toFixed(5)}, ${loc.lng.toFixed(5)}` : null;

  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="case-title">
        {c.title}
      </Typography.Title>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'desc', label: '描述', span: 'filled', children: <span className="pre">{c.description}</span> },
          ...(f.category
            ? [{ key: 'cat', label: '类别', children: c.categoryName ?? c.category ?? '—' }]
            : c.projectType
              ? [{ key: 'cat', label: '项目类型', children: c.projectType }]
              : []),
          { key: 'place', label: '街道 / 社区', children: `${c.streetName ?? '—'} / ${c.communityName ?? '—'}` },
          {
            key: 'loc',
            label: '位置',
            span: 'filled',
            children: loc.label || coords ? (
              <span data-testid="case-location">
                {loc.label ?? ''}
                {coords && <Typography.Text type="secondary">{loc.label ? `（${coords}）` : coords}</Typography.Text>}
              </span>
            ) : (
              '—'
            ),
          },
          // only with a tile source configured (CONSOLE_MAP_TILES): no request off this server otherwise
          ...(map && loc.lat !== null && loc.lng !== null
            ? [{ key: 'map', label: '地图', span: 'filled' as const, children: <CaseMap at={{ lat: loc.lat, lng: loc.lng }} label={loc.label} map={map} /> }]
            : []),
          {
            key: 'res',
            label: '居民',
            children: (
              <span data-testid="case-resident">
                {[c.contactName, c.residentLabel, c.phone].filter(Boolean).join(' · ') || '—'}
              </span>
            ),
          },
          { key: 'channel', label: '渠道', children: <span data-testid="case-channel">{c.channelLabel}</span> },
          ...(d.open311
            ? [
                {
                  key: 'open311',
                  label: '外部系统',
                  span: 'filled' as const,
                  children: (
                    <span data-testid="case-open311">
                      {d.open311.partner}（接口密钥 #{d.open311.keyId}）
                      {d.open311.attributes.map((a) => `；${a.label}：${a.value}`).join('')}
                      {d.open311.mediaUrl && (
                        <>
                          ；附件链接（未下载，请自行核实）：
                          <Typography.Link href={d.open311.mediaUrl} target="_blank" rel="noopener noreferrer">
                            {d.open311.mediaUrl}
                          </Typography.Link>
                        </>
                      )}
                    </span>
                  ),
                },
              ]
            : []),
          {
            key: 'subs',
            label: '关注 / 我也遇到',
            children: (
              <span data-testid="case-subscribers">
                关注 {d.subscribers.total} 人（提交 {d.subscribers.authors}，我也遇到 {d.subscribers.supporters}，订阅 {d.subscribers.followers}）
              </span>
            ),
          },
          ...(d.support
            ? [
                {
                  key: 'support',
                  label: '居民支持',
                  children: (
                    <span data-testid="case-support">
                      {d.support.count} 人支持{d.support.open ? `（征集中，居民回复“支持 ${c.id}”即可支持）` : '（征集已结束）'}
                    </span>
                  ),
                },
              ]
            : []),
          ...(f.due
            ? [
                { key: 'assignee', label: '承办人', children: c.assignee ?? '—' },
                { key: 'due', label: '办理时限', children: <DueText due={c.dueAt} overdue={c.overdue} estimateYears={c.dueEstimateYears} /> },
                { key: 'accepted', label: '受理时间', children: dateTime(c.acceptedAt) },
                { key: 'resolved', label: '办结时间', children: dateTime(c.resolvedAt) },
              ]
            : []),
          ...(c.beneficiaries !== null || f.budget || f.value ? [{ key: 'benef', label: '受益人群', children: c.beneficiaries ?? '—' }] : []),
          ...(f.budget
            ? [
                { key: 'batch', label: '批次', children: c.batch ?? '—' },
                ...(f.theme ? [{ key: 'theme', label: '主题分类', children: <CaseTheme caseId={c.id} /> }] : []),
                { key: 'est', label: '申请经费', children: money(c.estimatedCost) },
                { key: 'appr', label: '确定经费', children: money(c.approvedCost) },
                { key: 'act', label: '实际支出', children: money(c.actualCost) },
                {
                  key: 'pub',
                  label: '公示期',
                  children: c.publicityStart ? `${date(c.publicityStart)} 至 ${date(c.publicityEnd)}` : '—',
                },
              ]
            : []),
          ...(f.value && d.value
            ? [
                {
                  key: 'value',
                  label: '心愿价值',
                  children: (
                    <span data-testid="case-value">
                      预估 {money(d.value.estimated)} · 实际 {money(d.value.given)}
                    </span>
                  ),
                },
              ]
            : []),
          ...(f.claims ? [{ key: 'claimer', label: '认领方', children: <span data-testid="case-claimer">{claimer ?? '—'}</span> }] : []),
          ...(f.funding ? [{ key: 'fundingTotal', label: '资金合计', children: money(fundingTotal) }] : []),
          ...(c.duplicateOf ? [{ key: 'dup', label: '已合并到', span: 'filled' as const, children: `#${c.duplicateOf}` }] : []),
          ...(c.rejectReason ? [{ key: 'rej', label: '不予受理/采纳理由', span: 'filled' as const, children: <span className="pre">{c.rejectReason}</span> }] : []),
          ...(d.evaluation.ratings > 0
            ? [
                {
                  key: 'eval',
                  label: '居民评价',
                  span: 'filled' as const,
                  children: `满意 ${d.evaluation.satisfied} · 不满意 ${d.evaluation.unsatisfied}${
                    d.evaluation.averageScore !== null ? ` · 平均 ${d.evaluation.averageScore.toFixed(1)} 分` : ''
                  }`,
                },
              ]
            : []),
          { key: 'created', label: '提交时间', children: dateTime(c.createdAt) },
          { key: 'updated', label: '最近更新', children: dateTime(c.updatedAt) },
        ]}
      />
      {d.milestones.length > 0 && (
        <div className="milestones">
          <Typography.Title level={5}>实施进度</Typography.Title>
          <Progress percent={Math.max(...d.milestones.map((m) => m.percent))} />
          {d.milestones.map((m) => (
            <div key={m.id} className="muted">
              {date(m.date)} · {m.percent}% · <span className="pre">{m.note}</span>
            </div>
          ))}
        </div>
      )}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        style={{ marginTop: 12 }}
        items={[
          ...(canAct ? [{ key: 'act', label: '办理', children: <CaseActions d={d} onChanged={onChanged} /> }] : []),
          { key: 'timeline', label: `时间线（${d.timeline.length}）`, children: <CaseTimeline d={d} /> },
          ...(d.publicText
            ? [
                {
                  key: 'publicText',
                  label: d.publicText.text === null ? '公开文字（待审核）' : '公开文字',
                  children: <CasePublicText key={d.publicText.text ?? ''} d={d} onChanged={onChanged} />,
                },
              ]
            : []),
          {
            key: 'photos',
            label: `照片（${d.photos.length}${pendingPhotos(d) ? `，${pendingPhotos(d)} 张待审核` : ''}）`,
            children: <CasePhotos d={d} onChanged={onChanged} />,
          },
          ...(d.voices.length
            ? [
                {
                  key: 'voices',
                  label: `语音（${d.voices.length}）`,
                  children: (
                    <div data-testid="case-voices">
                      {d.voices.map((v) => (
                        <VoiceNote key={v.id} voice={v} />
                      ))}
                    </div>
                  ),
                },
              ]
            : []),
          ...(f.claims && d.claims
            ? [
                {
                  key: 'claims',
                  label: `认领（${d.claims.length}${pendingClaims(d) ? `，${pendingClaims(d)} 条待确认` : ''}）`,
                  children: <CaseClaims d={d} onChanged={onChanged} />,
                },
              ]
            : []),
          ...(f.objections ? [{ key: 'objections', label: '公示异议', children: <CaseObjections d={d} onChanged={onChanged} /> }] : []),
          ...(f.delivery ? [{ key: 'delivery', label: '实施与验收', children: <CaseDelivery d={d} onChanged={onChanged} /> }] : []),
          ...(f.funding && d.funding ? [{ key: 'funding', label: `资金来源（${d.funding.length}）`, children: <CaseFunding d={d} onChanged={onChanged} /> }] : []),
        ]}
      />
    </>
  );
}

function DueText({ due, overdue, estimateYears }: { due: string | null; overdue: boolean; estimateYears: number[] }) {
  if (!due) return <>—</>;
  return (
    <>
      <Typography.Text type={overdue ? 'danger' : undefined}>{dateTime(due)}</Typography.Text>
      {estimateYears.length > 0 && (
        <Typography.Text type="warning" data-testid="due-estimate">
          {' '}
          （估算：系统未载入{estimateYears.join('、')}年节假日安排，按周一至周五计）
        </Typography.Text>
      )}
    </>
  );
}

/** case_events.type (src/civic/lifecycle/events.ts) in staff words */
const EVENT_LABELS: Record<string, string> = {
  created: '提交',
  status_changed: '状态变更',
  note: '备注',
  milestone: '实施进度',
  transferred: '转办',
  objection: '公示异议',
  rating: '居民评价',
  funding: '资金来源',
  supervised: '督办',
};
const ACTOR_LABELS: Record<string, string> = { resident: '居民', staff: '工作人员', system: '系统', partner: '对接系统' };
/** event data worth showing, with how to show it */
const DATA_FIELDS: Record<string, { label: string; show?: (v: unknown) => string }> = {
  assignee: { label: '承办人' },
  dueAt: { label: '办理时限', show: (v) => dateTime(String(v)) },
  department: { label: '转办部门' },
  reason: { label: '理由' },
  duplicateOf: { label: '合并到', show: (v) => `#${String(v)}` },
  merged: { label: '合并自', show: (v) => `#${String(v)}` },
  approvedCost: { label: '确定经费', show: (v) => money(Number(v)) },
  actualCost: { label: '实际支出', show: (v) => money(Number(v)) },
  batch: { label: '批次' },
  publicityStart: { label: '公示开始', show: (v) => date(String(v)) },
  publicityEnd: { label: '公示结束', show: (v) => date(String(v)) },
  percent: { label: '进度', show: (v) => `${String(v)}%` },
  photos: { label: '照片', show: (v) => `${String(v)} 张` },
  satisfied: { label: '是否满意', show: (v) => (v ? '满意' : '不满意') },
  score: { label: '评分', show: (v) => `${String(v)} 分` },
  subscribersMoved: { label: '转移关注', show: (v) => `${String(v)} 人` },
  claimerName: { label: '认领方' },
  source: { label: '来源', show: (v) => FUNDING_SOURCE_LABELS[v as FundingSource] ?? String(v) },
  funder: { label: '出资方' },
  amount: { label: '金额', show: (v) => money(Number(v)) },
  removed: { label: '已删除', show: () => '是' },
};
const HIDDEN_DATA = new Set(['eventId']);

/** every event, public ones marked 公开 (shown on the public page and pushed), internal ones 内部 */
function CaseTimeline({ d }: { d: CaseDetail }) {
  if (d.timeline.length === 0) return <Empty description="暂无记录" />;
  return (
    <Timeline
      data-testid="case-timeline"
      items={[...d.timeline].reverse().map((e) => {
        const data = Object.entries(e.data).filter(([k, v]) => !HIDDEN_DATA.has(k) && k in DATA_FIELDS && v !== null && v !== '' && typeof v !== 'object');
        return {
          key: e.id,
          color: e.public ? 'blue' : 'gray',
          content: (
            <div className="tl-entry">
              <div>
                <Typography.Text strong>{EVENT_LABELS[e.type] ?? e.type}</Typography.Text>
                {e.toStatusLabel && (
                  <Tag color={statusColor(e.toStatus ?? '')} style={{ marginInlineStart: 8 }}>
                    → {e.toStatusLabel}
                  </Tag>
                )}
                <Tag color={e.public ? 'green' : 'orange'}>{e.public ? '公开' : '内部'}</Tag>
                <Typography.Text type="secondary">
                  {dateTime(e.at)} · {e.actorName ?? ACTOR_LABELS[e.actorType] ?? e.actorType}
                </Typography.Text>
              </div>
              {e.filing && (
                <div className="muted" data-testid="case-filing">
                  {e.filing}
                </div>
              )}
              {e.publicNote && (
                <div className="tl-public">
                  <Tag color="green">公开说明</Tag>
                  <span className="pre">{e.publicNote}</span>
                </div>
              )}
              {e.internalNote && (
                <div className="tl-internal">
                  <Tag color="orange">内部备注</Tag>
                  <span className="pre">{e.internalNote}</span>
                </div>
              )}
              {data.length > 0 && (
                <div className="muted">
                  {data.map(([k, v]) => (
                    <span key={k} style={{ marginInlineEnd: 12 }}>
                      {DATA_FIELDS[k]!.label}：{DATA_FIELDS[k]!.show?.(v) ?? String(v)}
                    </span>
                  ))}
                </div>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
