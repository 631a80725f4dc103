-- CreateTable
CREATE TABLE "Customer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "customerGid" TEXT NOT NULL,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "emailMarketingState" TEXT,
    "emailMarketingOptInLevel" TEXT,
    "emailConsentUpdatedAt" DATETIME,
    "shopifyCreatedAt" DATETIME,
    "shopifyUpdatedAt" DATETIME,
    "deletedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Order" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "orderGid" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "customerGid" TEXT,
    "placedAt" DATETIME NOT NULL,
    "shopifyUpdatedAt" DATETIME NOT NULL,
    "processedAt" DATETIME NOT NULL,
    "cancelledAt" DATETIME,
    "test" BOOLEAN NOT NULL,
    "financialStatus" TEXT,
    "currency" TEXT NOT NULL,
    "presentmentCurrency" TEXT NOT NULL,
    "totalMinor" INTEGER NOT NULL,
    "presentmentTotalMinor" INTEGER NOT NULL,
    "subtotalMinor" INTEGER NOT NULL,
    "discountMinor" INTEGER NOT NULL,
    "taxMinor" INTEGER NOT NULL,
    "taxesIncluded" BOOLEAN NOT NULL,
    "refundedMinor" INTEGER NOT NULL,
    "netMinor" INTEGER NOT NULL,
    "countsTowardShopTotals" BOOLEAN NOT NULL,
    "countsTowardCustomerAnalytics" BOOLEAN NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "OrderLineItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "orderGid" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "lineItemGid" TEXT NOT NULL,
    "productGid" TEXT,
    "variantGid" TEXT,
    "title" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "priceMinor" INTEGER NOT NULL,
    "discountMinor" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "Refund" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "refundGid" TEXT NOT NULL,
    "orderGid" TEXT NOT NULL,
    "refundedAt" DATETIME NOT NULL,
    "amountMinor" INTEGER,
    "presentmentAmountMinor" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "DataRequestExport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "webhookEventId" TEXT NOT NULL,
    "customerGid" TEXT NOT NULL,
    "dataRequestId" TEXT,
    "content" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Customer_shop_customerGid_key" ON "Customer"("shop", "customerGid");

-- CreateIndex
CREATE INDEX "Order_shop_customerGid_processedAt_idx" ON "Order"("shop", "customerGid", "processedAt");

-- CreateIndex
CREATE INDEX "Order_shop_processedAt_idx" ON "Order"("shop", "processedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Order_shop_orderGid_key" ON "Order"("shop", "orderGid");

-- CreateIndex
CREATE INDEX "OrderLineItem_shop_productGid_idx" ON "OrderLineItem"("shop", "productGid");

-- CreateIndex
CREATE UNIQUE INDEX "OrderLineItem_shop_orderGid_position_key" ON "OrderLineItem"("shop", "orderGid", "position");

-- CreateIndex
CREATE INDEX "Refund_shop_orderGid_idx" ON "Refund"("shop", "orderGid");

-- CreateIndex
CREATE UNIQUE INDEX "Refund_shop_refundGid_key" ON "Refund"("shop", "refundGid");

-- CreateIndex
CREATE INDEX "DataRequestExport_shop_customerGid_idx" ON "DataRequestExport"("shop", "customerGid");

-- CreateIndex
CREATE UNIQUE INDEX "DataRequestExport_shop_webhookEventId_key" ON "DataRequestExport"("shop", "webhookEventId");

