-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "schedule" TEXT;


-- Occurrences written before this column carried their schedule in a payload envelope
-- {"$jobs.schedule": {name, spec}, "payload": ...}: move it to the column, keep the payload alone.
UPDATE "Job"
SET "schedule" = ("payload"::jsonb -> '$jobs.schedule')::text,
    "payload" = COALESCE(("payload"::jsonb -> 'payload')::text, '{}')
WHERE CASE WHEN "payload" LIKE '%"$jobs.schedule"%' THEN jsonb_typeof("payload"::jsonb -> '$jobs.schedule') = 'object' ELSE false END;
