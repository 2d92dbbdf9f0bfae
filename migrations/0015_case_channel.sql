ALTER TABLE "cases" ADD COLUMN "channel" text DEFAULT 'wechat' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "contact_name" text;--> statement-breakpoint
CREATE INDEX "cases_phone_idx" ON "cases" USING btree ("phone");