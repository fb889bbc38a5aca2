-- AlterTable
ALTER TABLE "Variant" ADD COLUMN "costUpdatedAt" DATETIME;

-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN "subjectId" TEXT;

-- AlterTable
ALTER TABLE "Decision" ADD COLUMN "batchId" TEXT;
ALTER TABLE "Decision" ADD COLUMN "rolledBackAt" DATETIME;
ALTER TABLE "Decision" ADD COLUMN "verifiedAt" DATETIME;

-- CreateTable
CREATE TABLE "AvailabilitySignal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "shopifyVariantId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "unitsLeft" INTEGER,
    "daysOfCover" REAL,
    "stockoutDate" TEXT,
    "restockDate" TEXT,
    "shipsByDate" TEXT,
    "confident" BOOLEAN NOT NULL DEFAULT true,
    "facts" TEXT NOT NULL DEFAULT '{}',
    "computedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "metafieldSyncedAt" DATETIME,
    CONSTRAINT "AvailabilitySignal_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AvailabilitySignal_shopId_variantId_fkey" FOREIGN KEY ("shopId", "variantId") REFERENCES "Variant" ("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ShopSummary" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "computedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ShopSummary_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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

