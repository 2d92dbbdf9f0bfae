import { timestamp } from 'drizzle-orm/pg-core';

/** The column shapes every table uses: a time with its zone, read as a Date; the row's creation. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const createdAt = () => ts('created_at').notNull().defaultNow();
