import { Button, DatePicker, Input, Select, Space, Switch, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import { isCaseKind } from '../../../../../civic/kinds/names.js';
import type { QueryOf } from '../../api.js';
import type { Scope } from '../../hooks.js';
import { featuresOf, kindOptions, statusOptions, type Kind } from '../../lifecycles.js';
import { useLifecycles } from '../../lifecycles-context.js';

/** the case filter, as kept in the page's URL (so a link or a reload keeps it, and exports use it) */
export interface CaseFilter {
  kind?: Kind;
  streetId?: string;
  communityId?: string;
  category?: string;
  status?: string[];
  overdue?: boolean;
  photosPending?: boolean;
  textPending?: boolean;
  from?: string;
  to?: string;
  q?: string;
}

export function filterFromSearch(sp: URLSearchParams): CaseFilter {
  const get = (k: string) => sp.get(k) || undefined;
  const kind = get('kind');
  return {
    kind: kind && isCaseKind(kind) ? kind : undefined,
    streetId: get('streetId'),
    communityId: get('communityId'),
    category: get('category'),
    status: get('status')?.split(',').filter(Boolean),
    overdue: sp.get('overdue') === 'true' ? true : undefined,
    photosPending: sp.get('photosPending') === 'true' ? true : undefined,
    textPending: sp.get('textPending') === 'true' ? true : undefined,
    from: get('from'),
    to: get('to'),
    q: get('q'),
  };
}

/** the list/export query of the contract (status comma-separated, flags as 'true') */
export function filterToQuery(f: CaseFilter): QueryOf<'caseList'> {
  return {
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.streetId ? { streetId: f.streetId } : {}),
    ...(f.communityId ? { communityId: f.communityId } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.status?.length ? { status: f.status.join(',') } : {}),
    ...(f.overdue ? { overdue: 'true' as const } : {}),
    ...(f.photosPending ? { photosPending: 'true' as const } : {}),
    ...(f.textPending ? { textPending: 'true' as const } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.q ? { q: f.q } : {}),
  };
}

export function filterToSearch(f: CaseFilter): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(filterToQuery(f))) sp.set(k, String(v));
  return sp.toString();
}

/** street/community tree for TreeSelect: value 's:<id>' or 'c:<id>' */
export function placeTree(scope: Scope | null) {
  return (scope?.streets ?? []).map((s) => ({
    value: `s:${s.id}`,
    title: s.name,
    children: s.communities.map((c) => ({ value: `c:${c.id}`, title: c.name })),
  }));
}
export const placeValue = (f: { streetId?: string; communityId?: string }) =>
  f.communityId ? `c:${f.communityId}` : f.streetId ? `s:${f.streetId}` : undefined;
export const placeFromValue = (v: string | undefined) =>
  !v ? {} : v.startsWith('c:') ? { communityId: v.slice(2) } : { streetId: v.slice(2) };

/** the filter bar above the case table (and on the export page) */
export function CaseFilters({ value, onChange, scope }: { value: CaseFilter; onChange: (f: CaseFilter) => void; scope: Scope | null }) {
  const lc = useLifecycles();
  const set = (patch: Partial<CaseFilter>) => onChange({ ...value, ...patch });
  // a category belongs to the kinds that have one (reports); with no kind chosen, any case may
  const hasCategory = (kind?: Kind) => !kind || featuresOf(lc, kind).category;
  return (
    <Space wrap className="filters" data-testid="case-filters">
      <Select
        placeholder="类型"
        allowClear
        style={{ width: 110 }}
        value={value.kind}
        onChange={(kind?: Kind) => set({ kind, status: undefined, category: hasCategory(kind) ? value.category : undefined })}
        options={kindOptions(lc)}
        data-testid="filter-kind"
      />
      <TreeSelect
        placeholder="街道 / 社区"
        allowClear
        style={{ width: 180 }}
        treeDefaultExpandAll
        value={placeValue(value)}
        onChange={(v?: string) => set({ streetId: undefined, communityId: undefined, ...placeFromValue(v) })}
        treeData={placeTree(scope)}
      />
      <Select
        placeholder="类别"
        allowClear
        style={{ width: 130 }}
        value={value.category}
        disabled={!hasCategory(value.kind)}
        data-testid="filter-category"
        onChange={(category?: string) => set({ category })}
        options={scope?.categories.map((c) => ({ value: c.id, label: c.name }))}
      />
      <Select
        placeholder="状态"
        allowClear
        mode="multiple"
        maxTagCount="responsive"
        style={{ width: 200 }}
        value={value.status ?? []}
        onChange={(status: string[]) => set({ status: status.length ? status : undefined })}
        options={statusOptions(lc, value.kind)}
        data-testid="filter-status"
      />
      <Space size={4}>
        <Switch size="small" checked={Boolean(value.overdue)} onChange={(overdue) => set({ overdue: overdue || undefined })} />
        <span>只看逾期</span>
      </Space>
      <Space size={4}>
        <Switch
          size="small"
          checked={Boolean(value.photosPending)}
          onChange={(photosPending) => set({ photosPending: photosPending || undefined })}
          data-testid="filter-photos-pending"
        />
        <span>有待审照片</span>
      </Space>
      <Space size={4}>
        <Switch
          size="small"
          checked={Boolean(value.textPending)}
          onChange={(textPending) => set({ textPending: textPending || undefined })}
          data-testid="filter-text-pending"
        />
        <span>公开文字待审</span>
      </Space>
      <DatePicker.RangePicker
        style={{ width: 240 }}
        value={value.from || value.to ? [value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to).subtract(1, 'day') : null] : null}
        onChange={(r) =>
          set({
            from: r?.[0] ? r[0].format('YYYY-MM-DD') : undefined,
            // the server's `to` is exclusive: the day after the last day picked
            to: r?.[1] ? r[1].add(1, 'day').format('YYYY-MM-DD') : undefined,
          })
        }
        allowEmpty={[true, true]}
        placeholder={['提交日期起', '止']}
      />
      <Input.Search
        placeholder="搜索标题、描述"
        allowClear
        style={{ width: 200 }}
        defaultValue={value.q}
        onSearch={(q) => set({ q: q.trim() || undefined })}
        data-testid="filter-q"
      />
      <Button onClick={() => onChange({})}>清空筛选</Button>
    </Space>
  );
}
