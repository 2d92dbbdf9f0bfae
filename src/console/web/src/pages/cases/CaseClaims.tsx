import { Button, Collapse, Empty, Space, Table, Tag, Typography } from 'antd';
import { CLAIM_STATUS_LABELS, CLAIMER_TYPE_LABELS, type CaseClaim, type CaseDetail } from '../../../../contract.js';
import { api } from '../../api.js';
import { dateTime } from '../../format.js';
import { useAction } from '../../hooks.js';
import { useLifecycles } from '../../lifecycles-context.js';
import { useSession } from '../../session.js';
import { movesOf, TransitionForm, type Move } from './CaseActions.js';

const CLAIM_COLORS: Record<CaseClaim['status'], string> = { pending: 'gold', confirmed: 'green', declined: 'default', withdrawn: 'default' };

/** claims waiting for a staff member's confirmation (for the tab's label) */
export const pendingClaims = (d: CaseDetail): number => (d.claims ?? []).filter((c) => c.status === 'pending').length;

/**
 * The move that confirms a claim, wherever the case's lifecycle has one: the move from its status
 * that takes a claim field (GET /lifecycles), when this user may make it.
 */
const claimMoveOf = (moves: Move[]): Move | undefined => moves.find((m) => m.fields.some((f) => f.type === 'claim'));

/**
 * 认领 (kinds partners claim: a wish): every offer with its contact, which only staff see (masked for
 * deputies) and the public never does. A pending offer is confirmed with one click (the claiming
 * move with that claim); 代为认领 enters a claimer who called or came in, in full.
 */
export function CaseClaims({ d, onChanged }: { d: CaseDetail; onChanged: () => void }) {
  const { me } = useSession();
  const lc = useLifecycles();
  const { busy, run } = useAction();
  const claims = d.claims ?? [];
  const move = me.can.transition ? claimMoveOf(movesOf(lc, d)) : undefined;

  const confirm = async (c: CaseClaim) => {
    if (!move) return;
    const r = await run(
      () => api('caseTransition', { params: { id: d.case.id }, body: { to: move.to, from: d.case.status, data: { claimId: c.id } } }),
      (r) => `已确认由${c.claimerName}认领，状态变为「${r.statusLabel}」`,
    );
    if (r) onChanged();
  };

  // entering the claimer in full: every field but the pending-claim choice, all needed but the free-text note
  const byStaff: Move | undefined = move && {
    ...move,
    fields: move.fields.filter((f) => f.type !== 'claim').map((f) => ({ ...f, required: f.type !== 'textarea' })),
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="case-claims">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        认领方的名称确认后在公开页显示；联系人和电话仅工作人员可见，任何公开页面都不显示。
      </Typography.Paragraph>
      {claims.length === 0 ? (
        <Empty description="还没有认领申请" />
      ) : (
        <Table<CaseClaim>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={claims}
          scroll={{ x: 640 }}
          columns={[
            {
              title: '认领方',
              key: 'claimer',
              render: (_: unknown, c) => (
                <span data-testid={`claim-${c.id}`}>
                  {c.claimerName} <Tag>{CLAIMER_TYPE_LABELS[c.claimerType]}</Tag>
                </span>
              ),
            },
            { title: '联系人', key: 'contact', render: (_: unknown, c) => `${c.contactName} ${c.contactPhone}` },
            { title: '说明', dataIndex: 'note', key: 'note', ellipsis: true, render: (n: string | null) => (n ? <span className="pre">{n}</span> : '—') },
            {
              title: '来源',
              key: 'source',
              width: 90,
              render: (_: unknown, c) => (c.source === 'public' ? '认领页' : '工作人员代填'),
            },
            { title: '时间', key: 'at', width: 140, render: (_: unknown, c) => dateTime(c.createdAt) },
            {
              title: '状态',
              key: 'status',
              width: 170,
              render: (_: unknown, c) => (
                <Space size={4}>
                  <Tag color={CLAIM_COLORS[c.status]}>{CLAIM_STATUS_LABELS[c.status]}</Tag>
                  {move && c.status === 'pending' && (
                    <Button size="small" type="primary" disabled={busy} onClick={() => void confirm(c)} data-testid="claim-confirm">
                      确认认领
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      {byStaff && (
        <Collapse
          size="small"
          items={[
            {
              key: 'by-staff',
              label: '代为认领（认领方电话或到站联系时，由工作人员填写）',
              children: <TransitionForm d={d} t={byStaff} onChanged={onChanged} name="claim-by-staff" submitLabel="代为认领" />,
            },
          ]}
        />
      )}
    </Space>
  );
}
