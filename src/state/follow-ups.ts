import { z } from 'zod';
import { keys } from './keys.js';
import type { StateStore, StoreWrite } from './store.js';

/**
 * What a push that reached the resident asked them (a case kind's status attribute `asks`), so
 * their next message can be read as the answer: which question, about which case, until when it
 * counts. Written by the push worker when it delivers such a push and by the bot's turn when it
 * shows a held one; read by the turn with its lock; dropped once answered, or when `until` passes.
 */
export const followUpSchema = z.object({
  ask: z.string().min(1),
  caseId: z.number().int().positive(),
  until: z.iso.datetime(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

/** a resident rarely has more open questions than this; the oldest go first */
const MAX = 5;

/** the list in a stored value, those still counting, latest first; an unreadable value is none */
export function readFollowUps(raw: string | null, now: Date): FollowUp[] {
  if (raw === null) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return [];
  }
  const r = z.array(followUpSchema).safeParse(value);
  return r.success ? r.data.filter((f) => Date.parse(f.until) > now.getTime()) : [];
}

/** the list with `f` first (an earlier question about the same case is replaced) */
export const withFollowUp = (list: readonly FollowUp[], f: FollowUp): FollowUp[] =>
  [f, ...list.filter((x) => !(x.caseId === f.caseId && x.ask === f.ask))].slice(0, MAX);

export const withoutFollowUp = (list: readonly FollowUp[], f: FollowUp): FollowUp[] => list.filter((x) => !(x.caseId === f.caseId && x.ask === f.ask));

const ttlOf = (list: readonly FollowUp[], now: Date) => Math.max(1000, Math.max(...list.map((f) => Date.parse(f.until))) - now.getTime());

/**
 * The write that replaces the stored value `raw` (as read) with `list`: conditional on the value
 * being unchanged, so a question the push worker added meanwhile is not lost (the turn's change is,
 * which costs at most a message read once more as an answer).
 */
export function followUpsWrite(openid: string, raw: string | null, list: readonly FollowUp[], now: Date): StoreWrite | undefined {
  const key = keys.followUps(openid);
  if (list.length === 0) return raw === null ? undefined : { op: 'deleteIfEquals', key, expected: raw };
  const value = JSON.stringify(list);
  const ttlMs = ttlOf(list, now);
  return raw === null ? { op: 'set', key, value, ttlMs } : { op: 'setIfEquals', key, expected: raw, value, ttlMs };
}

/** adds a question for the resident from outside their turn (the push worker): compare-and-set, retried */
export async function addFollowUp(store: StateStore, openid: string, f: FollowUp, now: Date): Promise<void> {
  const key = keys.followUps(openid);
  for (let attempt = 0; attempt < 5; attempt++) {
    const raw = await store.get(key);
    const list = withFollowUp(readFollowUps(raw, now), f);
    const value = JSON.stringify(list);
    const ok = raw === null ? await store.setIfAbsent(key, value, ttlOf(list, now)) : await store.setIfEquals(key, raw, value, ttlOf(list, now));
    if (ok) return;
  }
  throw new Error(`follow-up of case ${f.caseId} not recorded: the resident's list kept changing`);
}
