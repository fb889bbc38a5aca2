-- AlterTable
ALTER TABLE "RecomputeRun" ADD COLUMN     "partsDone" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "partsTotal" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "plan" TEXT;

-- CreateTable
CREATE TABLE "RecomputeContextPart" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "index" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "fromId" TEXT NOT NULL,
    "toId" TEXT NOT NULL,
    "variants" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "state" TEXT,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "RecomputeContextPart_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RecomputeContextPart_shopId_version_index_key" ON "RecomputeContextPart"("shopId", "version", "index");

-- AddForeignKey
ALTER TABLE "RecomputeContextPart" ADD CONSTRAINT "RecomputeContextPart_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

