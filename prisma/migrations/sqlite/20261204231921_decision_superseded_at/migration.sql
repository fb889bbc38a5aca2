-- AlterTable
ALTER TABLE "Decision" ADD COLUMN "supersededAt" DATETIME;

