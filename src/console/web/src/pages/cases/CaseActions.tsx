import { useEffect, useState } from 'react';
import { Alert, Button, Collapse, DatePicker, Form, Input, Radio, Slider, TreeSelect, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CaseDetail } from '../../../../contract.js';
import { api } from '../../api.js';
import { money } from '../../format.js';
import { useAction, useScope } from '../../hooks.js';
import { statusOf, transitionsFrom, type LifecycleTransition } from '../../lifecycles.js';
import { useLifecycles } from '../../lifecycles-context.js';
import { useSession } from '../../session.js';
import { fieldData, fieldDefaults } from './field-values.js';
import { TransitionFields } from './fields.js';

const PUBLIC_NOTE_LABEL = '公开说明（推送给关注此事的居民，并显示在公开页）';
const INTERNAL_NOTE_LABEL = '内部备注（仅工作人员可见）';

const queuedText = (n: number) => (n > 0 ? `，已排队推送 ${n} 条通知` : '');

/** a move of the lifecycle (GET /lifecycles) with the values this case suggests for it */
export type Move = LifecycleTransition & { defaults: Record<string, unknown> };

/**
 * The moves this user may make on this case: the lifecycle's moves from its status (labels and
 * fields), those the case detail offers (empty when the user may not move it), with its defaults.
 */
export function movesOf(lc: ReturnType<typeof useLifecycles>, d: CaseDetail): Move[] {
  return transitionsFrom(lc, d.case.kind, d.case.status).flatMap((t) => {
    const offered = d.nextTransitions.find((n) => n.to === t.to);
    return offered ? [{ ...t, defaults: offered.defaults }] : [];
  });
}

/** 办理: one form per allowed transition, then the side actions the status allows (GET /lifecycles), then a note. */
export function CaseActions({ d, onChanged }: { d: CaseDetail; onChanged: () => void }) {
  const { me } = useSession();
  const lc = useLifecycles();
  const c = d.case;
  const moves = movesOf(lc, d);
  const side = me.can.transition ? (statusOf(lc, c.kind, c.status)?.sideActions ?? []) : [];
  const extra = [
    ...(side.includes('assign') ? [{ key: 'assign', label: '指派承办人 / 调整时限', children: <AssignForm d={d} onChanged={onChanged} /> }] : []),
    ...(side.includes('transfer') ? [{ key: 'transfer', label: '转办', children: <TransferForm d={d} onChanged={onChanged} /> }] : []),
    // 改派社区: any case this user may act on (the server checks the target against their street)
    ...(me.can.transition ? [{ key: 'reassign', label: '改派社区', children: <ReassignForm d={d} onChanged={onChanged} /> }] : []),
    ...(side.includes('milestone') ? [{ key: 'milestone', label: '添加实施进度', children: <MilestoneForm key={d.milestones.length} d={d} onChanged={onChanged} /> }] : []),
    ...(me.can.comment ? [{ key: 'note', label: '添加备注', children: <NoteForm d={d} onChanged={onChanged} /> }] : []),
  ];
  return (
    <div className="case-actions">
      {me.can.transition && moves.length > 0 ? (
        // keyed by the status: after each move the picker starts again from that status's forward step
        <TransitionPicker key={`${c.id}:${c.status}`} d={d} moves={moves} onChanged={onChanged} />
      ) : (
        <Typography.Paragraph type="secondary">
          {me.can.transition ? '当前状态没有可办理的下一步。' : '您可以查看并添加备注，不能变更状态。'}
        </Typography.Paragraph>
      )}
      {extra.length > 0 && <Collapse size="small" style={{ marginTop: 16 }} items={extra} />}
    </div>
  );
}

/**
 * 下一步: preselects the forward move (GET /lifecycles marks it), never 不予受理, 退回, 重办 or 合并,
 * which staff must pick on purpose; with no forward move nothing is chosen until they pick.
 */
function TransitionPicker({ d, moves, onChanged }: { d: CaseDetail; moves: Move[]; onChanged: () => void }) {
  const [to, setTo] = useState<string | undefined>(() => moves.find((x) => x.forward)?.to);
  const t = moves.find((x) => x.to === to);
  return (
    <>
      <Typography.Text strong>下一步：</Typography.Text>
      <Radio.Group
        value={t?.to}
        onChange={(e) => setTo(e.target.value as string)}
        optionType="button"
        buttonStyle="solid"
        data-testid="transition-picker"
        options={moves.map((x) => ({ value: x.to, label: x.action }))}
        style={{ marginBottom: 12 }}
      />
      {t ? (
        <TransitionForm key={`${d.case.status}:${t.to}`} d={d} t={t} onChanged={onChanged} />
      ) : (
        <Typography.Paragraph type="secondary" data-testid="transition-choose">
          请先选择下一步。
        </Typography.Paragraph>
      )}
    </>
  );
}

/** 确定: what the year's envelope of the proposal's place has left (the server refuses beyond it unless a manager gives a reason) */
function EnvelopeNote({ envelope: e }: { envelope: CaseDetail['envelope'] }) {
  return e ? (
    <Alert
      type={e.remaining > 0 ? 'success' : 'warning'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="envelope-note"
      title={`${e.year} 年度预算余额 ${money(e.remaining)}（年度预算 ${money(e.amount)}，已确定 ${money(e.spent)}）`}
      description="超出余额需要街道主管在“超出年度预算的理由”里写明理由。"
    />
  ) : (
    <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="envelope-note" title="本社区今年没有设定年度预算，确定经费不受预算限制。" />
  );
}

interface TransitionValues {
  data?: Record<string, unknown>;
  publicNote?: string;
  internalNote?: string;
}

/**
 * The form of one move: its fields, the public note (required when the move says so) and an
 * internal note. `name` keeps its inputs' ids apart from another form of the same move (认领's
 * 代为认领 beside the 办理 tab).
 */
export function TransitionForm({ d, t, onChanged, name, submitLabel }: { d: CaseDetail; t: Move; onChanged: () => void; name?: string; submitLabel?: string }) {
  const [form] = Form.useForm<TransitionValues>();
  const { busy, run } = useAction();
  useEffect(() => {
    form.setFieldsValue({ data: fieldDefaults(t.fields, t.defaults) });
  }, [form, t]);

  const submit = async (v: TransitionValues) => {
    const r = await run(
      () =>
        api('caseTransition', {
          params: { id: d.case.id },
          body: {
            to: t.to,
            from: d.case.status,
            ...(v.publicNote?.trim() ? { publicNote: v.publicNote.trim() } : {}),
            ...(v.internalNote?.trim() ? { internalNote: v.internalNote.trim() } : {}),
            data: fieldData(t.fields, v.data),
          },
        }),
      (r) => `已变更为「${r.statusLabel}」${queuedText(r.queued)}`,
    );
    if (r) onChanged();
  };

  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid={name ? `${name}-form` : `transition-form-${t.to}`} {...(name ? { name } : {})}>
      {t.needs && !name && <Alert type="info" showIcon title={`需要：${t.needs}`} style={{ marginBottom: 12 }} />}
      {t.fields.some((f) => f.name === 'approvedCost') && d.envelope !== undefined && <EnvelopeNote envelope={d.envelope} />}
      <TransitionFields fields={t.fields} claims={d.claims ?? undefined} />
      <Form.Item
        name="publicNote"
        label={PUBLIC_NOTE_LABEL}
        rules={t.publicNoteRequired ? [{ required: true, whitespace: true, message: '这一步需要公开说明' }] : []}
      >
        <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Form.Item name="internalNote" label={INTERNAL_NOTE_LABEL}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 1, maxRows: 6 }} className="note-input" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid={name ? `${name}-submit` : 'transition-submit'}>
        {submitLabel ?? `确认：${t.action}`}
      </Button>
    </Form>
  );
}

function AssignForm({ d, onChanged }: { d: CaseDetail; onChanged: () => void }) {
  const { busy, run } = useAction();
  const submit = async (v: { assignee: string; dueAt?: Dayjs; internalNote?: string }) => {
    const r = await run(
      () =>
        api('caseAssign', {
          params: { id: d.case.id },
          body: {
            assignee: v.assignee.trim(),
            ...(v.dueAt ? { dueAt: v.dueAt.endOf('day').toISOString() } : {}),
            ...(v.internalNote?.trim() ? { internalNote: v.internalNote.trim() } : {}),
          },
        }),
      '已指派',
    );
    if (r) onChanged();
  };
  return (
    <Form
      layout="vertical"
      onFinish={(v) => void submit(v)}
      initialValues={{ assignee: d.case.assignee ?? undefined, dueAt: d.case.dueAt ? dayjs(d.case.dueAt) : undefined }}
    >
      <Form.Item name="assignee" label="承办人（人员或部门）" rules={[{ required: true, whitespace: true, message: '请填写承办人' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="dueAt" label="办理时限">
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="internalNote" label={INTERNAL_NOTE_LABEL}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 1, maxRows: 4 }} className="note-input" />
      </Form.Item>
      <Button htmlType="submit" loading={busy}>
        保存指派
      </Button>
    </Form>
  );
}

/** 改派社区: the case was filed at the wrong community (or only at a street: 不清楚) */
function ReassignForm({ d, onChanged }: { d: CaseDetail; onChanged: () => void }) {
  const { busy, run } = useAction();
  const scope = useScope();
  // communities only: a street is not a place a case can be given to
  const tree = (scope?.streets ?? []).map((s) => ({
    value: `s:${s.id}`,
    title: s.name,
    selectable: false,
    children: s.communities.filter((c) => c.id !== d.case.communityId).map((c) => ({ value: c.id, title: c.name })),
  }));
  const submit = async (v: { communityId: string; publicNote?: string; internalNote?: string }) => {
    const r = await run(
      () =>
        api('caseReassign', {
          params: { id: d.case.id },
          body: {
            communityId: v.communityId,
            from: d.case.status,
            ...(v.publicNote?.trim() ? { publicNote: v.publicNote.trim() } : {}),
            ...(v.internalNote?.trim() ? { internalNote: v.internalNote.trim() } : {}),
          },
        }),
      (r) => `已改派${queuedText(r.queued)}`,
    );
    if (r) onChanged();
  };
  return (
    <Form layout="vertical" onFinish={(v) => void submit(v)}>
      <Typography.Paragraph type="secondary">
        现在：{d.case.communityName ?? '社区未定'}。改派后由新社区办理，状态和办理时限不变；关注的居民继续收到进展。街道账号只能改派到本街道的社区。
      </Typography.Paragraph>
      <Form.Item name="communityId" label="改派到（社区）" rules={[{ required: true, message: '请选择社区' }]}>
        <TreeSelect treeData={tree} treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder="选择社区" />
      </Form.Item>
      <Form.Item name="publicNote" label={PUBLIC_NOTE_LABEL}>
        <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 4 }} placeholder="不填则显示：已改由某某社区办理" />
      </Form.Item>
      <Form.Item name="internalNote" label={INTERNAL_NOTE_LABEL}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 1, maxRows: 4 }} className="note-input" />
      </Form.Item>
      <Button htmlType="submit" loading={busy}>
        改派
      </Button>
    </Form>
  );
}

function TransferForm({ d, onChanged }: { d: CaseDetail; onChanged: () => void }) {
  const { busy, run } = useAction();
  const submit = async (v: { department: string; dueAt?: Dayjs; publicNote?: string; internalNote?: string }) => {
    const r = await run(
      () =>
        api('caseTransfer', {
          params: { id: d.case.id },
          body: {
            department: v.department.trim(),
            from: d.case.status,
            ...(v.dueAt ? { dueAt: v.dueAt.endOf('day').toISOString() } : {}),
            ...(v.publicNote?.trim() ? { publicNote: v.publicNote.trim() } : {}),
            ...(v.internalNote?.trim() ? { internalNote: v.internalNote.trim() } : {}),
          },
        }),
      (r) => `已转办${queuedText(r.queued)}`,
    );
    if (r) onChanged();
  };
  return (
    <Form layout="vertical" onFinish={(v) => void submit(v)}>
      <Typography.Paragraph type="secondary">转办不改变状态，办理时限继续计算；关注的居民会收到通知。</Typography.Paragraph>
      <Form.Item name="department" label="转办到（部门）" rules={[{ required: true, whitespace: true, message: '请填写部门' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="dueAt" label="新的办理时限（可不填）">
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="publicNote" label={PUBLIC_NOTE_LABEL}>
        <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
      <Form.Item name="internalNote" label={INTERNAL_NOTE_LABEL}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 1, maxRows: 4 }} className="note-input" />
      </Form.Item>
      <Button htmlType="submit" loading={busy}>
        转办
      </Button>
    </Form>
  );
}

interface MilestoneValues {
  date: Dayjs;
  note: string;
  percent: number;
}

/**
 * 添加实施进度. Saved, the form empties at once (a second click finds no words to send, not the same
 * milestone again) and, once the case reloads, starts from the new last percentage (keyed by the
 * number of milestones). The server refuses the same milestone twice within minutes as well.
 */
function MilestoneForm({ d, onChanged }: { d: CaseDetail; onChanged: () => void }) {
  const [form] = Form.useForm<MilestoneValues>();
  const { busy, run } = useAction();
  const last = Math.max(0, ...d.milestones.map((m) => m.percent));
  const submit = async (v: MilestoneValues) => {
    const r = await run(
      () =>
        api('caseMilestone', {
          params: { id: d.case.id },
          body: { date: v.date.format('YYYY-MM-DD'), note: v.note.trim(), percent: v.percent },
        }),
      (r) => `进度已记录${queuedText(r.queued)}`,
    );
    if (r) {
      form.setFieldsValue({ note: '' });
      onChanged();
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ date: dayjs(), percent: Math.min(100, last + 10) }} data-testid="milestone-form">
      <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="percent" label="完成百分比" rules={[{ required: true }]}>
        <Slider min={0} max={100} marks={{ 0: '0%', 50: '50%', 100: '100%' }} />
      </Form.Item>
      <Form.Item name="note" label="进度说明（公开）" rules={[{ required: true, whitespace: true, message: '请填写进度说明' }]}>
        <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
      <Button htmlType="submit" loading={busy} data-testid="milestone-submit">
        记录进度
      </Button>
    </Form>
  );
}

function NoteForm({ d, onChanged }: { d: CaseDetail; onChanged: () => void }) {
  const { me } = useSession();
  const { busy, run } = useAction();
  const [form] = Form.useForm<{ publicNote?: string; internalNote?: string }>();
  const submit = async (v: { publicNote?: string; internalNote?: string }) => {
    const publicNote = v.publicNote?.trim();
    const internalNote = v.internalNote?.trim();
    if (!publicNote && !internalNote) return;
    const r = await run(
      () => api('caseNote', { params: { id: d.case.id }, body: { ...(publicNote ? { publicNote } : {}), ...(internalNote ? { internalNote } : {}) } }),
      (r) => `备注已保存${queuedText(r.queued)}`,
    );
    if (r) {
      form.resetFields();
      onChanged();
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
      {me.can.publicNote && (
        <Form.Item name="publicNote" label={PUBLIC_NOTE_LABEL}>
          <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      )}
      <Form.Item name="internalNote" label={INTERNAL_NOTE_LABEL}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} className="note-input" />
      </Form.Item>
      <Button htmlType="submit" loading={busy}>
        保存备注
      </Button>
    </Form>
  );
}

