import { boolean, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, ts } from './columns.js';

/** The tables of where residents live: streets, communities and the residents themselves. */

/** 街道 street office */
export const streets = pgTable('streets', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  district: text('district').notNull(),
});

/** 社区 community or 村 village */
export const communities = pgTable(
  'communities',
  {
    id: text('id').primaryKey(),
    streetId: text('street_id')
      .notNull()
      .references(() => streets.id),
    name: text('name').notNull(),
    /** words residents may type for it, e.g. 南头 for 南头社区 */
    aliases: jsonb('aliases').$type<string[]>().notNull().default([]),
  },
  (t) => [index('communities_street_idx').on(t.streetId)],
);

export const residents = pgTable('residents', {
  openid: text('openid').primaryKey(),
  communityId: text('community_id').references(() => communities.id),
  phone: text('phone'),
  following: boolean('following').notNull().default(true),
  /** set when WeChat says the resident cannot be reached (43004 unfollowed, 40003, 43019) */
  unreachableAt: ts('unreachable_at'),
  unreachableReason: text('unreachable_reason'),
  lastMessageAt: ts('last_message_at'),
  createdAt: createdAt(),
});

/**
 * 绑定手机号: the one-time code a resident asked for to confirm a phone number (one pending code per
 * resident; a new request replaces it). Only its hash is kept; it expires and allows a few tries.
 */
export const phoneCodes = pgTable('phone_codes', {
  openid: text('openid').primaryKey(),
  phone: text('phone').notNull(),
  codeHash: text('code_hash').notNull(),
  expiresAt: ts('expires_at').notNull(),
  attempts: integer('attempts').notNull().default(0),
  createdAt: createdAt(),
});

export type Location = { lat: number; lng: number; label?: string };

