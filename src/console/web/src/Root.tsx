import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { App, Spin } from 'antd';
import type { MapSettings, Me } from '../../contract.js';
import { api, ApiError, setApiHooks, setCsrfToken } from './api.js';
import { LifecyclesProvider } from './lifecycles-context.js';
import { LoginPage } from './pages/LoginPage.js';
import { SessionContext, type Session } from './session.js';
import { navigate, useLocation } from './router.js';

// the console after login loads only once someone has logged in: the login page stays small
const Shell = lazy(() => import('./Shell.js').then((m) => ({ default: m.Shell })));

/** Asks /me once; without a session everything is the login page, and a 401 anywhere comes back here. */
export function Root() {
  const { message } = App.useApp();
  const [me, setMe] = useState<Me | null>(null);
  const [map, setMap] = useState<MapSettings>();
  const [checking, setChecking] = useState(true);
  const { path } = useLocation();

  const start = useCallback((user: Me, token: string) => {
    setCsrfToken(token);
    setMe(user);
  }, []);

  useEffect(() => {
    setApiHooks({
      unauthorized: () => {
        setCsrfToken(null);
        setMe((prev) => {
          if (prev) message.warning('登录已过期，请重新登录');
          return null;
        });
      },
      forbidden: (text) => message.error(text === '无权限' ? '无权限' : `无权限：${text}`),
    });
  }, [message]);

  useEffect(() => {
    api('me')
      .then((s) => {
        setMap(s.map);
        start(s.user, s.csrfToken);
      })
      .catch((e: unknown) => {
        if (!(e instanceof ApiError && e.status === 401)) message.error(e instanceof Error ? e.message : String(e));
      })
      .finally(() => setChecking(false));
  }, [start, message]);

  const session = useMemo<Session | null>(
    () =>
      me && {
        me,
        ...(map ? { map } : {}),
        refresh: start,
        logout: async () => {
          try {
            await api('logout');
          } catch {
            /* the session is gone either way */
          }
          setCsrfToken(null);
          setMe(null);
          navigate('/login');
        },
      },
    [me, map, start],
  );

  if (checking) return <Spin fullscreen description="正在加载…" />;
  if (!session)
    return (
      <LoginPage
        onLogin={(s) => {
          setMap(s.map);
          start(s.user, s.csrfToken);
          if (path === '/login' || path === '/') navigate(s.user.can.inbox ? '/inbox' : '/cases', { replace: true });
        }}
      />
    );
  return (
    <SessionContext.Provider value={session}>
      <LifecyclesProvider>
        <Suspense fallback={<Spin fullscreen description="正在加载…" />}>
          <Shell />
        </Suspense>
      </LifecyclesProvider>
    </SessionContext.Provider>
  );
}
