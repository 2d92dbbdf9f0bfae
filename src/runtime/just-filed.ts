import { z } from 'zod';
import { keys } from '../state/keys.js';
import type { StoreWrite } from '../state/store.js';

/** a photo sent this soon after filing may belong to that case: 补充到 #N？ */
export const JUST_FILED_MS = 30 * 60_000;
/** the name the turn reads it by, with the resident's lock (TurnDeps.reads) */
export const JUST_FILED = 'justFiled';
export const justFiledKey = (openid: string) => keys.draft(openid, 'just-filed');

const justFiled = z.object({ caseId: z.number().int().positive() });

/** the write that remembers the case a resident just filed (for JUST_FILED_MS) */
export const justFiledWrite = (openid: string, caseId: number): StoreWrite => ({
  op: 'set',
  key: justFiledKey(openid),
  value: JSON.stringify({ caseId }),
  ttlMs: JUST_FILED_MS,
});

/** the case the resident filed within JUST_FILED_MS, as the turn read it */
export function readJustFiled(raw: string | null): number | undefined {
  if (!raw) return undefined;
  try {
    const r = justFiled.safeParse(JSON.parse(raw));
    return r.success ? r.data.caseId : undefined;
  } catch {
    return undefined;
  }
}
