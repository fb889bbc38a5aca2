-- CreateTable
CREATE TABLE "RecomputeContextPart" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "index" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "fromId" TEXT NOT NULL,
    "toId" TEXT NOT NULL,
    "variants" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "state" TEXT,
    "doneAt" DATETIME,
    CONSTRAINT "RecomputeContextPart_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RecomputeRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "partsTotal" INTEGER NOT NULL DEFAULT 0,
    "partsDone" INTEGER NOT NULL DEFAULT 0,
    "plan" TEXT,
    "error" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "contextAt" DATETIME,
    "publishedAt" DATETIME,
    CONSTRAINT "RecomputeRun_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_RecomputeRun" ("asOf", "chunksDone", "chunksTotal", "context", "contextAt", "error", "historyStart", "id", "publishedAt", "shopId", "startedAt", "status", "variants", "variantsDone", "version") SELECT "asOf", "chunksDone", "chunksTotal", "context", "contextAt", "error", "historyStart", "id", "publishedAt", "shopId", "startedAt", "status", "variants", "variantsDone", "version" FROM "RecomputeRun";
DROP TABLE "RecomputeRun";
ALTER TABLE "new_RecomputeRun" RENAME TO "RecomputeRun";
CREATE INDEX "RecomputeRun_shopId_status_idx" ON "RecomputeRun"("shopId", "status");
CREATE UNIQUE INDEX "RecomputeRun_shopId_version_key" ON "RecomputeRun"("shopId", "version");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "RecomputeContextPart_shopId_version_index_key" ON "RecomputeContextPart"("shopId", "version", "index");

