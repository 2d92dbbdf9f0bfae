/**
 * Short notices to staff outside the console (a new ticket, an overdue report). Optional and off by
 * default; one implementation posts to a WeCom (企业微信) group robot, one to a staff group chat
 * through a personal WeChat account (src/staff-bot/), the fake records for tests.
 */
/**
 * Where alerts go: the WeCom group robot (in the web process) or the staff bot's personal WeChat
 * account (`npm run staff-bot`). Each channel has its own once-markers and budget in the state store.
 */
export type AlertChannel = 'wecom' | 'staff-bot';

export interface StaffAlerts {
  /** true when the alert went out; false when it was dropped (rate limit) or refused */
  send(text: string): Promise<boolean>;
}

/** records every alert; `fail` makes the next sends refuse */
export class FakeStaffAlerts implements StaffAlerts {
  readonly sent: string[] = [];
  fail = false;
  async send(text: string): Promise<boolean> {
    if (this.fail) return false;
    this.sent.push(text);
    return true;
  }
}

/** at most `maxBytes` UTF-8 bytes, cut on a character boundary with … */
export function fitBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let out = '';
  let used = 0;
  const budget = maxBytes - Buffer.byteLength('…', 'utf8');
  for (const ch of text) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (used + n > budget) break;
    out += ch;
    used += n;
  }
  return `${out}…`;
}
