import { customType, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/** bytea as a Buffer (postgres.js reads a Buffer, PGlite a Uint8Array) */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
});

/**
 * The media files (residents' photos, staff photos, minutes, documents) when the database is
 * PostgreSQL: every instance reads what any of them stored (media/pg-media-store.ts). The path is
 * the one a file under MEDIA_DIR would have (YYYY/MM/<sha256>.<ext>, public/<sha256>.<ext> for the
 * public copies): the rows that point at a file (case_media, council_meetings …) do not change.
 * The embedded database keeps its files under MEDIA_DIR instead.
 */
export const mediaFiles = pgTable('media_files', {
  path: text('path').primaryKey(),
  /** hex sha256 of content */
  sha256: text('sha256').notNull(),
  /** bytes in content */
  size: integer('size').notNull(),
  content: bytea('content').notNull(),
  createdAt: createdAt(),
});
