import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { cases, communities } from '../../db/schema.js';
import type { Logger } from '../../log.js';
import type { StateStore } from '../../state/store.js';
import { overdueSql } from '../cases/query.js';
import { hoursBetween } from '../dates.js';
import { subscribeInbox } from '../inbox/events.js';
import { consoleKeys } from '../keys.js';
import type { AlertChannel, StaffAlerts } from './staff-alerts.js';
import { SUPERVISED_ALERT_WINDOW_MS, supervisedAlerts } from './supervised-alert.js';

export interface StaffAlertsOptions {
  db: Db;
  store: StateStore;
  alerts: StaffAlerts;
  /** which channel `alerts` is: each channel alerts once, independently of the others */
  channel: AlertChannel;
  logger: Logger;
  now?: () => Date;
  /** how often overdue reports are looked for (default 5 min) */
  intervalMs?: number;
}

export interface RunningStaffAlerts {
  /** posts one alert per overdue report not alerted before; returns how many went out */
  sweepOverdue(): Promise<number>;
  /** posts one 【督办】 alert per supervision of the last day not alerted before; returns how many went out */
  sweepSupervised(): Promise<number>;
  stop(): Promise<void>;
}

const DAY = 86_400_000;
const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

async function communityName(db: Db, id: string | null): Promise<string> {
  if (!id) return '社区未知';
  const [row] = await db.select({ name: communities.name }).from(communities).where(eq(communities.id, id));
  return row?.name ?? id;
}

/**
 * Staff alerts: a new ticket (from the inbox events every instance receives), each report
 * that becomes overdue and each 督办 (supervise.ts) post one short alert. A marker in the state store (SET NX) makes each alert
 * go out once per channel across all instances (the web instances share the WeCom robot's markers,
 * the staff bot has its own); when the alert is dropped the marker is removed so a later sweep
 * tries again.
 */
export async function startStaffAlerts(o: StaffAlertsOptions): Promise<RunningStaffAlerts> {
  const now = o.now ?? (() => new Date());
  const once = async (what: string, ttlMs: number, text: () => Promise<string>): Promise<boolean> => {
    const key = consoleKeys.alerted(o.channel, what);
    if (!(await o.store.setIfAbsent(key, '1', ttlMs))) return false;
    // the text is read inside the catch too: a failed lookup must not leave a marker with no alert
    const sent = await text()
      .then((t) => o.alerts.send(t))
      .catch((err: unknown) => {
        o.logger.warn({ channel: o.channel, what, err: errorText(err) }, 'staff alert not sent');
        return false;
      });
    if (!sent) await o.store.del(key);
    return sent;
  };

  const unsubscribe = await subscribeInbox(o.store, (e) => {
    if (e.type !== 'ticket_opened') return;
    void once(`ticket:${e.ticketId}`, 7 * DAY, async () => `【人工咨询】#${e.ticketId}（${await communityName(o.db, e.communityId)}）居民请求人工服务，请登录工作台接单。`).catch(
      (err: unknown) => o.logger.warn({ channel: o.channel, err: errorText(err) }, 'ticket alert failed'),
    );
  });

  async function sweepOverdue(): Promise<number> {
    const at = now();
    const rows = await o.db
      .select({ id: cases.id, communityId: cases.communityId, dueAt: cases.dueAt, assignee: cases.assignee })
      .from(cases)
      .where(and(overdueSql(at)))
      .orderBy(asc(cases.dueAt))
      .limit(100);
    let sent = 0;
    for (const r of rows) {
      const ok = await once(`overdue:${r.id}`, 30 * DAY, async () => {
        const late = hoursBetween(r.dueAt!, at);
        return `【超期督办】报修 #${r.id}（${await communityName(o.db, r.communityId)}）已超过办理时限 ${late} 小时${r.assignee ? `，承办：${r.assignee}` : '，尚未指派'}。`;
      });
      if (ok) sent += 1;
    }
    return sent;
  }

  /** 督办: the event is the record, the once-marker per event and channel makes each go out once */
  async function sweepSupervised(): Promise<number> {
    let sent = 0;
    for (const a of await supervisedAlerts(o.db, new Date(now().getTime() - SUPERVISED_ALERT_WINDOW_MS))) {
      if (await once(`supervised:${a.eventId}`, 7 * DAY, async () => a.text)) sent += 1;
    }
    return sent;
  }
  const sweepSupervisedLogged = () =>
    void sweepSupervised().catch((err: unknown) => o.logger.warn({ channel: o.channel, err: errorText(err) }, 'supervised sweep failed'));
  // the console nudges right after a 督办 commits; the timer below catches a nudge this process missed
  const unsubscribeSupervised = await o.store.subscribe(consoleKeys.supervisedChannel, sweepSupervisedLogged);

  const timer = setInterval(() => {
    sweepOverdue().catch((err: unknown) => o.logger.warn({ channel: o.channel, err: errorText(err) }, 'overdue sweep failed'));
    sweepSupervisedLogged();
  }, o.intervalMs ?? 5 * 60_000);
  timer.unref();
  return {
    sweepOverdue,
    sweepSupervised,
    stop: async () => {
      clearInterval(timer);
      await unsubscribe();
      await unsubscribeSupervised();
    },
  };
}
