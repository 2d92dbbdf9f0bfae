import { useCallback, useEffect, useRef, useState } from 'react';
import { App } from 'antd';
import type { ResponseOf } from '../../contract.js';
import { api, ApiError } from './api.js';

/** Loads something when its key changes; `reload` fetches again; errors are shown once. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string) {
  const { message } = App.useApp();
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  /** the HTTP status of the last failure (404: show "not found" rather than a warning) */
  const [errorStatus, setErrorStatus] = useState<number | null>(null);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    loadRef
      .current(ctl.signal)
      .then((d) => {
        setData(d);
        setError(null);
        setErrorStatus(null);
      })
      .catch((e: unknown) => {
        if (ctl.signal.aborted) return;
        const text = e instanceof Error ? e.message : String(e);
        setError(text);
        setErrorStatus(e instanceof ApiError ? e.status : null);
        if (!(e instanceof ApiError && e.handled)) message.error(text);
      })
      .finally(() => {
        if (!ctl.signal.aborted) setLoading(false);
      });
    return () => ctl.abort();
  }, [key, tick, message]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, loading, error, errorStatus, reload, setData };
}

export type Scope = ResponseOf<'scope'>;
let scopePromise: Promise<Scope> | null = null;

/** streets, communities and categories this user sees; fetched once per page load */
export function useScope(): Scope | null {
  const [scope, setScope] = useState<Scope | null>(null);
  useEffect(() => {
    scopePromise ??= api('scope').catch((e: unknown) => {
      scopePromise = null;
      throw e;
    });
    let live = true;
    scopePromise.then((s) => live && setScope(s)).catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  return scope;
}

/** runs a state-changing call: busy flag, success message, error message (unless already shown) */
export function useAction() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async <T,>(fn: () => Promise<T>, success?: string | ((r: T) => string)): Promise<T | undefined> => {
      setBusy(true);
      try {
        const r = await fn();
        if (success) message.success(typeof success === 'function' ? success(r) : success);
        return r;
      } catch (e) {
        if (!(e instanceof ApiError && e.handled)) message.error(e instanceof Error ? e.message : String(e));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [message],
  );
  return { busy, run };
}
