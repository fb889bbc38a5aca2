-- CreateTable
CREATE TABLE "RecomputeRun" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "asOf" TEXT,
    "historyStart" TEXT,
    "context" TEXT,
    "variants" INTEGER NOT NULL DEFAULT 0,
    "chunksTotal" INTEGER NOT NULL DEFAULT 0,
    "chunksDone" INTEGER NOT NULL DEFAULT 0,
    "variantsDone" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "contextAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "RecomputeRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecomputeChunk" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "index" INTEGER NOT NULL,
    "fromId" TEXT NOT NULL,
    "toId" TEXT NOT NULL,
    "variants" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "RecomputeChunk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VariantContext" (
    "id" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "variantId" TEXT NOT NULL,
    "elasticity" TEXT NOT NULL,
    "abcClass" TEXT,
    "customer" TEXT,

    CONSTRAINT "VariantContext_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RecomputeRun_shopId_status_idx" ON "RecomputeRun"("shopId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "RecomputeRun_shopId_version_key" ON "RecomputeRun"("shopId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "RecomputeChunk_shopId_version_index_key" ON "RecomputeChunk"("shopId", "version", "index");

-- CreateIndex
CREATE UNIQUE INDEX "VariantContext_shopId_version_variantId_key" ON "VariantContext"("shopId", "version", "variantId");

-- AddForeignKey
ALTER TABLE "RecomputeRun" ADD CONSTRAINT "RecomputeRun_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecomputeChunk" ADD CONSTRAINT "RecomputeChunk_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VariantContext" ADD CONSTRAINT "VariantContext_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

