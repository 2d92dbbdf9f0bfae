import { Button, Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { ATTENDEE_GROUPS, ATTENDEE_LABELS, COUNCIL_OUTCOME_LABELS, type ResponseOf } from '../../../../contract.js';
import { api, routeUrl } from '../../api.js';
import { date, money } from '../../format.js';
import { useLoad } from '../../hooks.js';
import { match, navigate, useLocation } from '../../router.js';
import { useSession } from '../../session.js';
import { CouncilDecisionForm } from './CouncilDecisionForm.js';

type Meeting = ResponseOf<'councilList'>['meetings'][number];
type Attendees = Meeting['attendees'];

const OUTCOME_COLORS = { approved: 'green', reserve: 'blue', declined: 'default' } as const;

/** 参会 25 人（社区党组织 3、居委会 5 …）: counts only, never names */
export function attendeesText(a: Attendees): string {
  const total = ATTENDEE_GROUPS.reduce((n, g) => n + a[g], 0);
  const groups = ATTENDEE_GROUPS.filter((g) => a[g] > 0).map((g) => `${ATTENDEE_LABELS[g]} ${a[g]}`);
  return groups.length ? `${total} 人（${groups.join('、')}）` : '—';
}

/**
 * 居民议事会: the meetings of the communities in scope (what each decided, by outcome) and one
 * meeting's record; staff who may move proposals record a new meeting (CouncilDecisionForm).
 */
export function CouncilPage() {
  const { path } = useLocation();
  if (path === '/council/new') return <CouncilDecisionForm />;
  const one = match('/council/:id', path);
  if (one && /^\d+$/.test(one.id!)) return <MeetingView id={Number(one.id)} />;
  return <MeetingList />;
}

function MeetingList() {
  const { me } = useSession();
  const list = useLoad((signal) => api('councilList', { signal }), 'council');
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {me.can.council && (
        <Button type="primary" onClick={() => navigate('/council/new')} data-testid="council-new">
          记录议事会
        </Button>
      )}
      <Table<Meeting>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.meetings ?? []}
        locale={{ emptyText: <Empty description="还没有议事会记录" /> }}
        data-testid="council-meetings"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '日期', dataIndex: 'heldOn', width: 110, render: (d: string, m) => <a onClick={() => navigate(`/council/${m.id}`)}>{d}</a> },
          { title: '议事会', dataIndex: 'title', ellipsis: true, render: (t: string, m) => <a onClick={() => navigate(`/council/${m.id}`)}>{t}</a> },
          { title: '社区', dataIndex: 'communityName', width: 130 },
          {
            title: '决定',
            key: 'outcomes',
            width: 220,
            render: (_: unknown, m) => (
              <Space size={4}>
                {(['approved', 'reserve', 'declined'] as const).map((o) => (
                  <Tag key={o} color={OUTCOME_COLORS[o]}>
                    {COUNCIL_OUTCOME_LABELS[o]} {m.outcomes[o]}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: '参会', key: 'attendees', render: (_: unknown, m) => attendeesText(m.attendees) },
          { title: '纪要', dataIndex: 'hasMinutes', width: 70, render: (has: boolean) => (has ? '有' : '—') },
        ]}
      />
    </Space>
  );
}

type Detail = ResponseOf<'councilMeeting'>;

function MeetingView({ id }: { id: number }) {
  const m = useLoad((signal) => api('councilMeeting', { params: { id }, signal }), String(id));
  const d = m.data;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <a onClick={() => navigate('/council')}>← 全部议事会</a>
      <Card loading={m.loading} title={d ? `${d.title}` : '议事会'} size="small" data-testid="council-meeting">
        {d && (
          <>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label="社区">{d.communityName}</Descriptions.Item>
              <Descriptions.Item label="日期">{d.heldOn}</Descriptions.Item>
              <Descriptions.Item label="参会">{attendeesText(d.attendees)}</Descriptions.Item>
              <Descriptions.Item label="会议纪要">
                {d.minutes ? (
                  <a href={routeUrl('councilMinutes', { id: d.id })} data-testid="council-minutes">
                    下载（{Math.max(1, Math.round(d.minutes.bytes / 1024))} KB）
                  </a>
                ) : (
                  '未上传'
                )}
              </Descriptions.Item>
              <Descriptions.Item label="记录时间">{date(d.createdAt)}</Descriptions.Item>
            </Descriptions>
            <Table<Detail['decisions'][number]>
              rowKey="caseId"
              size="small"
              pagination={false}
              dataSource={d.decisions}
              data-testid="council-decisions"
              columns={[
                { title: '编号', dataIndex: 'caseId', width: 80, render: (id: number) => <a onClick={() => navigate(`/cases/${id}`)}>#{id}</a> },
                { title: '提议', dataIndex: 'title', ellipsis: true, render: (t: string | null) => t ?? '—' },
                { title: '居民支持', dataIndex: 'supportCount', width: 90 },
                {
                  title: '决定',
                  key: 'outcome',
                  render: (_: unknown, r) => (
                    <Space size={4} wrap>
                      <Tag color={OUTCOME_COLORS[r.outcome]}>{COUNCIL_OUTCOME_LABELS[r.outcome]}</Tag>
                      {r.outcome === 'approved' && money(r.approvedCost)}
                      {r.reason && <Typography.Text type="secondary">{r.reason}</Typography.Text>}
                    </Space>
                  ),
                },
                {
                  title: '表决',
                  key: 'votes',
                  width: 160,
                  render: (_: unknown, r) =>
                    r.votes.for === null && r.votes.against === null && r.votes.abstain === null ? '—' : `同意 ${r.votes.for ?? '—'} / 反对 ${r.votes.against ?? '—'} / 弃权 ${r.votes.abstain ?? '—'}`,
                },
                { title: '现状态', dataIndex: 'statusLabel', width: 90 },
              ]}
            />
          </>
        )}
      </Card>
    </Space>
  );
}
