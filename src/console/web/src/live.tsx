import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { App } from 'antd';
import { inboxEventSchema, type InboxEvent } from '../../contract.js';
import { routeUrl } from './api.js';

/**
 * The inbox's live feed: one EventSource for the whole console (GET /inbox/stream, `event: inbox`).
 * Pages subscribe to refetch; a new ticket raises a badge (no sound), a desktop notification when
 * the console is not in front, and a count in the tab title.
 */
interface Live {
  connected: boolean;
  /** new tickets not yet looked at */
  unseen: number;
  clearUnseen(): void;
  subscribe(fn: (e: InboxEvent) => void): () => void;
  notificationsEnabled: boolean;
  enableNotifications(): Promise<void>;
}

const LiveContext = createContext<Live>({
  connected: false,
  unseen: 0,
  clearUnseen: () => {},
  subscribe: () => () => {},
  notificationsEnabled: false,
  enableNotifications: async () => {},
});

export const useLive = (): Live => useContext(LiveContext);

const canNotify = typeof Notification !== 'undefined';

export function LiveProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const { notification } = App.useApp();
  const [connected, setConnected] = useState(false);
  const [unseen, setUnseen] = useState(0);
  const [permission, setPermission] = useState(canNotify ? Notification.permission : 'denied');
  const subscribers = useRef(new Set<(e: InboxEvent) => void>());
  const baseTitle = useRef(document.title);

  useEffect(() => {
    if (!enabled) return;
    const es = new EventSource(routeUrl('inboxStream'));
    es.onopen = () => setConnected(true);
    es.onerror = () => setConnected(es.readyState === EventSource.OPEN);
    es.addEventListener('inbox', (msg) => {
      let event: InboxEvent;
      try {
        event = inboxEventSchema.parse(JSON.parse((msg as MessageEvent<string>).data));
      } catch {
        return;
      }
      for (const fn of subscribers.current) fn(event);
      if (event.type === 'ticket_opened') {
        setUnseen((n) => n + 1);
        const text = `新的人工接待请求 #${event.ticketId}`;
        if (canNotify && Notification.permission === 'granted' && document.visibilityState !== 'visible') {
          const n = new Notification('民生微实事 · 人工接待', { body: text, tag: `ticket-${event.ticketId}`, silent: true });
          n.onclick = () => window.focus();
        } else {
          notification.info({ title: '人工接待', description: text, placement: 'bottomRight', duration: 6 });
        }
      }
    });
    return () => {
      es.close();
      setConnected(false);
    };
  }, [enabled, notification]);

  useEffect(() => {
    document.title = unseen > 0 ? `(${unseen}) ${baseTitle.current}` : baseTitle.current;
  }, [unseen]);

  const value = useMemo<Live>(
    () => ({
      connected,
      unseen,
      clearUnseen: () => setUnseen(0),
      subscribe: (fn) => {
        subscribers.current.add(fn);
        return () => subscribers.current.delete(fn);
      },
      notificationsEnabled: permission === 'granted',
      enableNotifications: async () => {
        if (!canNotify) return;
        setPermission(await Notification.requestPermission());
      },
    }),
    [connected, unseen, permission],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}
