CREATE TABLE "wechat_menus" (
	"id" serial PRIMARY KEY NOT NULL,
	"menu" jsonb NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" integer,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "case_media" ADD COLUMN "public_state" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "case_media" ADD COLUMN "moderated_by" integer;--> statement-breakpoint
ALTER TABLE "case_media" ADD COLUMN "moderated_at" timestamp with time zone;--> statement-breakpoint
UPDATE "case_media" SET "public_state" = 'shown' WHERE "source" = 'staff';
