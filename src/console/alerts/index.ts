import type { Logger } from '../../log.js';
import type { StateStore } from '../../state/store.js';
import type { StaffAlerts } from './staff-alerts.js';
import { WecomRobotAlerts } from './wecom-robot.js';

export { FakeStaffAlerts, fitBytes, type AlertChannel, type StaffAlerts } from './staff-alerts.js';
export { WecomRobotAlerts, WECOM_PER_MINUTE, WECOM_TEXT_MAX_BYTES } from './wecom-robot.js';
export { startStaffAlerts, type RunningStaffAlerts, type StaffAlertsOptions } from './start-alerts.js';

/** STAFF_ALERT_WEBHOOK (a WeCom group robot URL) set: the robot; absent: no alerts (the default) */
export function staffAlertsFromEnv(store: StateStore, logger: Logger, env: Record<string, string | undefined> = process.env): StaffAlerts | undefined {
  const url = env.STAFF_ALERT_WEBHOOK?.trim();
  if (!url) return undefined;
  if (!/^https:\/\//.test(url)) throw new Error('STAFF_ALERT_WEBHOOK must be an https:// URL (the WeCom group robot webhook)');
  return new WecomRobotAlerts({ webhookUrl: url, store, logger });
}
