-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "reconciledAt" TIMESTAMP(3);

