CREATE TABLE "batches" (
	"id" serial PRIMARY KEY NOT NULL,
	"street_id" text NOT NULL,
	"year" integer NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budget_envelopes" (
	"id" serial PRIMARY KEY NOT NULL,
	"street_id" text NOT NULL,
	"community_id" text,
	"year" integer NOT NULL,
	"amount" bigint NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_envelopes_uq" UNIQUE NULLS NOT DISTINCT("street_id","community_id","year"),
	CONSTRAINT "budget_envelopes_amount" CHECK ("budget_envelopes"."amount" >= 0)
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "batch_id" integer;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "batches" ADD CONSTRAINT "batches_street_id_streets_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."streets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_envelopes" ADD CONSTRAINT "budget_envelopes_street_id_streets_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."streets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_envelopes" ADD CONSTRAINT "budget_envelopes_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "batches_street_year_number_uq" ON "batches" USING btree ("street_id","year","number");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_batch_idx" ON "cases" USING btree ("batch_id");--> statement-breakpoint
-- the year an approved proposal spends: when it was last approved (its latest move to approved)
UPDATE "cases" SET "approved_at" = e.at FROM (SELECT "case_id", max("created_at") AS at FROM "case_events" WHERE "to_status" = 'approved' GROUP BY "case_id") e WHERE e."case_id" = "cases"."id" AND "cases"."kind" = 'proposal';
