-- DropIndex
DROP INDEX "CustomerAnalytics_shop_predictedClvMinor_idx";

-- DropIndex
DROP INDEX "CustomerAnalytics_shop_lastOrderOn_idx";

-- DropIndex
DROP INDEX "CustomerAnalytics_shop_netSpendMinor_idx";

-- DropIndex
DROP INDEX "CustomerAnalytics_shop_rankKey_netSpendMinor_idx";

-- DropIndex
DROP INDEX "CustomerAnalytics_shop_segment_netSpendMinor_idx";

-- AlterTable
ALTER TABLE "AnalyticsSnapshot" ADD COLUMN "kpis" TEXT;

-- CreateIndex
CREATE INDEX "CustomerAnalytics_segment_spend_idx" ON "CustomerAnalytics"("shop", "segment", "netSpendMinor", "customerGid");

-- CreateIndex
CREATE INDEX "CustomerAnalytics_segment_last_order_idx" ON "CustomerAnalytics"("shop", "segment", "lastOrderOn", "customerGid");

-- CreateIndex
CREATE INDEX "CustomerAnalytics_segment_clv_idx" ON "CustomerAnalytics"("shop", "segment", "predictedClvMinor", "customerGid");

-- CreateIndex
CREATE INDEX "CustomerAnalytics_rank_spend_idx" ON "CustomerAnalytics"("shop", "rankKey", "netSpendMinor", "customerGid");

-- CreateIndex
CREATE INDEX "CustomerAnalytics_rank_last_order_idx" ON "CustomerAnalytics"("shop", "rankKey", "lastOrderOn", "customerGid");

-- CreateIndex
CREATE INDEX "CustomerAnalytics_rank_clv_idx" ON "CustomerAnalytics"("shop", "rankKey", "predictedClvMinor", "customerGid");

-- CreateIndex
CREATE INDEX "CustomerAnalytics_spend_idx" ON "CustomerAnalytics"("shop", "netSpendMinor", "customerGid");

-- CreateIndex
CREATE INDEX "CustomerAnalytics_last_order_idx" ON "CustomerAnalytics"("shop", "lastOrderOn", "customerGid");

-- CreateIndex
CREATE INDEX "CustomerAnalytics_clv_idx" ON "CustomerAnalytics"("shop", "predictedClvMinor", "customerGid");

-- RedefineIndex
DROP INDEX "CustomerAnalytics_shop_recencyScore_frequencyScore_netSpendMinor_idx";
CREATE INDEX "CustomerAnalytics_rfm_grid_idx" ON "CustomerAnalytics"("shop", "recencyScore", "frequencyScore", "netSpendMinor");

