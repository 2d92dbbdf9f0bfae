CREATE TABLE "council_decisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"case_id" integer NOT NULL,
	"outcome" text NOT NULL,
	"votes_for" integer,
	"votes_against" integer,
	"votes_abstain" integer,
	"approved_cost" bigint,
	"reason" text,
	"support_count" integer NOT NULL,
	"event_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "council_decisions_cost" CHECK (("council_decisions"."outcome" = 'approved') = ("council_decisions"."approved_cost" is not null)),
	CONSTRAINT "council_decisions_reason" CHECK ("council_decisions"."outcome" <> 'declined' or "council_decisions"."reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "council_meetings" (
	"id" serial PRIMARY KEY NOT NULL,
	"street_id" text NOT NULL,
	"community_id" text NOT NULL,
	"held_on" date NOT NULL,
	"title" text NOT NULL,
	"party_count" integer DEFAULT 0 NOT NULL,
	"committee_count" integer DEFAULT 0 NOT NULL,
	"workstation_count" integer DEFAULT 0 NOT NULL,
	"residents_count" integer DEFAULT 0 NOT NULL,
	"experts_count" integer DEFAULT 0 NOT NULL,
	"deputies_count" integer DEFAULT 0 NOT NULL,
	"minutes_path" text,
	"minutes_type" text,
	"minutes_sha256" text,
	"minutes_bytes" integer,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "council_decisions" ADD CONSTRAINT "council_decisions_meeting_id_council_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."council_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_decisions" ADD CONSTRAINT "council_decisions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_meetings" ADD CONSTRAINT "council_meetings_street_id_streets_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."streets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_meetings" ADD CONSTRAINT "council_meetings_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "council_decisions_meeting_case_uq" ON "council_decisions" USING btree ("meeting_id","case_id");--> statement-breakpoint
CREATE INDEX "council_decisions_case_idx" ON "council_decisions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "council_meetings_community_idx" ON "council_meetings" USING btree ("community_id","held_on");--> statement-breakpoint
CREATE INDEX "council_meetings_street_idx" ON "council_meetings" USING btree ("street_id");