import type { BotContact } from './client.js';

export type StaffChatLookup =
  | { found: true; userName: string; by: 'remark' | 'name' }
  | { found: false; reason: 'missing' | 'ambiguous'; count: number };

const isGroup = (c: BotContact): boolean => c.UserName.startsWith('@@');
const same = (a: string | undefined, b: string): boolean => (a ?? '').trim().normalize('NFC') === b;

/**
 * The staff group chat named `name` (STAFF_BOT_CHAT) among the account's contacts: a group chat
 * (never a person) whose remark name (备注), or else whose name, is exactly `name`. A similar name
 * ("街道工作群2", "南头街道工作群") does not match, and two groups with the same
 * name match neither: the alert would otherwise go to whichever came first. UserName changes at
 * every login, so the chat is looked up by name each time.
 */
export function findStaffChat(contacts: Readonly<Record<string, BotContact>>, name: string): StaffChatLookup {
  const wanted = name.trim().normalize('NFC');
  if (!wanted) return { found: false, reason: 'missing', count: 0 };
  const groups = Object.values(contacts).filter(isGroup);
  for (const by of ['remark', 'name'] as const) {
    const hits = groups.filter((c) => same(by === 'remark' ? c.RemarkName : c.NickName, wanted));
    if (hits.length === 1) return { found: true, userName: hits[0]!.UserName, by };
    if (hits.length > 1) return { found: false, reason: 'ambiguous', count: hits.length };
  }
  return { found: false, reason: 'missing', count: 0 };
}
