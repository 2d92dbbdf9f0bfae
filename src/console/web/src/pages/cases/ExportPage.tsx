import { useMemo } from 'react';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { api, routeUrl } from '../../api.js';
import { useLoad, useScope } from '../../hooks.js';
import { navigate, useLocation } from '../../router.js';
import { CaseFilters, filterFromSearch, filterToQuery, filterToSearch } from './filters.js';

/** 导出: the same filter as the case list, downloaded as CSV or Excel (money in 元). */
export function ExportPage() {
  const { query } = useLocation();
  const scope = useScope();
  const filter = useMemo(() => filterFromSearch(query), [query]);
  const q = filterToQuery(filter);
  const count = useLoad((signal) => api('caseList', { query: { ...q, pageSize: 1 }, signal }), JSON.stringify(q));
  return (
    <Card>
      <Typography.Paragraph>选择筛选条件，导出符合条件的全部报修和微实事项目。金额以“元”为单位。</Typography.Paragraph>
      <CaseFilters key={filter.q ?? ''} value={filter} onChange={(f) => navigate(`/export${filterToSearch(f) ? `?${filterToSearch(f)}` : ''}`)} scope={scope} />
      <Alert style={{ margin: '16px 0' }} type="info" showIcon title={`符合条件：${count.data?.total ?? '…'} 件`} />
      <Space wrap>
        <Button type="primary" href={routeUrl('caseExportCsv', {}, q)} data-testid="export-csv">
          下载 CSV
        </Button>
        <Button href={routeUrl('caseExportXlsx', {}, q)} data-testid="export-xlsx">
          下载 Excel（XLSX）
        </Button>
        <Button type="link" onClick={() => navigate(`/cases${filterToSearch(filter) ? `?${filterToSearch(filter)}` : ''}`)}>
          在案件列表中查看
        </Button>
      </Space>
    </Card>
  );
}
