CREATE TABLE "proposal_objections" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"openid" text NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_by" text,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "proposal_objections" ADD CONSTRAINT "proposal_objections_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "proposal_objections_case_idx" ON "proposal_objections" USING btree ("case_id","status");