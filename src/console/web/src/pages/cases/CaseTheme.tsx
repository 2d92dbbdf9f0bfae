import { Select, Typography } from 'antd';
import { api } from '../../api.js';
import { useAction, useLoad } from '../../hooks.js';
import { useSession } from '../../session.js';

/**
 * 主题分类 of a proposal (the account's list, config/proposal-themes.yaml): staff who may move the
 * case pick or clear it; the others read it. The 报表 groups the year's figures by it.
 */
export function CaseTheme({ caseId }: { caseId: number }) {
  const { me } = useSession();
  const { busy, run } = useAction();
  const data = useLoad((signal) => api('caseTheme', { params: { id: caseId }, signal }), String(caseId));
  const t = data.data;
  if (!t) return <>—</>;
  if (!me.can.transition) return <span data-testid="case-theme">{t.themeName ?? '未分类'}</span>;
  const change = async (theme: string | undefined) => {
    const r = await run(() => api('caseThemeSet', { params: { id: caseId }, body: { theme: theme ?? null } }), '已保存主题分类');
    if (r) data.setData(r);
  };
  return (
    <Select
      size="small"
      style={{ minWidth: 140 }}
      allowClear
      placeholder={<Typography.Text type="secondary">未分类</Typography.Text>}
      value={t.theme ?? undefined}
      disabled={busy}
      onChange={(v: string | undefined) => void change(v)}
      options={t.themes.map((x) => ({ value: x.id, label: x.name }))}
      data-testid="case-theme"
    />
  );
}
