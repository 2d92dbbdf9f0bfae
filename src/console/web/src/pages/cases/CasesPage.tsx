import { useMemo, useState } from 'react';
import { Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { CASE_SORTS, type CaseSummary } from '../../../../contract.js';
import { api, routeUrl } from '../../api.js';
import { date, dateTime } from '../../format.js';
import { useLoad, useScope } from '../../hooks.js';
import { match, navigate, useLocation } from '../../router.js';
import { useSession } from '../../session.js';
import { caseMoney } from '../../case-money.js';
import { featuresOf, kindOptions, statusColor, type Features } from '../../lifecycles.js';
import { useLifecycles } from '../../lifecycles-context.js';
import { BulkModal } from './BulkModal.js';
import { CaseDrawer } from './CaseDrawer.js';
import { NewCaseModal } from './NewCaseModal.js';
import { CaseFilters, filterFromSearch, filterToQuery, filterToSearch, type CaseFilter } from './filters.js';

type Sort = (typeof CASE_SORTS)[number];
type Column = NonNullable<TableProps<CaseSummary>['columns']>[number];
const PAGE_SIZE = 20;

/**
 * 案件: every case of every kind in the user's scope. Filters, sort and page live in the URL, so the
 * export links and a reload see the same list; /cases/:id opens the case in a drawer over it.
 */
export function CasesPage() {
  const { me } = useSession();
  const lc = useLifecycles();
  const { path, query } = useLocation();
  const scope = useScope();
  const openId = Number(match('/cases/:id', path)?.id) || null;
  const filter = useMemo(() => filterFromSearch(query), [query]);
  const page = Number(query.get('page')) || 1;
  const sort = (CASE_SORTS as readonly string[]).includes(query.get('sort') ?? '') ? (query.get('sort') as Sort) : 'createdAt';
  const order = query.get('order') === 'asc' ? 'asc' : 'desc';
  const [selected, setSelected] = useState<CaseSummary[]>([]);
  const [bulkOpen, setBulkOpen] = useState(false);
  const [newOpen, setNewOpen] = useState(false);

  const listQuery = { ...filterToQuery(filter), page, pageSize: PAGE_SIZE, sort, order } as const;
  const list = useLoad((signal) => api('caseList', { query: listQuery, signal }), JSON.stringify(listQuery));

  const go = (f: CaseFilter, extra: Record<string, string> = {}, id: number | null = openId) => {
    const qs = new URLSearchParams(filterToSearch(f));
    for (const [k, v] of Object.entries(extra)) qs.set(k, v);
    const s = qs.toString();
    navigate(`/cases${id ? `/${id}` : ''}${s ? `?${s}` : ''}`);
  };
  const keep = () => ({ ...(page > 1 ? { page: String(page) } : {}), ...(sort !== 'createdAt' ? { sort } : {}), ...(order !== 'desc' ? { order } : {}) });

  // the columns the listed kinds have a use for: a due date (reports), money or value (projects, wishes)
  const listed = filter.kind ? [filter.kind] : kindOptions(lc).map((k) => k.value);
  const anyKind = (test: (f: Features) => boolean) => listed.some((k) => test(featuresOf(lc, k)));
  const all: (Column | false)[] = [
    { title: '编号', dataIndex: 'id', key: 'id', width: 80, sorter: true, sortOrder: sortOrderOf('id', sort, order), render: (id: number) => `#${id}` },
    {
      title: '标题',
      dataIndex: 'title',
      key: 'title',
      ellipsis: true,
      render: (_: string, r) => (
        <a
          href={`/console/cases/${r.id}`}
          onClick={(e) => {
            e.preventDefault();
            go(filter, keep(), r.id);
          }}
        >
          <Tag style={{ marginInlineEnd: 6 }}>{r.kindLabel}</Tag>
          {r.urgent && (
            <Tag color="red" style={{ marginInlineEnd: 6 }} data-testid="urgent">
              紧急
            </Tag>
          )}
          {r.title}
          {r.photosPending > 0 && (
            <Tooltip title="居民上传的照片，公开或隐藏后才决定是否显示在公开页">
              <Tag color="orange" style={{ marginInlineStart: 6 }} data-testid="photos-pending">
                待审照片 {r.photosPending}
              </Tag>
            </Tooltip>
          )}
          {r.textPending && (
            <Tooltip title="居民的描述经工作人员批准公开文字后才显示在公开页">
              <Tag color="gold" style={{ marginInlineStart: 6 }} data-testid="text-pending">
                公开文字待审
              </Tag>
            </Tooltip>
          )}
        </a>
      ),
    },
    { title: '社区', key: 'community', width: 120, ellipsis: true, render: (_: unknown, r) => r.communityName ?? r.streetName ?? '—' },
    { title: '类别', key: 'category', width: 110, ellipsis: true, render: (_: unknown, r) => r.categoryName ?? r.projectType ?? '—' },
    {
      title: '状态',
      dataIndex: 'statusLabel',
      key: 'status',
      width: 100,
      sorter: true,
      sortOrder: sortOrderOf('status', sort, order),
      render: (label: string, r) => <Tag color={statusColor(r.status)}>{label}</Tag>,
    },
    { title: '承办人', dataIndex: 'assignee', key: 'assignee', width: 110, ellipsis: true, responsive: ['xl'], render: (a: string | null) => a ?? '—' },
    anyKind((f) => f.due) && {
      title: '时限',
      dataIndex: 'dueAt',
      key: 'dueAt',
      width: 140,
      sorter: true,
      sortOrder: sortOrderOf('dueAt', sort, order),
      render: (due: string | null, r) =>
        r.overdue ? (
          <Tooltip title={`到期 ${dateTime(due)}`}>
            <Tag color="red">逾期 {formatHours(r.hoursOverdue)}</Tag>
          </Tooltip>
        ) : (
          dateTime(due)
        ),
    },
    // what the 议事会 weighs: residents who support a proposal (支持 N); on a report, who met the same problem (我也遇到)
    {
      title: '支持',
      dataIndex: 'supportCount',
      key: 'supporters',
      width: 80,
      sorter: true,
      sortOrder: sortOrderOf('supporters', sort, order),
      responsive: ['lg'],
      render: (n: number) => (n > 0 ? n : '—'),
    },
    anyKind((f) => f.budget || f.value) && {
      title: '经费 / 价值',
      key: 'money',
      width: 110,
      responsive: ['xxl'],
      render: (_: unknown, r) => caseMoney(lc, r),
    },
    {
      title: '提交日期',
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 110,
      sorter: true,
      sortOrder: sortOrderOf('createdAt', sort, order),
      responsive: ['md'],
      render: date,
    },
  ];
  const columns = all.filter((c): c is Column => c !== false);

  const exportQuery = filterToQuery(filter);
  return (
    <div>
      <CaseFilters key={filter.q ?? ''} value={filter} onChange={(f) => go(f)} scope={scope} />
      <div className="table-toolbar">
        <Typography.Text type="secondary">共 {list.data?.total ?? 0} 件</Typography.Text>
        <Space wrap>
          {me.can.transition && (
            <Button type="primary" onClick={() => setNewOpen(true)} data-testid="new-case-open">
              新建事项
            </Button>
          )}
          {me.can.transition && (
            <Button disabled={selected.length === 0} onClick={() => setBulkOpen(true)} data-testid="bulk">
              批量办理{selected.length ? `（${selected.length}）` : ''}
            </Button>
          )}
          <Button href={routeUrl('caseExportCsv', {}, exportQuery)} data-testid="export-csv">
            导出 CSV
          </Button>
          <Button href={routeUrl('caseExportXlsx', {}, exportQuery)} data-testid="export-xlsx">
            导出 Excel
          </Button>
        </Space>
      </div>
      <Table<CaseSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 760 }}
        rowSelection={me.can.transition ? { selectedRowKeys: selected.map((r) => r.id), onChange: (_k, rows) => setSelected(rows), preserveSelectedRowKeys: true } : undefined}
        rowClassName={(r) => (r.overdue ? 'row-overdue' : '')}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false }}
        onChange={(p, _f, s) => {
          const one = Array.isArray(s) ? s[0] : s;
          const key = (one?.order ? String(one.columnKey) : 'createdAt') as Sort;
          const ord = one?.order === 'ascend' ? 'asc' : 'desc';
          go(filter, {
            ...(p.current && p.current > 1 ? { page: String(p.current) } : {}),
            ...(key !== 'createdAt' ? { sort: key } : {}),
            ...(ord !== 'desc' ? { order: ord } : {}),
          });
        }}
        data-testid="case-table"
      />
      {openId && <CaseDrawer id={openId} onClose={() => go(filter, keep(), null)} onChanged={list.reload} />}
      <NewCaseModal
        open={newOpen}
        onClose={() => setNewOpen(false)}
        onFiled={(id) => {
          setNewOpen(false);
          list.reload();
          go(filter, keep(), id);
        }}
      />
      <BulkModal
        open={bulkOpen}
        cases={selected}
        onClose={() => setBulkOpen(false)}
        onDone={() => {
          setSelected([]);
          list.reload();
        }}
      />
    </div>
  );
}

const sortOrderOf = (key: Sort, sort: Sort, order: 'asc' | 'desc') => (key === sort ? (order === 'asc' ? 'ascend' : 'descend') : null);
const formatHours = (h: number) => (h < 48 ? `${Math.round(h)} 小时` : `${Math.round(h / 24)} 天`);
