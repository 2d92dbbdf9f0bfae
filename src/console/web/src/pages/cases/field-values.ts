import dayjs, { type Dayjs } from 'dayjs';
import type { NextTransition } from '../../../../contract.js';
import { yuanToFen } from '../../format.js';

/**
 * A move's field values between the server and the form (no React here, so node tests read it):
 * dates are ISO on the wire and dayjs in the form, money is 分 on the wire and 元 in the form.
 */
export type TransitionField = NextTransition['fields'][number];

/** what the form calls a field: the server's words, and for money the unit staff type in (元) */
export const fieldLabel = (f: Pick<TransitionField, 'type' | 'label'>): string => (f.type === 'money' ? `${f.label}（元）` : f.label);

/** server defaults (ISO dates, fen) → form values (dayjs, 元) */
export function fieldDefaults(fields: TransitionField[], defaults: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = defaults[f.name];
    if (v === undefined || v === null) continue;
    if (f.type === 'date' && typeof v === 'string') out[f.name] = dayjs(v);
    else if (f.type === 'money' && typeof v === 'number') out[f.name] = v / 100;
    else out[f.name] = v;
  }
  return out;
}

/** form values → the `data` the server parses: dates as ISO (a due date means the end of that day), money in fen */
export function fieldData(fields: TransitionField[], values: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values?.[f.name];
    if (v === undefined || v === null || v === '') continue;
    if (f.type === 'date') {
      const d = v as Dayjs;
      out[f.name] = (/due|end/i.test(f.name) ? d.endOf('day') : d.startOf('day')).toISOString();
    } else if (f.type === 'money') out[f.name] = yuanToFen(Number(v));
    else if (f.type === 'case' || f.type === 'claim') out[f.name] = Number(v);
    else out[f.name] = String(v).trim();
  }
  return out;
}
