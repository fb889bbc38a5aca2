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
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "pausedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ShopSettings_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ShopSettings" ("compareAtPolicy", "cooldownDays", "fulfilmentCostPerUnit", "id", "longTermValueWeight", "maxPriceChangePct", "minMarginPct", "observedRangeDistance", "paused", "pausedAt", "paymentFeeFixed", "paymentFeePct", "priceRounding", "reviewPeriodDays", "serviceLevel", "shopId", "targetCoverDays", "updatedAt") SELECT "compareAtPolicy", "cooldownDays", "fulfilmentCostPerUnit", "id", "longTermValueWeight", "maxPriceChangePct", "minMarginPct", "observedRangeDistance", "paused", "pausedAt", "paymentFeeFixed", "paymentFeePct", "priceRounding", "reviewPeriodDays", "serviceLevel", "shopId", "targetCoverDays", "updatedAt" FROM "ShopSettings";
DROP TABLE "ShopSettings";
ALTER TABLE "new_ShopSettings" RENAME TO "ShopSettings";
CREATE UNIQUE INDEX "ShopSettings_shopId_key" ON "ShopSettings"("shopId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

