ALTER TABLE "cases" ADD COLUMN "street_id" text;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_street_id_streets_id_fk" FOREIGN KEY ("street_id") REFERENCES "public"."streets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_street_idx" ON "cases" USING btree ("street_id");--> statement-breakpoint
-- every case's street: its community's (cases with no community stay with none: every street office sees them)
UPDATE "cases" SET "street_id" = (SELECT c."street_id" FROM "communities" c WHERE c."id" = "cases"."community_id") WHERE "community_id" IS NOT NULL;--> statement-breakpoint
-- Points were stored as WeChat sent them (GCJ-02); from now on cases hold WGS-84 (GPS). The GCJ-02
-- offset at a WGS-84 point (the published formula, as gcoord and coordtransform compute it), in degrees:
CREATE FUNCTION "pg_temp"."gcj_dlat"(lat double precision, lng double precision) RETURNS double precision LANGUAGE sql IMMUTABLE AS $$
  SELECT (
    (-100.0 + 2.0 * (lng - 105.0) + 3.0 * (lat - 35.0) + 0.2 * (lat - 35.0) ^ 2 + 0.1 * (lng - 105.0) * (lat - 35.0) + 0.2 * sqrt(abs(lng - 105.0))
      + (20.0 * sin(6.0 * (lng - 105.0) * pi()) + 20.0 * sin(2.0 * (lng - 105.0) * pi())) * 2.0 / 3.0
      + (20.0 * sin((lat - 35.0) * pi()) + 40.0 * sin((lat - 35.0) / 3.0 * pi())) * 2.0 / 3.0
      + (160.0 * sin((lat - 35.0) / 12.0 * pi()) + 320.0 * sin((lat - 35.0) * pi() / 30.0)) * 2.0 / 3.0)
    * 180.0 / ((6378245.0 * (1 - 0.00669342162296594323)) / ((1 - 0.00669342162296594323 * sin(lat / 180.0 * pi()) ^ 2) * sqrt(1 - 0.00669342162296594323 * sin(lat / 180.0 * pi()) ^ 2)) * pi())
  )
$$;--> statement-breakpoint
CREATE FUNCTION "pg_temp"."gcj_dlng"(lat double precision, lng double precision) RETURNS double precision LANGUAGE sql IMMUTABLE AS $$
  SELECT (
    (300.0 + (lng - 105.0) + 2.0 * (lat - 35.0) + 0.1 * (lng - 105.0) ^ 2 + 0.1 * (lng - 105.0) * (lat - 35.0) + 0.1 * sqrt(abs(lng - 105.0))
      + (20.0 * sin(6.0 * (lng - 105.0) * pi()) + 20.0 * sin(2.0 * (lng - 105.0) * pi())) * 2.0 / 3.0
      + (20.0 * sin((lng - 105.0) * pi()) + 40.0 * sin((lng - 105.0) / 3.0 * pi())) * 2.0 / 3.0
      + (150.0 * sin((lng - 105.0) / 12.0 * pi()) + 300.0 * sin((lng - 105.0) / 30.0 * pi())) * 2.0 / 3.0)
    * 180.0 / (6378245.0 / sqrt(1 - 0.00669342162296594323 * sin(lat / 180.0 * pi()) ^ 2) * cos(lat / 180.0 * pi()) * pi())
  )
$$;--> statement-breakpoint
-- GCJ-02 → WGS-84 by iterating the offset (w ← g − offset(w), three rounds: well under a metre); inside China only
UPDATE "cases" SET "lat" = w."lat", "lng" = w."lng"
FROM (
  SELECT id, "lat" - pg_temp.gcj_dlat(l2, n2) AS lat, "lng" - pg_temp.gcj_dlng(l2, n2) AS lng
  FROM (
    SELECT id, "lat", "lng", "lat" - pg_temp.gcj_dlat(l1, n1) AS l2, "lng" - pg_temp.gcj_dlng(l1, n1) AS n2
    FROM (
      SELECT id, "lat", "lng", "lat" - pg_temp.gcj_dlat("lat", "lng") AS l1, "lng" - pg_temp.gcj_dlng("lat", "lng") AS n1
      FROM "cases" WHERE "lat" IS NOT NULL AND "lng" IS NOT NULL AND "lng" BETWEEN 72.004 AND 137.8347 AND "lat" BETWEEN 0.8293 AND 55.8271
    ) r1
  ) r2
) w
WHERE "cases"."id" = w.id;
