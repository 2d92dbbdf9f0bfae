ALTER TABLE "cases" ADD COLUMN "public_text" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "public_text_at" timestamp with time zone;