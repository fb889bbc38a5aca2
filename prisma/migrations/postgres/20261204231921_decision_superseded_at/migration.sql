-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "supersededAt" TIMESTAMP(3);

