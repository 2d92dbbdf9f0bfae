ALTER TABLE "messages" ADD COLUMN "line_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "messages_line_key_idx" ON "messages" USING btree ("line_key");