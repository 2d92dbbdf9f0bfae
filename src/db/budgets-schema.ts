import { sql } from 'drizzle-orm';
import { bigint, check, integer, pgTable, serial, text, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, ts } from './columns.js';
import { communities, streets } from './residents-schema.js';

/** Budget envelopes and batches of approved proposals (issue 14, item 3). */

/**
 * 年度预算: the envelope a street sets for a year, per community, or for its own projects
 * (community null). Approving a proposal spends it (src/civic/budgets/envelope.ts). Money in fen.
 */
export const budgetEnvelopes = pgTable(
  'budget_envelopes',
  {
    id: serial('id').primaryKey(),
    streetId: text('street_id')
      .notNull()
      .references(() => streets.id),
    /** null: the street's own envelope */
    communityId: text('community_id').references(() => communities.id),
    year: integer('year').notNull(),
    /** fen (分) */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('budget_envelopes_uq').on(t.streetId, t.communityId, t.year).nullsNotDistinct(),
    check('budget_envelopes_amount', sql`${t.amount} >= 0`),
  ],
);

/** 批次: approved proposals of a street's year, numbered (第一批 …) and published together */
export const batches = pgTable(
  'batches',
  {
    id: serial('id').primaryKey(),
    streetId: text('street_id')
      .notNull()
      .references(() => streets.id),
    year: integer('year').notNull(),
    number: integer('number').notNull(),
    /** 第一批, or what staff call it */
    title: text('title').notNull(),
    /** null until published; then its proposals are public as a batch */
    publishedAt: ts('published_at'),
    publishedBy: text('published_by'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('batches_street_year_number_uq').on(t.streetId, t.year, t.number)],
);
