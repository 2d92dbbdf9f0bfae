import { defaultCalendar, type WorkingCalendar } from './calendar.js';
import { defaultCategories, type CategoryCatalog } from './categories.js';
import type { PublicityRules } from './publicity.js';

/** What every civic write needs from outside: the clock (injected, never Date.now()) and the data files. */
export interface CivicContext {
  now: Date;
  /** default: flows/categories.yaml */
  categories?: CategoryCatalog;
  /** default: chinese-days with config/holidays.yaml over it */
  calendar?: WorkingCalendar;
  /** default: config/publicity.yaml */
  publicity?: PublicityRules;
}

export const categoriesOf = (ctx: { categories?: CategoryCatalog }): CategoryCatalog =>
  ctx.categories ?? defaultCategories();
export const calendarOf = (ctx: { calendar?: WorkingCalendar }): WorkingCalendar => ctx.calendar ?? defaultCalendar();

export const ACTOR_TYPES = ['resident', 'staff', 'system', 'partner'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];
/** who did it: a staff user id, a resident's openid, a system job name, or a partner system's key id (Open311) */
export interface Actor {
  type: ActorType;
  id: string;
}
