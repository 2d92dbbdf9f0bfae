import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { Badge, Button, Drawer, Dropdown, Grid, Layout, Menu, Result, Space, Spin, Tag, Typography } from 'antd';
import { ROLE_LABELS } from '../../contract.js';
import { LiveProvider, useLive } from './live.js';
import { navigate, useLocation } from './router.js';
import { useSession } from './session.js';
import { PasswordModal } from './pages/PasswordModal.js';

// each page is loaded when first opened, with only the components it uses (the first load stays small)
const InboxPage = lazy(() => import('./pages/inbox/InboxPage.js').then((m) => ({ default: m.InboxPage })));
const CasesPage = lazy(() => import('./pages/cases/CasesPage.js').then((m) => ({ default: m.CasesPage })));
const DeadlinesPage = lazy(() => import('./pages/cases/DeadlinesPage.js').then((m) => ({ default: m.DeadlinesPage })));
const ExportPage = lazy(() => import('./pages/cases/ExportPage.js').then((m) => ({ default: m.ExportPage })));
const KeywordsPage = lazy(() => import('./pages/admin/KeywordsPage.js').then((m) => ({ default: m.KeywordsPage })));
const MenuPage = lazy(() => import('./pages/admin/MenuPage.js').then((m) => ({ default: m.MenuPage })));
const AuditPage = lazy(() => import('./pages/admin/AuditPage.js').then((m) => ({ default: m.AuditPage })));
const Open311KeysPage = lazy(() => import('./pages/admin/Open311KeysPage.js').then((m) => ({ default: m.Open311KeysPage })));
const StaffPage = lazy(() => import('./pages/admin/StaffPage.js').then((m) => ({ default: m.StaffPage })));
const CouncilPage = lazy(() => import('./pages/council/CouncilPage.js').then((m) => ({ default: m.CouncilPage })));
const BudgetsPage = lazy(() => import('./pages/budgets/BudgetsPage.js').then((m) => ({ default: m.BudgetsPage })));
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage.js'));
const FiguresPage = lazy(() => import('./pages/dashboard/FiguresPage.js'));

interface Section {
  key: string;
  label: string;
  allowed: boolean;
  render: () => ReactNode;
}

/** The logged-in console: a side menu of the sections this user may open, and the page. */
export function Shell() {
  const { me } = useSession();
  return (
    <LiveProvider enabled={me.can.inbox}>
      <Frame />
    </LiveProvider>
  );
}

function Frame() {
  const { me, logout } = useSession();
  const live = useLive();
  const { path } = useLocation();
  const screens = Grid.useBreakpoint();
  // Grid.useBreakpoint is empty on the first render: treat that as wide
  const narrow = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);

  const sections: Section[] = [
    { key: 'inbox', label: '人工接待', allowed: me.can.inbox, render: () => <InboxPage /> },
    { key: 'cases', label: '案件', allowed: me.can.readCases, render: () => <CasesPage /> },
    { key: 'council', label: '议事会', allowed: me.can.readCouncil, render: () => <CouncilPage /> },
    { key: 'budgets', label: '预算与批次', allowed: me.can.readBudgets, render: () => <BudgetsPage /> },
    { key: 'deadlines', label: '督办', allowed: me.can.reports, render: () => <DeadlinesPage /> },
    { key: 'dashboard', label: '数据看板', allowed: me.can.reports, render: () => <DashboardPage /> },
    { key: 'figures', label: '报表', allowed: me.can.reports, render: () => <FiguresPage /> },
    { key: 'export', label: '导出', allowed: me.can.exportCases, render: () => <ExportPage /> },
    { key: 'keywords', label: '关键词回复', allowed: me.can.keywordReplies, render: () => <KeywordsPage /> },
    { key: 'menu', label: '公众号菜单', allowed: me.can.menu, render: () => <MenuPage /> },
    { key: 'audit', label: '审计日志', allowed: me.can.audit, render: () => <AuditPage /> },
    { key: 'staff', label: '工作人员', allowed: me.can.manageStaff, render: () => <StaffPage /> },
    { key: 'open311-keys', label: '接口密钥', allowed: me.can.open311Keys, render: () => <Open311KeysPage /> },
  ];
  const allowed = sections.filter((s) => s.allowed);
  const first = path.split('/')[1] ?? '';
  const current = sections.find((s) => s.key === first);

  useEffect(() => {
    if (!current) navigate(`/${allowed[0]!.key}`, { replace: true });
  }, [current, allowed]);

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={current ? [current.key] : []}
      onClick={(e) => {
        navigate(`/${e.key}`);
        setDrawerOpen(false);
      }}
      items={allowed.map((s) => ({
        key: s.key,
        label:
          s.key === 'inbox' ? (
            <span data-testid="menu-inbox">
              {s.label} <Badge count={live.unseen} size="small" offset={[4, -2]} />
            </span>
          ) : (
            s.label
          ),
      }))}
    />
  );

  return (
    <Layout className="shell">
      {narrow ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={220}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          <div className="brand">民生微实事 · 工作台</div>
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={188} theme="dark">
          <div className="brand">{collapsed ? '民生' : '民生微实事 · 工作台'}</div>
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="shell-header">
          <Space size={8}>
            {narrow && (
              <Button type="text" aria-label="菜单" onClick={() => setDrawerOpen(true)} data-testid="menu-button">
                <Badge dot={live.unseen > 0}>☰</Badge>
              </Button>
            )}
            <Typography.Text strong className="page-title">
              {current?.label}
            </Typography.Text>
          </Space>
          <div className="header-right">
            {me.can.inbox && !live.notificationsEnabled && typeof Notification !== 'undefined' && Notification.permission !== 'denied' && (
              <Button size="small" className="hide-narrow" onClick={() => void live.enableNotifications()}>
                开启桌面通知
              </Button>
            )}
            <Dropdown
              menu={{
                items: [
                  { key: 'password', label: '修改密码' },
                  { key: 'logout', label: '退出登录' },
                ],
                onClick: (e) => (e.key === 'logout' ? void logout() : setPasswordOpen(true)),
              }}
            >
              <Button type="text" data-testid="user-menu">
                {me.displayName} <Tag style={{ marginInlineStart: 6 }}>{ROLE_LABELS[me.role]}</Tag>
              </Button>
            </Dropdown>
          </div>
        </Layout.Header>
        <Layout.Content className="shell-content">
          {current && current.allowed ? (
            <Suspense fallback={<Spin />}>{current.render()}</Suspense>
          ) : current ? (
            <Result status="403" title="无权限" subTitle="您的账号不能访问这个页面" />
          ) : null}
        </Layout.Content>
      </Layout>
      <PasswordModal open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </Layout>
  );
}
