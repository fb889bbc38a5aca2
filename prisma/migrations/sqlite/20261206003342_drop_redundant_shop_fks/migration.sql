-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OrderLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "shopifyId" TEXT NOT NULL,
    "variantId" TEXT,
    "shopifyVariantId" TEXT,
    "quantity" INTEGER NOT NULL,
    "refundedQuantity" INTEGER NOT NULL DEFAULT 0,
    "unitPrice" DECIMAL NOT NULL,
    "discount" DECIMAL NOT NULL DEFAULT 0,
    "refundedAmount" DECIMAL NOT NULL DEFAULT 0,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "customerKey" TEXT,
    "day" TEXT NOT NULL,
    "contributedDay" TEXT,
    "contributedCustomerKey" TEXT,
    "contributedUnits" INTEGER NOT NULL DEFAULT 0,
    "contributedRefundedUnits" INTEGER NOT NULL DEFAULT 0,
    "contributedGross" DECIMAL NOT NULL DEFAULT 0,
    "contributedDiscount" DECIMAL NOT NULL DEFAULT 0,
    "contributedRefunded" DECIMAL NOT NULL DEFAULT 0,
    "shopifyUpdatedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "OrderLine_shopId_orderId_fkey" FOREIGN KEY ("shopId", "orderId") REFERENCES "Order" ("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OrderLine_shopId_variantId_fkey" FOREIGN KEY ("shopId", "variantId") REFERENCES "Variant" ("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_OrderLine" ("cancelled", "contributedCustomerKey", "contributedDay", "contributedDiscount", "contributedGross", "contributedRefunded", "contributedRefundedUnits", "contributedUnits", "customerKey", "day", "discount", "id", "orderId", "quantity", "refundedAmount", "refundedQuantity", "shopId", "shopifyId", "shopifyUpdatedAt", "shopifyVariantId", "unitPrice", "updatedAt", "variantId") SELECT "cancelled", "contributedCustomerKey", "contributedDay", "contributedDiscount", "contributedGross", "contributedRefunded", "contributedRefundedUnits", "contributedUnits", "customerKey", "day", "discount", "id", "orderId", "quantity", "refundedAmount", "refundedQuantity", "shopId", "shopifyId", "shopifyUpdatedAt", "shopifyVariantId", "unitPrice", "updatedAt", "variantId" FROM "OrderLine";
DROP TABLE "OrderLine";
ALTER TABLE "new_OrderLine" RENAME TO "OrderLine";
CREATE INDEX "OrderLine_shopId_orderId_idx" ON "OrderLine"("shopId", "orderId");
CREATE INDEX "OrderLine_shopId_variantId_day_idx" ON "OrderLine"("shopId", "variantId", "day");
CREATE INDEX "OrderLine_shopId_customerKey_idx" ON "OrderLine"("shopId", "customerKey");
CREATE UNIQUE INDEX "OrderLine_shopId_shopifyId_key" ON "OrderLine"("shopId", "shopifyId");
CREATE TABLE "new_DailySales" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "units" INTEGER NOT NULL DEFAULT 0,
    "refundedUnits" INTEGER NOT NULL DEFAULT 0,
    "lines" INTEGER NOT NULL DEFAULT 0,
    "grossRevenue" DECIMAL NOT NULL DEFAULT 0,
    "discounts" DECIMAL NOT NULL DEFAULT 0,
    "refunds" DECIMAL NOT NULL DEFAULT 0,
    "netRevenue" DECIMAL NOT NULL DEFAULT 0,
    "avgPrice" DECIMAL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "DailySales_shopId_variantId_fkey" FOREIGN KEY ("shopId", "variantId") REFERENCES "Variant" ("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_DailySales" ("avgPrice", "day", "discounts", "grossRevenue", "id", "lines", "netRevenue", "refundedUnits", "refunds", "shopId", "units", "updatedAt", "variantId") SELECT "avgPrice", "day", "discounts", "grossRevenue", "id", "lines", "netRevenue", "refundedUnits", "refunds", "shopId", "units", "updatedAt", "variantId" FROM "DailySales";
DROP TABLE "DailySales";
ALTER TABLE "new_DailySales" RENAME TO "DailySales";
CREATE INDEX "DailySales_shopId_day_idx" ON "DailySales"("shopId", "day");
CREATE UNIQUE INDEX "DailySales_shopId_variantId_day_key" ON "DailySales"("shopId", "variantId", "day");
CREATE TABLE "new_CustomerDailySales" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "customerKey" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "units" INTEGER NOT NULL DEFAULT 0,
    "netRevenue" DECIMAL NOT NULL DEFAULT 0,
    CONSTRAINT "CustomerDailySales_shopId_variantId_fkey" FOREIGN KEY ("shopId", "variantId") REFERENCES "Variant" ("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CustomerDailySales" ("customerKey", "day", "id", "netRevenue", "shopId", "units", "variantId") SELECT "customerKey", "day", "id", "netRevenue", "shopId", "units", "variantId" FROM "CustomerDailySales";
DROP TABLE "CustomerDailySales";
ALTER TABLE "new_CustomerDailySales" RENAME TO "CustomerDailySales";
CREATE INDEX "CustomerDailySales_shopId_variantId_day_idx" ON "CustomerDailySales"("shopId", "variantId", "day");
CREATE UNIQUE INDEX "CustomerDailySales_shopId_customerKey_variantId_day_key" ON "CustomerDailySales"("shopId", "customerKey", "variantId", "day");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

