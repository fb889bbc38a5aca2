-- DropForeignKey
ALTER TABLE "OrderLine" DROP CONSTRAINT "OrderLine_shopId_fkey";

-- DropForeignKey
ALTER TABLE "OrderLine" DROP CONSTRAINT "OrderLine_shopId_variantId_fkey";

-- DropForeignKey
ALTER TABLE "DailySales" DROP CONSTRAINT "DailySales_shopId_fkey";

-- DropForeignKey
ALTER TABLE "CustomerDailySales" DROP CONSTRAINT "CustomerDailySales_shopId_fkey";

-- AddForeignKey
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_shopId_variantId_fkey" FOREIGN KEY ("shopId", "variantId") REFERENCES "Variant"("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

