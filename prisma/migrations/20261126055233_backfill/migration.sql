-- CreateTable
CREATE TABLE "BackfillRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "runningShop" TEXT,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "ordersSince" DATETIME,
    "expectedOrderCount" INTEGER,
    "expectedCustomerCount" INTEGER,
    "errorCode" TEXT,
    "errorDetail" TEXT,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "BackfillExport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "bulkOperationGid" TEXT,
    "operationStatus" TEXT,
    "operationError" TEXT,
    "objectCount" INTEGER NOT NULL DEFAULT 0,
    "rootObjectCount" INTEGER,
    "url" TEXT,
    "linesRead" INTEGER NOT NULL DEFAULT 0,
    "bytesRead" BIGINT NOT NULL DEFAULT 0,
    "recordsImported" INTEGER NOT NULL DEFAULT 0,
    "mergedThroughLine" INTEGER NOT NULL DEFAULT 0,
    "skippedLines" INTEGER NOT NULL DEFAULT 0,
    "lastSkipReason" TEXT,
    "downloadedAt" DATETIME,
    "importedAt" DATETIME
);

-- CreateTable
CREATE TABLE "BackfillStagedLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "exportId" TEXT NOT NULL,
    "lineNumber" INTEGER NOT NULL,
    "gid" TEXT,
    "parentGid" TEXT,
    "body" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "BackfillRun_runningShop_key" ON "BackfillRun"("runningShop");

-- CreateIndex
CREATE INDEX "BackfillRun_shop_startedAt_idx" ON "BackfillRun"("shop", "startedAt");

-- CreateIndex
CREATE INDEX "BackfillExport_shop_bulkOperationGid_idx" ON "BackfillExport"("shop", "bulkOperationGid");

-- CreateIndex
CREATE UNIQUE INDEX "BackfillExport_runId_kind_key" ON "BackfillExport"("runId", "kind");

-- CreateIndex
CREATE INDEX "BackfillStagedLine_exportId_parentGid_lineNumber_idx" ON "BackfillStagedLine"("exportId", "parentGid", "lineNumber");

-- CreateIndex
CREATE UNIQUE INDEX "BackfillStagedLine_exportId_lineNumber_key" ON "BackfillStagedLine"("exportId", "lineNumber");

