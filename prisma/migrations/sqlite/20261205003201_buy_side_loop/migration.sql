-- AlterTable
ALTER TABLE "Order" ADD COLUMN "locationGid" TEXT;

-- AlterTable
ALTER TABLE "Forecast" ADD COLUMN "abcClass" TEXT;

-- AlterTable
ALTER TABLE "Recommendation" ADD COLUMN "locationId" TEXT;
ALTER TABLE "Recommendation" ADD COLUMN "sourceLocationId" TEXT;

-- AlterTable
ALTER TABLE "PurchaseOrder" ADD COLUMN "locationId" TEXT;

-- AlterTable
ALTER TABLE "PurchaseOrderLine" ADD COLUMN "supplierCurrency" TEXT;
ALTER TABLE "PurchaseOrderLine" ADD COLUMN "supplierSku" TEXT;
ALTER TABLE "PurchaseOrderLine" ADD COLUMN "supplierUnitCost" DECIMAL;

-- CreateTable
CREATE TABLE "SupplierItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "supplierSku" TEXT,
    "unitCost" DECIMAL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SupplierItem_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SupplierItem_shopId_variantId_fkey" FOREIGN KEY ("shopId", "variantId") REFERENCES "Variant" ("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InventoryReceipt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "purchaseOrderId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'receipt',
    "correctsId" TEXT,
    "lines" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "pushStatus" TEXT NOT NULL DEFAULT 'pending',
    "pushAttempt" INTEGER NOT NULL DEFAULT 0,
    "changeFrom" TEXT,
    "adjustmentGroupId" TEXT,
    "pushError" TEXT,
    "lockedUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" DATETIME,
    "verifiedAt" DATETIME,
    CONSTRAINT "InventoryReceipt_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InventoryReceipt_shopId_locationId_fkey" FOREIGN KEY ("shopId", "locationId") REFERENCES "Location" ("shopId", "id") ON DELETE NO ACTION ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StockTransfer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "originLocationId" TEXT NOT NULL,
    "destinationLocationId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "shopifyId" TEXT,
    "shopifyName" TEXT,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "StockTransfer_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StockTransfer_shopId_variantId_fkey" FOREIGN KEY ("shopId", "variantId") REFERENCES "Variant" ("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ShopSettings" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "minMarginPct" REAL NOT NULL DEFAULT 0.2,
    "maxPriceChangePct" REAL NOT NULL DEFAULT 0.1,
    "priceRounding" TEXT NOT NULL DEFAULT '0.99',
    "cooldownDays" INTEGER NOT NULL DEFAULT 14,
    "compareAtPolicy" TEXT NOT NULL DEFAULT 'keep',
    "observedRangeDistance" REAL NOT NULL DEFAULT 0.1,
    "minConfidence" REAL NOT NULL DEFAULT 0.75,
    "serviceLevel" REAL NOT NULL DEFAULT 0.95,
    "reviewPeriodDays" INTEGER NOT NULL DEFAULT 7,
    "targetCoverDays" INTEGER NOT NULL DEFAULT 30,
    "longTermValueWeight" REAL NOT NULL DEFAULT 0,
    "paymentFeePct" REAL NOT NULL DEFAULT 0.029,
    "paymentFeeFixed" DECIMAL NOT NULL DEFAULT 0.3,
    "fulfilmentCostPerUnit" DECIMAL NOT NULL DEFAULT 0,
    "holdingCostPct" REAL NOT NULL DEFAULT 0.2,
    "sellThroughDays" INTEGER NOT NULL DEFAULT 180,
    "abcShareA" REAL NOT NULL DEFAULT 0.8,
    "abcShareB" REAL NOT NULL DEFAULT 0.95,
    "serviceLevelA" REAL NOT NULL DEFAULT 0.97,
    "serviceLevelB" REAL NOT NULL DEFAULT 0.95,
    "serviceLevelC" REAL NOT NULL DEFAULT 0.9,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "pausedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ShopSettings_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ShopSettings" ("compareAtPolicy", "cooldownDays", "fulfilmentCostPerUnit", "holdingCostPct", "id", "longTermValueWeight", "maxPriceChangePct", "minConfidence", "minMarginPct", "observedRangeDistance", "paused", "pausedAt", "paymentFeeFixed", "paymentFeePct", "priceRounding", "reviewPeriodDays", "sellThroughDays", "serviceLevel", "shopId", "targetCoverDays", "updatedAt") SELECT "compareAtPolicy", "cooldownDays", "fulfilmentCostPerUnit", "holdingCostPct", "id", "longTermValueWeight", "maxPriceChangePct", "minConfidence", "minMarginPct", "observedRangeDistance", "paused", "pausedAt", "paymentFeeFixed", "paymentFeePct", "priceRounding", "reviewPeriodDays", "sellThroughDays", "serviceLevel", "shopId", "targetCoverDays", "updatedAt" FROM "ShopSettings";
DROP TABLE "ShopSettings";
ALTER TABLE "new_ShopSettings" RENAME TO "ShopSettings";
CREATE UNIQUE INDEX "ShopSettings_shopId_key" ON "ShopSettings"("shopId");
CREATE TABLE "new_VendorSettings" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "leadTimeMeanDays" REAL NOT NULL DEFAULT 14,
    "leadTimeSdDays" REAL NOT NULL DEFAULT 3,
    "moq" INTEGER NOT NULL DEFAULT 1,
    "casePack" INTEGER NOT NULL DEFAULT 1,
    "currency" TEXT,
    "contactName" TEXT,
    "contactEmail" TEXT,
    "documentLocale" TEXT NOT NULL DEFAULT 'en',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "VendorSettings_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_VendorSettings" ("casePack", "id", "leadTimeMeanDays", "leadTimeSdDays", "moq", "shopId", "updatedAt", "vendor") SELECT "casePack", "id", "leadTimeMeanDays", "leadTimeSdDays", "moq", "shopId", "updatedAt", "vendor" FROM "VendorSettings";
DROP TABLE "VendorSettings";
ALTER TABLE "new_VendorSettings" RENAME TO "VendorSettings";
CREATE UNIQUE INDEX "VendorSettings_shopId_vendor_key" ON "VendorSettings"("shopId", "vendor");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SupplierItem_shopId_variantId_idx" ON "SupplierItem"("shopId", "variantId");

-- CreateIndex
CREATE UNIQUE INDEX "SupplierItem_shopId_vendor_variantId_key" ON "SupplierItem"("shopId", "vendor", "variantId");

-- CreateIndex
CREATE UNIQUE INDEX "InventoryReceipt_correctsId_key" ON "InventoryReceipt"("correctsId");

-- CreateIndex
CREATE INDEX "InventoryReceipt_shopId_purchaseOrderId_idx" ON "InventoryReceipt"("shopId", "purchaseOrderId");

-- CreateIndex
CREATE INDEX "InventoryReceipt_shopId_pushStatus_idx" ON "InventoryReceipt"("shopId", "pushStatus");

-- CreateIndex
CREATE UNIQUE INDEX "StockTransfer_decisionId_key" ON "StockTransfer"("decisionId");

-- CreateIndex
CREATE INDEX "StockTransfer_shopId_status_idx" ON "StockTransfer"("shopId", "status");

-- CreateIndex
CREATE INDEX "StockTransfer_shopId_variantId_idx" ON "StockTransfer"("shopId", "variantId");

