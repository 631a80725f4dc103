// Orders, their line items and refunds as stored rows, read back as the domain's OrderState
// (app/domain/orders.ts). An order's rows are always replaced together in one transaction.
import type { Prisma } from "@prisma/client";
import { prisma } from "../db.server.ts";
import {
  countsTowardCustomerAnalytics,
  countsTowardShopTotals,
  isAwaitingOrder,
  netRevenueMinor,
  type OrderFact,
  type OrderState,
  type RefundFact,
} from "../domain/orders.ts";

export type Database = Prisma.TransactionClient | typeof prisma;
export type OrderSource = "webhook" | "backfill" | "import";

/** The order with its refunds, refunds still waiting for their order, or null when nothing is stored. */
export async function findOrderState(shop: string, orderGid: string, db: Database = prisma): Promise<OrderState | null> {
  const [order, lineItems, refundRows] = await Promise.all([
    db.order.findUnique({ where: { shop_orderGid: { shop, orderGid } } }),
    db.orderLineItem.findMany({ where: { shop, orderGid }, orderBy: { position: "asc" } }),
    db.refund.findMany({ where: { shop, orderGid }, orderBy: [{ refundedAt: "asc" }, { refundGid: "asc" }] }),
  ]);
  const refunds: RefundFact[] = refundRows.map((row) => ({
    refundGid: row.refundGid,
    orderGid: row.orderGid,
    createdAt: row.refundedAt,
    amountMinor: row.amountMinor,
    presentmentAmountMinor: row.presentmentAmountMinor,
  }));
  if (order === null) return refunds.length === 0 ? null : { orderGid, awaitingOrder: true, refunds };
  return {
    orderGid: order.orderGid,
    name: order.name,
    customerGid: order.customerGid,
    createdAt: order.placedAt,
    updatedAt: order.shopifyUpdatedAt,
    processedAt: order.processedAt,
    cancelledAt: order.cancelledAt,
    test: order.test,
    financialStatus: order.financialStatus,
    currency: order.currency,
    presentmentCurrency: order.presentmentCurrency,
    totalMinor: order.totalMinor,
    presentmentTotalMinor: order.presentmentTotalMinor,
    subtotalMinor: order.subtotalMinor,
    discountMinor: order.discountMinor,
    taxMinor: order.taxMinor,
    taxesIncluded: order.taxesIncluded,
    lineItems: lineItems.map((row) => ({
      lineItemGid: row.lineItemGid,
      productGid: row.productGid,
      variantGid: row.variantGid,
      title: row.title,
      quantity: row.quantity,
      priceMinor: row.priceMinor,
      discountMinor: row.discountMinor,
    })),
    refunds,
  };
}

/**
 * Writes the whole state of one order: the order row (its source is kept from the first write),
 * and its line items and refunds replaced. Pass a transaction client to make it part of a larger
 * unit; otherwise it runs in a transaction of its own.
 */
export async function saveOrderState(shop: string, state: OrderState, source: OrderSource, db?: Prisma.TransactionClient): Promise<void> {
  if (!db) return prisma.$transaction((tx) => saveOrderState(shop, state, source, tx));
  const { orderGid } = state;
  await db.refund.deleteMany({ where: { shop, orderGid } });
  await db.refund.createMany({
    data: state.refunds.map((refund) => ({
      shop,
      orderGid,
      refundGid: refund.refundGid,
      refundedAt: refund.createdAt,
      amountMinor: refund.amountMinor,
      presentmentAmountMinor: refund.presentmentAmountMinor,
    })),
  });
  if (isAwaitingOrder(state)) return;
  const columns = orderColumns(state);
  await db.order.upsert({
    where: { shop_orderGid: { shop, orderGid } },
    create: { shop, orderGid, source, ...columns },
    update: columns,
  });
  await db.orderLineItem.deleteMany({ where: { shop, orderGid } });
  await db.orderLineItem.createMany({
    data: state.lineItems.map((lineItem, position) => ({ shop, orderGid, position, ...lineItem })),
  });
}

function orderColumns(order: OrderFact) {
  const netMinor = netRevenueMinor(order);
  return {
    name: order.name,
    customerGid: order.customerGid,
    placedAt: order.createdAt,
    shopifyUpdatedAt: order.updatedAt,
    processedAt: order.processedAt,
    cancelledAt: order.cancelledAt,
    test: order.test,
    financialStatus: order.financialStatus,
    currency: order.currency,
    presentmentCurrency: order.presentmentCurrency,
    totalMinor: order.totalMinor,
    presentmentTotalMinor: order.presentmentTotalMinor,
    subtotalMinor: order.subtotalMinor,
    discountMinor: order.discountMinor,
    taxMinor: order.taxMinor,
    taxesIncluded: order.taxesIncluded,
    refundedMinor: order.totalMinor - netMinor,
    netMinor,
    countsTowardShopTotals: countsTowardShopTotals(order),
    countsTowardCustomerAnalytics: countsTowardCustomerAnalytics(order),
  };
}

/** The customer's orders and every refund of them, oldest first. */
export async function findCustomerOrders(shop: string, customerGid: string, db: Database = prisma) {
  const orders = await db.order.findMany({ where: { shop, customerGid }, orderBy: [{ processedAt: "asc" }, { orderGid: "asc" }] });
  const orderGids = orders.map((order) => order.orderGid);
  const [lineItems, refunds] = await Promise.all([
    db.orderLineItem.findMany({ where: { shop, orderGid: { in: orderGids } }, orderBy: [{ orderGid: "asc" }, { position: "asc" }] }),
    db.refund.findMany({ where: { shop, orderGid: { in: orderGids } }, orderBy: [{ refundedAt: "asc" }, { refundGid: "asc" }] }),
  ]);
  return { orders, lineItems, refunds };
}

/** Removes orders with all their line items and refunds. */
export async function deleteOrders(shop: string, orderGids: readonly string[], db: Database = prisma): Promise<void> {
  const where = { shop, orderGid: { in: [...orderGids] } };
  await db.orderLineItem.deleteMany({ where });
  await db.refund.deleteMany({ where });
  await db.order.deleteMany({ where });
}
