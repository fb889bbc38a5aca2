-- AlterTable
ALTER TABLE "Variant" ADD COLUMN     "costUpdatedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "subjectId" TEXT;

-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "batchId" TEXT,
ADD COLUMN     "rolledBackAt" TIMESTAMP(3),
ADD COLUMN     "verifiedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "AvailabilitySignal" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "shopifyVariantId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "unitsLeft" INTEGER,
    "daysOfCover" DOUBLE PRECISION,
    "stockoutDate" TEXT,
    "restockDate" TEXT,
    "shipsByDate" TEXT,
    "confident" BOOLEAN NOT NULL DEFAULT true,
    "facts" TEXT NOT NULL DEFAULT '{}',
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "metafieldSyncedAt" TIMESTAMP(3),

    CONSTRAINT "AvailabilitySignal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShopSummary" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShopSummary_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AvailabilitySignal_shopId_variantId_key" ON "AvailabilitySignal"("shopId", "variantId");

-- CreateIndex
CREATE UNIQUE INDEX "AvailabilitySignal_shopId_shopifyVariantId_key" ON "AvailabilitySignal"("shopId", "shopifyVariantId");

-- CreateIndex
CREATE UNIQUE INDEX "ShopSummary_shopId_key" ON "ShopSummary"("shopId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_shopId_subjectId_idx" ON "WebhookDelivery"("shopId", "subjectId");

-- CreateIndex
CREATE INDEX "Decision_shopId_batchId_idx" ON "Decision"("shopId", "batchId");

-- AddForeignKey
ALTER TABLE "AvailabilitySignal" ADD CONSTRAINT "AvailabilitySignal_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AvailabilitySignal" ADD CONSTRAINT "AvailabilitySignal_shopId_variantId_fkey" FOREIGN KEY ("shopId", "variantId") REFERENCES "Variant"("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShopSummary" ADD CONSTRAINT "ShopSummary_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

