import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import {
  ATTENDEE_GROUPS,
  ATTENDEE_LABELS,
  COUNCIL_OUTCOME_LABELS,
  MINUTES_UPLOAD_MAX_BYTES,
  MINUTES_UPLOAD_TYPES,
  type BodyOf,
  type ResponseOf,
} from '../../../../contract.js';
import { api, upload } from '../../api.js';
import { money, yuanToFen } from '../../format.js';
import { useAction, useLoad, useScope } from '../../hooks.js';
import { navigate } from '../../router.js';

type Candidate = ResponseOf<'councilCandidates'>['candidates'][number];
type Outcome = keyof typeof COUNCIL_OUTCOME_LABELS;
type Attendees = BodyOf<'councilCreate'>['attendees'];
interface RowChoice {
  outcome?: Outcome;
  /** 元, as typed */
  costYuan?: number | null;
  reason?: string;
  for?: number | null;
  against?: number | null;
  abstain?: number | null;
}

const todayInChina = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const NO_ATTENDEES = Object.fromEntries(ATTENDEE_GROUPS.map((g) => [g, 0])) as Attendees;
const MAX_MB = MINUTES_UPLOAD_MAX_BYTES / 1024 / 1024;

/**
 * 记录议事会: the community and the day, who sat on it (counts by group), the minutes, then the
 * community's proposals in 征集 / 审核 with the support each has (what the 议事会 weighs) and, per
 * row, what was decided: 确定 with the budget in 元, 备选, or 不予采纳 with a reason, and the votes if
 * counted. Submitted once: all are decided or, when a rule refuses any, none, each refusal shown on
 * its row in words.
 */
export function CouncilDecisionForm() {
  const { message } = App.useApp();
  const scope = useScope();
  const communities = useMemo(() => (scope?.streets ?? []).flatMap((s) => s.communities.map((c) => ({ value: c.id, label: `${c.name}（${s.name}）` }))), [scope]);
  const [communityId, setCommunityId] = useState<string | undefined>();
  const [heldOn, setHeldOn] = useState(todayInChina());
  const [title, setTitle] = useState('居民议事会');
  const [attendees, setAttendees] = useState<Attendees>(NO_ATTENDEES);
  const [file, setFile] = useState<File | null>(null);
  const [rows, setRows] = useState<Record<number, RowChoice>>({});
  const [refused, setRefused] = useState<{ message: string; byCase: Record<number, string> } | null>(null);
  const { busy, run } = useAction();
  const candidates = useLoad(
    (signal) => (communityId ? api('councilCandidates', { query: { communityId }, signal }) : Promise.resolve({ candidates: [] as Candidate[] })),
    communityId ?? '',
  );

  const choose = (caseId: number, patch: Partial<RowChoice>) => setRows((r) => ({ ...r, [caseId]: { ...r[caseId], ...patch } }));
  const chosen = Object.entries(rows).filter(([, c]) => c.outcome) as [string, RowChoice & { outcome: Outcome }][];
  const fileError = file && (!(MINUTES_UPLOAD_TYPES as readonly string[]).includes(file.type) ? '会议纪要只能是 PDF 或 JPEG、PNG、WebP 图片' : file.size > MINUTES_UPLOAD_MAX_BYTES ? `会议纪要不能超过 ${MAX_MB} MB` : null);

  const submit = async () => {
    if (!communityId || !chosen.length || fileError) return;
    const decisions = chosen.map(([id, c]) => {
      const votes = { ...(c.for != null ? { for: c.for } : {}), ...(c.against != null ? { against: c.against } : {}), ...(c.abstain != null ? { abstain: c.abstain } : {}) };
      return {
        caseId: Number(id),
        outcome: c.outcome,
        ...(c.outcome === 'approved' && c.costYuan != null ? { approvedCost: yuanToFen(c.costYuan) } : {}),
        ...(c.outcome === 'declined' && c.reason?.trim() ? { reason: c.reason.trim() } : {}),
        ...(Object.keys(votes).length ? { votes } : {}),
      };
    });
    const r = await run(() => api('councilCreate', { body: { communityId, heldOn, title, attendees, decisions } }));
    if (!r) return;
    if (!r.decided) {
      setRefused({ message: r.message.split('\n')[0]!, byCase: Object.fromEntries(r.refusals.map((x) => [x.caseId, x.message])) });
      return;
    }
    setRefused(null);
    if (file) {
      const up = await run(() => upload('councilMinutesUpload', { params: { id: r.meetingId }, file }));
      if (!up) message.warning('议事会决定已保存，但会议纪要没有上传成功，可在记录页重新上传');
    }
    message.success(`已记录议事会决定：${r.results.length} 项提议，已通知提议人和支持的居民`);
    navigate(`/council/${r.meetingId}`);
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="council-form">
      <a onClick={() => navigate('/council')}>← 全部议事会</a>
      <Card size="small" title="议事会">
        <Form layout="vertical">
          <Space wrap size="large" align="start">
            <Form.Item label="社区" required>
              <Select
                style={{ width: 240 }}
                showSearch
                optionFilterProp="label"
                placeholder="选择社区"
                options={communities}
                value={communityId}
                onChange={(v: string) => {
                  setCommunityId(v);
                  setRows({});
                  setRefused(null);
                }}
                data-testid="council-community"
              />
            </Form.Item>
            <Form.Item label="日期" required>
              <Input type="date" value={heldOn} max={todayInChina()} onChange={(e) => setHeldOn(e.target.value)} data-testid="council-date" />
            </Form.Item>
            <Form.Item label="名称或地点" required>
              <Input style={{ width: 280 }} maxLength={100} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="council-title" />
            </Form.Item>
          </Space>
          <Typography.Text strong>参会人数（只记人数，不记姓名）</Typography.Text>
          <Space wrap style={{ marginTop: 8 }}>
            {ATTENDEE_GROUPS.map((g) => (
              <Form.Item key={g} label={ATTENDEE_LABELS[g]} style={{ marginBottom: 8 }}>
                <InputNumber min={0} max={1000} precision={0} value={attendees[g]} onChange={(v) => setAttendees((a) => ({ ...a, [g]: v ?? 0 }))} data-testid={`council-attendees-${g}`} />
              </Form.Item>
            ))}
          </Space>
          <Form.Item label={`会议纪要（PDF 或图片，不超过 ${MAX_MB} MB，可稍后上传）`} validateStatus={fileError ? 'error' : ''} help={fileError ?? undefined}>
            <input type="file" accept={MINUTES_UPLOAD_TYPES.join(',')} onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="council-minutes-file" />
          </Form.Item>
        </Form>
      </Card>
      <Card size="small" title="审议的提议（征集、审核中）">
        {refused && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={refused.message} description="下面标红的提议说明了原因；修改后重新提交，其他提议的决定也会一起保存。" data-testid="council-refused" />}
        <Table<Candidate>
          rowKey="caseId"
          size="small"
          loading={candidates.loading}
          dataSource={candidates.data?.candidates ?? []}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: communityId ? '这个社区没有征集或审核中的提议' : '先选择社区' }}
          data-testid="council-candidates"
          onRow={(c) => ({ 'data-testid': `council-row-${c.caseId}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '编号', dataIndex: 'caseId', width: 70, render: (id: number) => `#${id}` },
            { title: '提议', dataIndex: 'title', ellipsis: true, render: (t: string | null, c) => <span>{t ?? '—'} <Typography.Text type="secondary">{c.statusLabel}</Typography.Text></span> },
            { title: '居民支持', dataIndex: 'supportCount', width: 90, sorter: (a, b) => a.supportCount - b.supportCount },
            { title: '居民预估', dataIndex: 'estimatedCost', width: 110, render: (f: number | null) => money(f) },
            {
              title: '决定',
              key: 'outcome',
              width: 420,
              render: (_: unknown, c) => {
                const r = rows[c.caseId] ?? {};
                const error = refused?.byCase[c.caseId];
                return (
                  <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                    <Space wrap size={6}>
                      <Select<Outcome | ''>
                        style={{ width: 120 }}
                        value={r.outcome ?? ''}
                        onChange={(v) => choose(c.caseId, { outcome: v || undefined })}
                        options={[{ value: '', label: '本次不审议' }, ...(Object.keys(COUNCIL_OUTCOME_LABELS) as Outcome[]).map((o) => ({ value: o, label: COUNCIL_OUTCOME_LABELS[o] }))]}
                        data-testid={`council-outcome-${c.caseId}`}
                      />
                      {r.outcome === 'approved' && (
                        <InputNumber<number>
                          min={0.01}
                          precision={2}
                          placeholder="确定经费"
                          addonAfter="元"
                          style={{ width: 180 }}
                          value={r.costYuan ?? null}
                          onChange={(v) => choose(c.caseId, { costYuan: v })}
                          data-testid={`council-cost-${c.caseId}`}
                        />
                      )}
                      {r.outcome === 'declined' && (
                        <Input
                          style={{ width: 240 }}
                          maxLength={500}
                          placeholder="不予采纳的理由（会公开）"
                          value={r.reason ?? ''}
                          onChange={(e) => choose(c.caseId, { reason: e.target.value })}
                          data-testid={`council-reason-${c.caseId}`}
                        />
                      )}
                    </Space>
                    {r.outcome && (
                      <Space size={4} wrap>
                        <Typography.Text type="secondary">表决（可不填）</Typography.Text>
                        {(['for', 'against', 'abstain'] as const).map((k) => (
                          <InputNumber
                            key={k}
                            size="small"
                            min={0}
                            precision={0}
                            placeholder={{ for: '同意', against: '反对', abstain: '弃权' }[k]}
                            style={{ width: 70 }}
                            value={r[k] ?? null}
                            onChange={(v) => choose(c.caseId, { [k]: v })}
                            data-testid={`council-votes-${k}-${c.caseId}`}
                          />
                        ))}
                      </Space>
                    )}
                    {error && (
                      <Typography.Text type="danger" data-testid={`council-error-${c.caseId}`}>
                        {error}
                      </Typography.Text>
                    )}
                  </Space>
                );
              },
            },
          ]}
        />
      </Card>
      <Space>
        <Button type="primary" loading={busy} disabled={!communityId || !chosen.length || !!fileError || !title.trim()} onClick={() => void submit()} data-testid="council-submit">
          保存议事会决定（{chosen.length} 项）
        </Button>
        <Typography.Text type="secondary">保存后提议状态随之变更，并通知提议人和支持的居民。</Typography.Text>
      </Space>
    </Space>
  );
}
