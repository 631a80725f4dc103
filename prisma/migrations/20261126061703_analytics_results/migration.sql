-- CreateTable
CREATE TABLE "CustomerAnalytics" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "customerGid" TEXT NOT NULL,
    "asOn" TEXT NOT NULL,
    "computedAt" DATETIME NOT NULL,
    "revision" INTEGER NOT NULL,
    "orderCount" INTEGER NOT NULL,
    "purchaseDayCount" INTEGER NOT NULL,
    "firstOrderOn" TEXT,
    "lastOrderOn" TEXT,
    "netSpendMinor" INTEGER NOT NULL,
    "averageOrderValueMinor" INTEGER,
    "repeatSpendMinor" INTEGER NOT NULL,
    "recencyDays" INTEGER,
    "activeSpanDays" INTEGER,
    "customerAgeDays" INTEGER,
    "recencyScore" INTEGER,
    "frequencyScore" INTEGER,
    "monetaryScore" INTEGER,
    "segment" TEXT,
    "shopifyRfmGroup" TEXT NOT NULL,
    "rankKey" TEXT NOT NULL,
    "rankSince" TEXT,
    "rankEvaluatedOn" TEXT NOT NULL,
    "rankPolicyVersion" INTEGER NOT NULL,
    "pendingRankKey" TEXT,
    "pendingRankOn" TEXT,
    "overrideRankKey" TEXT,
    "overrideReason" TEXT,
    "overrideSetBy" TEXT,
    "overrideSetAt" DATETIME,
    "nextRankKey" TEXT,
    "nextRankGapSpendMinor" INTEGER,
    "nextRankGapOrders" INTEGER,
    "keepRankGapSpendMinor" INTEGER,
    "keepRankGapOrders" INTEGER,
    "keepRankReviewOn" TEXT,
    "keepRankOrderByOn" TEXT,
    "predictionMethod" TEXT,
    "heuristicReason" TEXT,
    "spendMethod" TEXT,
    "horizonDays" INTEGER,
    "typicalIntervalDays" REAL,
    "aliveProbability" REAL,
    "expectedPurchases" REAL,
    "expectedOrderValueMinor" INTEGER,
    "predictedClvMinor" INTEGER,
    "expectedNextOrderOn" TEXT
);

-- CreateTable
CREATE TABLE "ShopAnalytics" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "asOn" TEXT NOT NULL,
    "computedAt" DATETIME NOT NULL,
    "timeZone" TEXT NOT NULL,
    "policyVersion" INTEGER NOT NULL,
    "customerCount" INTEGER NOT NULL,
    "rfmMethod" TEXT NOT NULL,
    "rfmScale" TEXT NOT NULL,
    "purchaseModelMethod" TEXT NOT NULL,
    "spendModelMethod" TEXT NOT NULL,
    "purchaseModelLogLikelihood" REAL,
    "spendModelLogLikelihood" REAL,
    "model" TEXT NOT NULL,
    "horizonDays" INTEGER NOT NULL,
    "annualDiscountRate" REAL NOT NULL,
    "kpis" TEXT
);

-- CreateTable
CREATE TABLE "AnalyticsSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "takenOn" TEXT NOT NULL,
    "customerCount" INTEGER NOT NULL,
    "policyVersion" INTEGER NOT NULL,
    "segmentCounts" TEXT NOT NULL,
    "rankCounts" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RankPolicy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "policy" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RankChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "customerGid" TEXT NOT NULL,
    "fromRankKey" TEXT NOT NULL,
    "toRankKey" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "policyVersion" INTEGER NOT NULL,
    "effectiveOn" TEXT NOT NULL,
    "recordedOn" TEXT NOT NULL,
    "windowStartOn" TEXT,
    "windowEndOn" TEXT NOT NULL,
    "netSpendMinor" INTEGER NOT NULL,
    "orderCount" INTEGER NOT NULL,
    "evidenceOrders" TEXT NOT NULL,
    "refundGids" TEXT NOT NULL,
    "triggerGid" TEXT,
    "overrideReason" TEXT,
    "overrideSetBy" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "CustomerAnalytics_shop_segment_netSpendMinor_idx" ON "CustomerAnalytics"("shop", "segment", "netSpendMinor");

-- CreateIndex
CREATE INDEX "CustomerAnalytics_shop_rankKey_netSpendMinor_idx" ON "CustomerAnalytics"("shop", "rankKey", "netSpendMinor");

-- CreateIndex
CREATE INDEX "CustomerAnalytics_shop_netSpendMinor_idx" ON "CustomerAnalytics"("shop", "netSpendMinor");

-- CreateIndex
CREATE INDEX "CustomerAnalytics_shop_lastOrderOn_idx" ON "CustomerAnalytics"("shop", "lastOrderOn");

-- CreateIndex
CREATE INDEX "CustomerAnalytics_shop_predictedClvMinor_idx" ON "CustomerAnalytics"("shop", "predictedClvMinor");

-- CreateIndex
CREATE INDEX "CustomerAnalytics_shop_recencyScore_frequencyScore_netSpendMinor_idx" ON "CustomerAnalytics"("shop", "recencyScore", "frequencyScore", "netSpendMinor");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerAnalytics_shop_customerGid_key" ON "CustomerAnalytics"("shop", "customerGid");

-- CreateIndex
CREATE UNIQUE INDEX "ShopAnalytics_shop_key" ON "ShopAnalytics"("shop");

-- CreateIndex
CREATE UNIQUE INDEX "AnalyticsSnapshot_shop_takenOn_key" ON "AnalyticsSnapshot"("shop", "takenOn");

-- CreateIndex
CREATE INDEX "RankPolicy_shop_active_idx" ON "RankPolicy"("shop", "active");

-- CreateIndex
CREATE UNIQUE INDEX "RankPolicy_shop_version_key" ON "RankPolicy"("shop", "version");

-- CreateIndex
CREATE INDEX "RankChange_shop_customerGid_id_idx" ON "RankChange"("shop", "customerGid", "id");

-- CreateIndex
CREATE INDEX "RankChange_shop_recordedOn_idx" ON "RankChange"("shop", "recordedOn");

