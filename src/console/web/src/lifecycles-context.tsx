import { createContext, useContext, type ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';
import { api } from './api.js';
import { useLoad } from './hooks.js';
import type { Lifecycles } from './lifecycles.js';

const LifecyclesContext = createContext<Lifecycles | null>(null);

/** Loads GET /lifecycles once for the logged-in console; the pages below read it with useLifecycles. */
export function LifecyclesProvider({ children }: { children: ReactNode }) {
  const { data, error, reload } = useLoad((signal) => api('lifecycles', { signal }), 'lifecycles');
  if (data) return <LifecyclesContext.Provider value={data}>{children}</LifecyclesContext.Provider>;
  if (error)
    return (
      <Result
        status="warning"
        title={error}
        extra={
          <Button type="primary" onClick={reload}>
            重试
          </Button>
        }
      />
    );
  return <Spin fullscreen description="正在加载…" />;
}

/** the statuses, labels, moves and features of every kind, as the server defines them */
export function useLifecycles(): Lifecycles {
  const lc = useContext(LifecyclesContext);
  if (!lc) throw new Error('useLifecycles outside LifecyclesProvider');
  return lc;
}
