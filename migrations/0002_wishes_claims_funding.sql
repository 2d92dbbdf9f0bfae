CREATE TABLE "case_funding" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"source" text NOT NULL,
	"funder" text,
	"amount" bigint NOT NULL,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"claimer_name" text NOT NULL,
	"claimer_type" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"note" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "case_funding" ADD CONSTRAINT "case_funding_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_funding_case_idx" ON "case_funding" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "claims_case_idx" ON "claims" USING btree ("case_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_confirmed_uq" ON "claims" USING btree ("case_id") WHERE status = 'confirmed';