-- AlterTable
ALTER TABLE "AnalyticsSnapshot" ADD COLUMN "kpis" TEXT;

