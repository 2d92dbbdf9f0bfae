CREATE TABLE "acceptances" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"accepted_on" date NOT NULL,
	"accepted_by" text NOT NULL,
	"result" text NOT NULL,
	"notes" text,
	"document_path" text,
	"document_type" text,
	"document_sha256" text,
	"document_bytes" integer,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"case_id" integer PRIMARY KEY NOT NULL,
	"implementer_kind" text NOT NULL,
	"implementer_name" text NOT NULL,
	"contract_amount" bigint,
	"planned_start" date,
	"planned_end" date,
	"actual_start" date,
	"actual_end" date,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliveries_contract_amount" CHECK ("deliveries"."contract_amount" is null or "deliveries"."contract_amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "survey_answers" (
	"case_id" integer NOT NULL,
	"openid" text NOT NULL,
	"answer" text NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_answers_case_id_openid_pk" PRIMARY KEY("case_id","openid")
);
--> statement-breakpoint
CREATE TABLE "third_party_evaluations" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"evaluator" text NOT NULL,
	"evaluated_on" date NOT NULL,
	"score" integer NOT NULL,
	"summary" text NOT NULL,
	"report_path" text,
	"report_type" text,
	"report_sha256" text,
	"report_bytes" integer,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "third_party_evaluations_score" CHECK ("third_party_evaluations"."score" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "milestones" ADD COLUMN "event_id" bigint;--> statement-breakpoint
ALTER TABLE "acceptances" ADD CONSTRAINT "acceptances_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "third_party_evaluations" ADD CONSTRAINT "third_party_evaluations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "acceptances_case_idx" ON "acceptances" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "third_party_evaluations_case_idx" ON "third_party_evaluations" USING btree ("case_id");--> statement-breakpoint
-- a milestone's photos are its event's media: the milestones filed before this learn their event
UPDATE "milestones" SET "event_id" = e."id" FROM "case_events" e WHERE e."type" = 'milestone' AND e."case_id" = "milestones"."case_id" AND (e."data"->>'milestoneId')::int = "milestones"."id";
