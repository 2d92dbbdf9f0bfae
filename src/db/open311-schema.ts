import { integer, jsonb, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { createdAt, ts } from './columns.js';
import { cases } from './cases-schema.js';

/**
 * Open311 GeoReport v2 (src/open311/): the partner systems' API keys and what their requests
 * carried besides the case. Re-exported by schema.ts.
 */

/**
 * A partner system's API key. Only the SHA-256 of the key is kept (a 32-byte random token: no
 * slow hash needed); the key itself is shown once, when it is made. Each key is an actor of its
 * own (partner:<id>) on the cases it files and in the audit log.
 */
export const open311Keys = pgTable('open311_keys', {
  id: serial('id').primaryKey(),
  /** hex SHA-256 of the key */
  keyHash: text('key_hash').notNull().unique(),
  /** who it is for: 12345 平台, 巡查 App … */
  name: text('name').notNull(),
  /** the streets it may file into; null: every street */
  streetIds: jsonb('street_ids').$type<string[]>(),
  createdAt: createdAt(),
  /** the staff account that made it; null when made by npm run open311:key */
  createdBy: integer('created_by'),
  revokedAt: ts('revoked_at'),
  revokedBy: integer('revoked_by'),
});

/** what an Open311 request carried besides the case: the key that filed it, its attributes, the media_url it referred to (never fetched) */
export const open311Requests = pgTable('open311_requests', {
  caseId: integer('case_id')
    .primaryKey()
    .references(() => cases.id),
  keyId: integer('key_id')
    .notNull()
    .references(() => open311Keys.id),
  serviceCode: text('service_code').notNull(),
  attributes: jsonb('attributes').$type<Record<string, string | string[]>>().notNull().default({}),
  /** a reference only: nothing is fetched from it and it is never shown on the public pages */
  mediaUrl: text('media_url'),
  createdAt: createdAt(),
});
