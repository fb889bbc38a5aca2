-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" DATETIME,
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN,
    "locale" TEXT,
    "collaborator" BOOLEAN,
    "emailVerified" BOOLEAN,
    "refreshToken" TEXT,
    "refreshTokenExpires" DATETIME
);

-- CreateTable
CREATE TABLE "Shop" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "domain" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "locale" TEXT NOT NULL DEFAULT 'en',
    "source" TEXT NOT NULL DEFAULT 'shopify',
    "installedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" DATETIME,
    "importStatus" TEXT NOT NULL DEFAULT 'idle',
    "importProgress" REAL NOT NULL DEFAULT 0,
    "importCursor" TEXT,
    "importError" TEXT,
    "importStartedAt" DATETIME,
    "importFinishedAt" DATETIME,
    "lastSyncedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ShopSettings" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "minMarginPct" REAL NOT NULL DEFAULT 0.2,
    "maxPriceChangePct" REAL NOT NULL DEFAULT 0.1,
    "priceRounding" TEXT NOT NULL DEFAULT '0.99',
    "cooldownDays" INTEGER NOT NULL DEFAULT 14,
    "compareAtPolicy" TEXT NOT NULL DEFAULT 'keep',
    "observedRangeDistance" REAL NOT NULL DEFAULT 0.1,
    "serviceLevel" REAL NOT NULL DEFAULT 0.95,
    "reviewPeriodDays" INTEGER NOT NULL DEFAULT 7,
    "targetCoverDays" INTEGER NOT NULL DEFAULT 30,
    "longTermValueWeight" REAL NOT NULL DEFAULT 0,
    "paymentFeePct" REAL NOT NULL DEFAULT 0.029,
    "paymentFeeFixed" DECIMAL NOT NULL DEFAULT 0.3,
    "fulfilmentCostPerUnit" DECIMAL NOT NULL DEFAULT 0,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "pausedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ShopSettings_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AutonomyRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "actionType" TEXT NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'suggest',
    "maxChangePct" REAL,
    "minMarginPct" REAL,
    "maxPerDay" INTEGER,
    "maxOrderValue" DECIMAL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AutonomyRule_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VendorSettings" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "leadTimeMeanDays" REAL NOT NULL DEFAULT 14,
    "leadTimeSdDays" REAL NOT NULL DEFAULT 3,
    "moq" INTEGER NOT NULL DEFAULT 1,
    "casePack" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "VendorSettings_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Product" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "shopifyId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "handle" TEXT,
    "vendor" TEXT,
    "productType" TEXT,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "shopifyCreatedAt" DATETIME,
    "shopifyUpdatedAt" DATETIME,
    "deletedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Product_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Variant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "shopifyId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "sku" TEXT,
    "vendor" TEXT,
    "productType" TEXT,
    "price" DECIMAL NOT NULL,
    "compareAtPrice" DECIMAL,
    "unitCost" DECIMAL,
    "inventoryItemId" TEXT,
    "tracked" BOOLEAN NOT NULL DEFAULT true,
    "shopifyCreatedAt" DATETIME,
    "shopifyUpdatedAt" DATETIME,
    "deletedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Variant_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Variant_shopId_productId_fkey" FOREIGN KEY ("shopId", "productId") REFERENCES "Product" ("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Location" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "shopifyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Location_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InventoryLevel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "available" INTEGER NOT NULL DEFAULT 0,
    "onHand" INTEGER NOT NULL DEFAULT 0,
    "committed" INTEGER NOT NULL DEFAULT 0,
    "incoming" INTEGER NOT NULL DEFAULT 0,
    "shopifyUpdatedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "InventoryLevel_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InventoryLevel_shopId_variantId_fkey" FOREIGN KEY ("shopId", "variantId") REFERENCES "Variant" ("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InventoryLevel_shopId_locationId_fkey" FOREIGN KEY ("shopId", "locationId") REFERENCES "Location" ("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InventorySnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "available" INTEGER NOT NULL,
    "onHand" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "InventorySnapshot_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InventorySnapshot_shopId_variantId_fkey" FOREIGN KEY ("shopId", "variantId") REFERENCES "Variant" ("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InventorySnapshot_shopId_locationId_fkey" FOREIGN KEY ("shopId", "locationId") REFERENCES "Location" ("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Order" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "shopifyId" TEXT NOT NULL,
    "name" TEXT,
    "customerKey" TEXT,
    "processedAt" DATETIME NOT NULL,
    "day" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "subtotal" DECIMAL NOT NULL DEFAULT 0,
    "totalDiscounts" DECIMAL NOT NULL DEFAULT 0,
    "totalRefunded" DECIMAL NOT NULL DEFAULT 0,
    "cancelledAt" DATETIME,
    "test" BOOLEAN NOT NULL DEFAULT false,
    "shopifyUpdatedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Order_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OrderLine" (
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
    CONSTRAINT "OrderLine_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OrderLine_shopId_orderId_fkey" FOREIGN KEY ("shopId", "orderId") REFERENCES "Order" ("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OrderLine_shopId_variantId_fkey" FOREIGN KEY ("shopId", "variantId") REFERENCES "Variant" ("shopId", "id") ON DELETE NO ACTION ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DailySales" (
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
    CONSTRAINT "DailySales_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DailySales_shopId_variantId_fkey" FOREIGN KEY ("shopId", "variantId") REFERENCES "Variant" ("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CustomerDailySales" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "customerKey" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "units" INTEGER NOT NULL DEFAULT 0,
    "netRevenue" DECIMAL NOT NULL DEFAULT 0,
    CONSTRAINT "CustomerDailySales_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CustomerDailySales_shopId_variantId_fkey" FOREIGN KEY ("shopId", "variantId") REFERENCES "Variant" ("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PriceHistory" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "effectiveAt" DATETIME NOT NULL,
    "price" DECIMAL NOT NULL,
    "compareAtPrice" DECIMAL,
    "source" TEXT NOT NULL,
    "decisionId" TEXT,
    CONSTRAINT "PriceHistory_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PriceHistory_shopId_variantId_fkey" FOREIGN KEY ("shopId", "variantId") REFERENCES "Variant" ("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "apiVersion" TEXT,
    "triggeredAt" DATETIME,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'received',
    "error" TEXT,
    "processedAt" DATETIME,
    CONSTRAINT "WebhookDelivery_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "queue" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "coalesceKey" TEXT,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'queued',
    "priority" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 5,
    "runAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedBy" TEXT,
    "lockedAt" DATETIME,
    "lastError" TEXT,
    "progress" REAL,
    "progressMessage" TEXT,
    "result" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    CONSTRAINT "Job_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Forecast" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "demandClass" TEXT NOT NULL,
    "start" TEXT NOT NULL,
    "horizon" INTEGER NOT NULL,
    "mean" TEXT NOT NULL,
    "quantiles" TEXT NOT NULL,
    "metrics" TEXT,
    "historyEnd" TEXT,
    "computedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Forecast_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Forecast_shopId_variantId_fkey" FOREIGN KEY ("shopId", "variantId") REFERENCES "Variant" ("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Recommendation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "currentPrice" DECIMAL,
    "proposedPrice" DECIMAL,
    "currentQuantity" INTEGER,
    "proposedQuantity" INTEGER,
    "expectedProfitDelta" DECIMAL NOT NULL DEFAULT 0,
    "expectedRevenueDelta" DECIMAL,
    "expectedUnitsDelta" REAL,
    "expectedImpact" TEXT NOT NULL DEFAULT '{}',
    "reasons" TEXT NOT NULL DEFAULT '[]',
    "bounds" TEXT NOT NULL DEFAULT '{}',
    "confidence" REAL NOT NULL DEFAULT 0,
    "vendor" TEXT,
    "productType" TEXT,
    "computedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Recommendation_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Recommendation_shopId_variantId_fkey" FOREIGN KEY ("shopId", "variantId") REFERENCES "Variant" ("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "recommendationId" TEXT,
    "variantId" TEXT,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "automatic" BOOLEAN NOT NULL DEFAULT false,
    "before" TEXT NOT NULL,
    "after" TEXT NOT NULL,
    "expectedImpact" TEXT NOT NULL DEFAULT '{}',
    "overrideReason" TEXT,
    "pushStatus" TEXT NOT NULL DEFAULT 'pending',
    "pushError" TEXT,
    "pushedAt" DATETIME,
    "rollbackOfId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Decision_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Decision_shopId_recommendationId_fkey" FOREIGN KEY ("shopId", "recommendationId") REFERENCES "Recommendation" ("shopId", "id") ON DELETE NO ACTION ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT,
    "entityId" TEXT,
    "data" TEXT NOT NULL DEFAULT '{}',
    "decisionId" TEXT,
    CONSTRAINT "AuditEvent_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PurchaseOrder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "currency" TEXT NOT NULL,
    "expectedAt" DATETIME,
    "sentAt" DATETIME,
    "receivedAt" DATETIME,
    "notes" TEXT,
    "decisionId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PurchaseOrder_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PurchaseOrderLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "purchaseOrderId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "receivedQuantity" INTEGER NOT NULL DEFAULT 0,
    "unitCost" DECIMAL,
    "expectedAt" DATETIME,
    CONSTRAINT "PurchaseOrderLine_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PurchaseOrderLine_shopId_purchaseOrderId_fkey" FOREIGN KEY ("shopId", "purchaseOrderId") REFERENCES "PurchaseOrder" ("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PurchaseOrderLine_shopId_variantId_fkey" FOREIGN KEY ("shopId", "variantId") REFERENCES "Variant" ("shopId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE UNIQUE INDEX "Shop_domain_key" ON "Shop"("domain");

-- CreateIndex
CREATE UNIQUE INDEX "ShopSettings_shopId_key" ON "ShopSettings"("shopId");

-- CreateIndex
CREATE UNIQUE INDEX "AutonomyRule_shopId_actionType_key" ON "AutonomyRule"("shopId", "actionType");

-- CreateIndex
CREATE UNIQUE INDEX "VendorSettings_shopId_vendor_key" ON "VendorSettings"("shopId", "vendor");

-- CreateIndex
CREATE INDEX "Product_shopId_vendor_idx" ON "Product"("shopId", "vendor");

-- CreateIndex
CREATE INDEX "Product_shopId_productType_idx" ON "Product"("shopId", "productType");

-- CreateIndex
CREATE UNIQUE INDEX "Product_shopId_id_key" ON "Product"("shopId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Product_shopId_shopifyId_key" ON "Product"("shopId", "shopifyId");

-- CreateIndex
CREATE INDEX "Variant_shopId_productId_idx" ON "Variant"("shopId", "productId");

-- CreateIndex
CREATE INDEX "Variant_shopId_inventoryItemId_idx" ON "Variant"("shopId", "inventoryItemId");

-- CreateIndex
CREATE INDEX "Variant_shopId_sku_idx" ON "Variant"("shopId", "sku");

-- CreateIndex
CREATE INDEX "Variant_shopId_vendor_idx" ON "Variant"("shopId", "vendor");

-- CreateIndex
CREATE INDEX "Variant_shopId_productType_idx" ON "Variant"("shopId", "productType");

-- CreateIndex
CREATE UNIQUE INDEX "Variant_shopId_id_key" ON "Variant"("shopId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Variant_shopId_shopifyId_key" ON "Variant"("shopId", "shopifyId");

-- CreateIndex
CREATE UNIQUE INDEX "Location_shopId_id_key" ON "Location"("shopId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Location_shopId_shopifyId_key" ON "Location"("shopId", "shopifyId");

-- CreateIndex
CREATE INDEX "InventoryLevel_shopId_locationId_idx" ON "InventoryLevel"("shopId", "locationId");

-- CreateIndex
CREATE UNIQUE INDEX "InventoryLevel_shopId_variantId_locationId_key" ON "InventoryLevel"("shopId", "variantId", "locationId");

-- CreateIndex
CREATE INDEX "InventorySnapshot_shopId_day_idx" ON "InventorySnapshot"("shopId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "InventorySnapshot_shopId_variantId_locationId_day_key" ON "InventorySnapshot"("shopId", "variantId", "locationId", "day");

-- CreateIndex
CREATE INDEX "Order_shopId_processedAt_idx" ON "Order"("shopId", "processedAt");

-- CreateIndex
CREATE INDEX "Order_shopId_customerKey_idx" ON "Order"("shopId", "customerKey");

-- CreateIndex
CREATE INDEX "Order_shopId_shopifyUpdatedAt_idx" ON "Order"("shopId", "shopifyUpdatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Order_shopId_id_key" ON "Order"("shopId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Order_shopId_shopifyId_key" ON "Order"("shopId", "shopifyId");

-- CreateIndex
CREATE INDEX "OrderLine_shopId_orderId_idx" ON "OrderLine"("shopId", "orderId");

-- CreateIndex
CREATE INDEX "OrderLine_shopId_variantId_day_idx" ON "OrderLine"("shopId", "variantId", "day");

-- CreateIndex
CREATE INDEX "OrderLine_shopId_customerKey_idx" ON "OrderLine"("shopId", "customerKey");

-- CreateIndex
CREATE UNIQUE INDEX "OrderLine_shopId_shopifyId_key" ON "OrderLine"("shopId", "shopifyId");

-- CreateIndex
CREATE INDEX "DailySales_shopId_day_idx" ON "DailySales"("shopId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "DailySales_shopId_variantId_day_key" ON "DailySales"("shopId", "variantId", "day");

-- CreateIndex
CREATE INDEX "CustomerDailySales_shopId_variantId_day_idx" ON "CustomerDailySales"("shopId", "variantId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerDailySales_shopId_customerKey_variantId_day_key" ON "CustomerDailySales"("shopId", "customerKey", "variantId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "PriceHistory_shopId_variantId_effectiveAt_key" ON "PriceHistory"("shopId", "variantId", "effectiveAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_shopId_status_receivedAt_idx" ON "WebhookDelivery"("shopId", "status", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_shopId_webhookId_key" ON "WebhookDelivery"("shopId", "webhookId");

-- CreateIndex
CREATE INDEX "Job_queue_status_runAt_idx" ON "Job"("queue", "status", "runAt");

-- CreateIndex
CREATE INDEX "Job_shopId_status_createdAt_idx" ON "Job"("shopId", "status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Job_shopId_queue_coalesceKey_key" ON "Job"("shopId", "queue", "coalesceKey");

-- CreateIndex
CREATE UNIQUE INDEX "Forecast_shopId_variantId_key" ON "Forecast"("shopId", "variantId");

-- CreateIndex
CREATE INDEX "Recommendation_shopId_status_expectedProfitDelta_idx" ON "Recommendation"("shopId", "status", "expectedProfitDelta");

-- CreateIndex
CREATE INDEX "Recommendation_shopId_status_kind_expectedProfitDelta_idx" ON "Recommendation"("shopId", "status", "kind", "expectedProfitDelta");

-- CreateIndex
CREATE INDEX "Recommendation_shopId_status_vendor_idx" ON "Recommendation"("shopId", "status", "vendor");

-- CreateIndex
CREATE INDEX "Recommendation_shopId_status_productType_idx" ON "Recommendation"("shopId", "status", "productType");

-- CreateIndex
CREATE INDEX "Recommendation_shopId_variantId_kind_status_idx" ON "Recommendation"("shopId", "variantId", "kind", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Recommendation_shopId_id_key" ON "Recommendation"("shopId", "id");

-- CreateIndex
CREATE INDEX "Decision_shopId_createdAt_idx" ON "Decision"("shopId", "createdAt");

-- CreateIndex
CREATE INDEX "Decision_shopId_variantId_createdAt_idx" ON "Decision"("shopId", "variantId", "createdAt");

-- CreateIndex
CREATE INDEX "Decision_shopId_automatic_createdAt_idx" ON "Decision"("shopId", "automatic", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_shopId_idempotencyKey_key" ON "Decision"("shopId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "AuditEvent_shopId_at_idx" ON "AuditEvent"("shopId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_shopId_entityType_entityId_idx" ON "AuditEvent"("shopId", "entityType", "entityId");

-- CreateIndex
CREATE INDEX "PurchaseOrder_shopId_status_idx" ON "PurchaseOrder"("shopId", "status");

-- CreateIndex
CREATE INDEX "PurchaseOrder_shopId_vendor_idx" ON "PurchaseOrder"("shopId", "vendor");

-- CreateIndex
CREATE UNIQUE INDEX "PurchaseOrder_shopId_id_key" ON "PurchaseOrder"("shopId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "PurchaseOrder_shopId_number_key" ON "PurchaseOrder"("shopId", "number");

-- CreateIndex
CREATE INDEX "PurchaseOrderLine_shopId_purchaseOrderId_idx" ON "PurchaseOrderLine"("shopId", "purchaseOrderId");

-- CreateIndex
CREATE INDEX "PurchaseOrderLine_shopId_variantId_idx" ON "PurchaseOrderLine"("shopId", "variantId");

