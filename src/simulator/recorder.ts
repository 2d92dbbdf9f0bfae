import { EventEmitter } from 'node:events';

/**
 * What the fake WeChat API received, in order: customer-service messages, template messages,
 * typing indicators, menu changes, media uploads. The simulator's chat page and the tests read it.
 * `openid` is the resident a record is addressed to (absent for account-wide calls such as menus).
 */
export interface SimRecord {
  seq: number;
  at: number;
  /** the API path, e.g. 'message/custom/send', 'message/template/send', 'message/custom/typing', 'menu/create' */
  api: string;
  openid?: string;
  /** the request body as WeChat would have received it */
  body: unknown;
  /** what the fake API answered */
  response: { errcode: number; errmsg: string; [k: string]: unknown };
}

export class SimRecorder {
  private readonly records: SimRecord[] = [];
  private readonly bus = new EventEmitter();
  private seq = 0;

  constructor(private readonly max = 10_000) {
    this.bus.setMaxListeners(0);
  }

  add(entry: Omit<SimRecord, 'seq' | 'at'>): SimRecord {
    const rec: SimRecord = { ...entry, seq: ++this.seq, at: Date.now() };
    this.records.push(rec);
    if (this.records.length > this.max) this.records.splice(0, this.records.length - this.max);
    this.bus.emit('record', rec);
    return rec;
  }

  /** records after `sinceSeq`, optionally for one resident and/or one API */
  list(filter: { openid?: string; api?: string; sinceSeq?: number } = {}): SimRecord[] {
    return this.records.filter(
      (r) =>
        r.seq > (filter.sinceSeq ?? 0) &&
        (filter.openid === undefined || r.openid === filter.openid) &&
        (filter.api === undefined || r.api === filter.api),
    );
  }

  /** successful deliveries only (errcode 0) */
  delivered(filter: { openid?: string; api?: string } = {}): SimRecord[] {
    return this.list(filter).filter((r) => r.response.errcode === 0);
  }

  onRecord(cb: (r: SimRecord) => void): () => void {
    this.bus.on('record', cb);
    return () => this.bus.off('record', cb);
  }

  clear(): void {
    this.records.length = 0;
  }
}
