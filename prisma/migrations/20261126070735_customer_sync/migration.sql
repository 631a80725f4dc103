-- CreateTable
CREATE TABLE "ShopSyncSettings" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "tagsEnabled" BOOLEAN NOT NULL DEFAULT false,
    "tagPrefix" TEXT NOT NULL DEFAULT 'kizuna',
    "definitionsReadyAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CustomerSync" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "customerGid" TEXT NOT NULL,
    "metafieldDigests" TEXT NOT NULL DEFAULT '{}',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "syncedAt" DATETIME,
    "changedAt" DATETIME,
    "lastError" TEXT,
    "failedAt" DATETIME
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "runningShop" TEXT,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "rerunTrigger" TEXT,
    "customerCount" INTEGER NOT NULL,
    "writtenCount" INTEGER NOT NULL DEFAULT 0,
    "unchangedCount" INTEGER NOT NULL DEFAULT 0,
    "skippedCount" INTEGER NOT NULL DEFAULT 0,
    "failedCount" INTEGER NOT NULL DEFAULT 0,
    "metafieldsWritten" INTEGER NOT NULL DEFAULT 0,
    "tagsAdded" INTEGER NOT NULL DEFAULT 0,
    "tagsRemoved" INTEGER NOT NULL DEFAULT 0,
    "cursor" TEXT,
    "errorCode" TEXT,
    "lastError" TEXT,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "ShopSyncSettings_shop_key" ON "ShopSyncSettings"("shop");

-- CreateIndex
CREATE INDEX "CustomerSync_shop_changedAt_idx" ON "CustomerSync"("shop", "changedAt");

-- CreateIndex
CREATE INDEX "CustomerSync_shop_failedAt_idx" ON "CustomerSync"("shop", "failedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerSync_shop_customerGid_key" ON "CustomerSync"("shop", "customerGid");

-- CreateIndex
CREATE UNIQUE INDEX "SyncRun_runningShop_key" ON "SyncRun"("runningShop");

-- CreateIndex
CREATE INDEX "SyncRun_shop_startedAt_idx" ON "SyncRun"("shop", "startedAt");

