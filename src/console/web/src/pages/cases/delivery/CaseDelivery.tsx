import { useEffect, useState } from 'react';
import { Card, Descriptions, Space, Spin, Typography } from 'antd';
import { IMPLEMENTER_KIND_LABELS, type CaseDetail, type DeliveryPanel } from '../../../../../contract.js';
import { api } from '../../../api.js';
import { money } from '../../../format.js';
import { useLoad } from '../../../hooks.js';
import { useSession } from '../../../session.js';
import { CaseAcceptances } from './CaseAcceptances.js';
import { CaseEvaluations } from './CaseEvaluations.js';
import { DeliveryForm } from './DeliveryForm.js';
import { MilestonePhotos } from './MilestonePhotos.js';

/**
 * 实施与验收 of a project after 公示 (GET /cases/:id/delivery): the three money figures officials
 * report (requested, approved, paid), who delivers it and when, its milestones with photos, its
 * acceptances, third-party evaluations and the residents' satisfaction survey. What may be written
 * follows the status (`can`) and the account (transition).
 */
export function CaseDelivery({ d, onChanged }: { d: CaseDetail; onChanged: () => void }) {
  const { me } = useSession();
  const load = useLoad((signal) => api('caseDelivery', { params: { id: d.case.id }, signal }), `${d.case.id}:${d.case.status}:${d.timeline.length}`);
  const [panel, setPanel] = useState<DeliveryPanel | null>(null);
  useEffect(() => setPanel(load.data ?? null), [load.data]);
  if (!panel) return <Spin style={{ margin: 40 }} />;
  const write = me.can.transition;
  const saved = (p: DeliveryPanel) => {
    setPanel(p);
    onChanged();
  };
  const s = panel.survey;
  const answered = s.satisfied + s.fair + s.dissatisfied;
  const del = panel.delivery;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="case-delivery">
      <Descriptions size="small" column={3} bordered>
        <Descriptions.Item label="申请金额">{money(panel.money.requested)}</Descriptions.Item>
        <Descriptions.Item label="批准预算">{money(panel.money.approved)}</Descriptions.Item>
        <Descriptions.Item label="实付金额">
          <span data-testid="delivery-paid">{panel.money.paid === null ? '未结算' : money(panel.money.paid)}</span>
        </Descriptions.Item>
      </Descriptions>
      <Card size="small" title="实施信息">
        {del && !(write && panel.can.delivery) && (
          <Descriptions size="small" column={2}>
            <Descriptions.Item label="实施单位">
              {del.implementerName}（{IMPLEMENTER_KIND_LABELS[del.implementerKind]}）
            </Descriptions.Item>
            <Descriptions.Item label="合同金额">{money(del.contractAmount)}</Descriptions.Item>
            <Descriptions.Item label="计划工期">{[del.plannedStart, del.plannedEnd].map((x) => x ?? '—').join(' 至 ')}</Descriptions.Item>
            <Descriptions.Item label="实际工期">{[del.actualStart, del.actualEnd].map((x) => x ?? '—').join(' 至 ')}</Descriptions.Item>
          </Descriptions>
        )}
        {!del && !(write && panel.can.delivery) && <Typography.Text type="secondary">公示结束后登记实施单位和工期</Typography.Text>}
        {write && panel.can.delivery && <DeliveryForm key={del?.updatedAt ?? 'new'} caseId={d.case.id} panel={panel} onSaved={saved} />}
      </Card>
      <Card size="small" title={`实施进度（${panel.milestones.length}）`}>
        <MilestonePhotos caseId={d.case.id} panel={panel} canWrite={write && panel.can.milestonePhoto} onSaved={saved} />
      </Card>
      <Card size="small" title={`验收（${panel.acceptances.length}）`}>
        <CaseAcceptances caseId={d.case.id} panel={panel} canWrite={write && panel.can.acceptance} canUpload={write && panel.can.delivery} onSaved={saved} />
      </Card>
      <Card size="small" title={`第三方评估（${panel.evaluations.length}）`}>
        <CaseEvaluations caseId={d.case.id} panel={panel} canWrite={write && panel.can.evaluation} onSaved={saved} />
      </Card>
      <Card size="small" title="满意度调查">
        <Typography.Paragraph data-testid="survey-tally">
          {answered ? `满意 ${s.satisfied} 人，基本满意 ${s.fair} 人，不满意 ${s.dissatisfied} 人` : '还没有居民回答'}
        </Typography.Paragraph>
        {s.reasons.length > 0 && (
          <ul>
            {s.reasons.map((r, i) => (
              <li key={i} className="pre">
                {r}
              </li>
            ))}
          </ul>
        )}
        <Typography.Text type="secondary">项目完成后，提议人、支持者和关注本社区的居民会收到满意度调查，在公众号回复“满意 编号”“基本满意 编号”或“不满意 编号 理由”。</Typography.Text>
      </Card>
    </Space>
  );
}
