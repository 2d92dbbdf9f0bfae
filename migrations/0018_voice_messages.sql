CREATE TABLE "voice_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"openid" text NOT NULL,
	"media_id" text NOT NULL,
	"case_id" integer,
	"original_path" text NOT NULL,
	"original_content_type" text NOT NULL,
	"path" text NOT NULL,
	"content_type" text NOT NULL,
	"sha256" text NOT NULL,
	"bytes" integer NOT NULL,
	"duration_ms" integer NOT NULL,
	"transcript" text,
	"transcript_source" text,
	"machine_transcript" text,
	"corrected_by" integer,
	"corrected_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "voice_messages" ADD CONSTRAINT "voice_messages_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "voice_messages_media_idx" ON "voice_messages" USING btree ("media_id");--> statement-breakpoint
CREATE INDEX "voice_messages_case_idx" ON "voice_messages" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "voice_messages_openid_idx" ON "voice_messages" USING btree ("openid","created_at");