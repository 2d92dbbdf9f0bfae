CREATE TABLE "media_files" (
	"path" text PRIMARY KEY NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- photos and PDFs are compressed already: kept out of line without a second compression
ALTER TABLE "media_files" ALTER COLUMN "content" SET STORAGE EXTERNAL;