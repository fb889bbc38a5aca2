-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN     "abcShareA" DOUBLE PRECISION NOT NULL DEFAULT 0.8,
ADD COLUMN     "abcShareB" DOUBLE PRECISION NOT NULL DEFAULT 0.95,
ADD COLUMN     "serviceLevelA" DOUBLE PRECISION NOT NULL DEFAULT 0.97,
ADD COLUMN     "serviceLevelB" DOUBLE PRECISION NOT NULL DEFAULT 0.95,
ADD COLUMN     "serviceLevelC" DOUBLE PRECISION NOT NULL DEFAULT 0.9;

-- AlterTable
ALTER TABLE "VendorSettings" ADD COLUMN     "contactEmail" TEXT,
ADD COLUMN     "contactName" TEXT,
ADD COLUMN     "currency" TEXT,
ADD COLUMN     "documentLocale" TEXT NOT NULL DEFAULT 'en';

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "locationGid" TEXT;

-- AlterTable
ALTER TABLE "Forecast" ADD COLUMN     "abcClass" TEXT;

-- AlterTable
ALTER TABLE "Recommendation" ADD COLUMN     "locationId" TEXT,
ADD COLUMN     "sourceLocationId" TEXT;

-- AlterTable
ALTER TABLE "PurchaseOrder" ADD COLUMN     "locationId" TEXT;

-- AlterTable
ALTER TABLE "PurchaseOrderLine" ADD COLUMN     "supplierCurrency" TEXT,
ADD COLUMN     "supplierSku" TEXT,
ADD COLUMN     "supplierUnitCost" DECIMAL(65,30);

-- CreateTable
CREATE TABLE "SupplierItem" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "supplierSku" TEXT,
    "unitCost" DECIMAL(65,30),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SupplierItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InventoryReceipt" (
    "id" TEXT NOT NULL,
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
    "lockedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMP(3),
    "verifiedAt" TIMESTAMP(3),

    CONSTRAINT "InventoryReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StockTransfer" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StockTransfer_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "SupplierItem" ADD CONSTRAINT "SupplierItem_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupplierItem" ADD CONSTRAINT "SupplierItem_shopId_variantId_fkey" FOREIGN KEY ("shopId", "variantId") REFERENCES "Variant"("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InventoryReceipt" ADD CONSTRAINT "InventoryReceipt_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InventoryReceipt" ADD CONSTRAINT "InventoryReceipt_shopId_locationId_fkey" FOREIGN KEY ("shopId", "locationId") REFERENCES "Location"("shopId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockTransfer" ADD CONSTRAINT "StockTransfer_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockTransfer" ADD CONSTRAINT "StockTransfer_shopId_variantId_fkey" FOREIGN KEY ("shopId", "variantId") REFERENCES "Variant"("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

