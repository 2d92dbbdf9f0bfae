import { useCallback, useEffect, useRef, useState } from 'react';
import { Badge, Empty, Grid, Pagination, Segmented, Spin, Tag, Typography } from 'antd';
import { TICKET_STATUS_LABELS, type Ticket } from '../../../../contract.js';
import { api, type QueryOf } from '../../api.js';
import { reasonLabel } from './labels.js';
import { fromNow } from '../../format.js';
import { useLoad } from '../../hooks.js';
import { useLive } from '../../live.js';
import { match, navigate, useLocation } from '../../router.js';
import { Conversation } from './Conversation.js';

const FILTERS = [
  { value: 'queued', label: '待接待' },
  { value: 'mine', label: '我的' },
  { value: 'open', label: '全部进行中' },
  { value: 'resolved', label: '已解决' },
] as const;
type Filter = (typeof FILTERS)[number]['value'];

const filterQuery = (f: Filter, page: number): QueryOf<'inboxList'> =>
  f === 'mine' ? { status: 'open', mine: 'true', page, pageSize: 30 } : { status: f, page, pageSize: 30 };

const STATUS_COLOR = { queued: 'gold', assigned: 'blue', resolved: 'default' } as const;

/**
 * 人工接待: residents who asked for a person. The list follows the live stream (it refetches on every
 * inbox event); the conversation on the right is /inbox/:id.
 */
export function InboxPage() {
  const { path, query } = useLocation();
  const selected = Number(match('/inbox/:id', path)?.id) || null;
  const filter = (FILTERS.find((f) => f.value === query.get('f'))?.value ?? 'queued') as Filter;
  const [page, setPage] = useState(1);
  const live = useLive();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;

  const list = useLoad((signal) => api('inboxList', { query: filterQuery(filter, page), signal }), `${filter}:${page}`);
  const [detailTick, setDetailTick] = useState(0);

  // refetch on live events, at most every 300 ms
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { reload } = list;
  useEffect(
    () =>
      live.subscribe((e) => {
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(reload, 300);
        if (e.ticketId === selected) setDetailTick((t) => t + 1);
      }),
    [live, reload, selected],
  );
  // without the stream (a proxy that buffers it, a network change) the list still refreshes
  useEffect(() => {
    if (live.connected) return;
    const t = setInterval(reload, 15_000);
    return () => clearInterval(t);
  }, [live.connected, reload]);
  const { clearUnseen } = live;
  useEffect(() => {
    clearUnseen();
  }, [clearUnseen, list.data]);

  const open = useCallback((id: number) => navigate(`/inbox/${id}${filter !== 'queued' ? `?f=${filter}` : ''}`), [filter]);
  const setFilter = (f: Filter) => {
    setPage(1);
    navigate(`/inbox${selected ? `/${selected}` : ''}${f !== 'queued' ? `?f=${f}` : ''}`);
  };

  const showList = !narrow || !selected;
  const showConversation = !narrow || Boolean(selected);

  return (
    <div className="inbox">
      {showList && (
        <aside className="inbox-list" data-testid="ticket-list">
          <div className="inbox-list-head">
            <Segmented size="small" value={filter} options={FILTERS.map((f) => ({ ...f }))} onChange={(v) => setFilter(v as Filter)} />
            <Badge status={live.connected ? 'success' : 'default'} text={live.connected ? '实时' : '离线'} />
          </div>
          <Spin spinning={list.loading && !list.data}>
            {list.data && list.data.items.length === 0 && <Empty description="没有会话" style={{ marginTop: 48 }} />}
            {list.data?.items.map((t) => (
              <TicketRow key={t.id} t={t} active={t.id === selected} onOpen={() => open(t.id)} />
            ))}
          </Spin>
          {list.data && list.data.total > 30 && (
            <Pagination size="small" simple current={page} pageSize={30} total={list.data.total} onChange={setPage} style={{ padding: 8 }} />
          )}
        </aside>
      )}
      {showConversation && (
        <section className="inbox-main">
          {selected ? (
            <Conversation
              key={selected}
              id={selected}
              tick={detailTick}
              onChanged={reload}
              onBack={narrow ? () => navigate(`/inbox${filter !== 'queued' ? `?f=${filter}` : ''}`) : undefined}
            />
          ) : (
            <Empty description="从左侧选择一个会话" style={{ marginTop: 120 }} />
          )}
        </section>
      )}
    </div>
  );
}

function TicketRow({ t, active, onOpen }: { t: Ticket; active: boolean; onOpen: () => void }) {
  return (
    <button type="button" className={`ticket-row${active ? ' active' : ''}`} onClick={onOpen} data-testid={`ticket-${t.id}`}>
      <div className="ticket-row-top">
        <Typography.Text strong>{t.residentLabel}</Typography.Text>
        <Tag color={STATUS_COLOR[t.status]} style={{ marginInlineEnd: 0 }}>
          {t.statusLabel || TICKET_STATUS_LABELS[t.status]}
        </Tag>
      </div>
      <div className="ticket-row-meta">
        #{t.id} · {t.communityName ?? '社区未知'} · {reasonLabel(t.reason)}
      </div>
      <div className="ticket-row-preview">{t.lastMessagePreview ?? '（无消息）'}</div>
      <div className="ticket-row-meta">
        {t.status === 'resolved' ? `结束于 ${fromNow(t.resolvedAt)}` : `等待 ${formatWait(t.waitingMinutes)}`}
        {t.assigneeName ? ` · ${t.assigneeName}` : ''}
      </div>
    </button>
  );
}

const formatWait = (m: number) => (m < 60 ? `${Math.round(m)} 分钟` : m < 48 * 60 ? `${(m / 60).toFixed(1)} 小时` : `${Math.round(m / 1440)} 天`);
