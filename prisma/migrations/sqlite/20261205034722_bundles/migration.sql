-- CreateTable
CREATE TABLE "BundleComponent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "bundleVariantId" TEXT NOT NULL,
    "componentVariantId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "BundleComponent_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BundleComponent_shopId_bundleVariantId_fkey" FOREIGN KEY ("shopId", "bundleVariantId") REFERENCES "Variant" ("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BundleComponent_shopId_componentVariantId_fkey" FOREIGN KEY ("shopId", "componentVariantId") REFERENCES "Variant" ("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BundleDailyDemand" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "units" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "BundleDailyDemand_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BundleDailyDemand_shopId_variantId_fkey" FOREIGN KEY ("shopId", "variantId") REFERENCES "Variant" ("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable
ALTER TABLE "Variant" ADD COLUMN "requiresComponents" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "BundleComponent_shopId_componentVariantId_idx" ON "BundleComponent"("shopId", "componentVariantId");

-- CreateIndex
CREATE UNIQUE INDEX "BundleComponent_shopId_bundleVariantId_componentVariantId_key" ON "BundleComponent"("shopId", "bundleVariantId", "componentVariantId");

-- CreateIndex
CREATE INDEX "BundleDailyDemand_shopId_day_idx" ON "BundleDailyDemand"("shopId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "BundleDailyDemand_shopId_variantId_day_key" ON "BundleDailyDemand"("shopId", "variantId", "day");

