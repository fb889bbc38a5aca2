-- AlterTable
ALTER TABLE "Shop" ADD COLUMN "reconciledAt" DATETIME;

