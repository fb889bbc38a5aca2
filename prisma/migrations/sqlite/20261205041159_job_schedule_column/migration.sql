-- AlterTable
ALTER TABLE "Job" ADD COLUMN "schedule" TEXT;


-- Occurrences written before this column carried their schedule in a payload envelope
-- {"$jobs.schedule": {name, spec}, "payload": ...}: move it to the column, keep the payload alone.
UPDATE "Job"
SET "schedule" = json_extract("payload", '$."$jobs.schedule"'),
    "payload" = COALESCE(json_extract("payload", '$.payload'), '{}')
WHERE json_valid("payload") AND json_type("payload", '$."$jobs.schedule"') = 'object';
