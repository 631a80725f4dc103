// Orders, their line items and refunds as stored rows, read back as the domain's OrderState
// (app/domain/orders.ts). An order's rows are always replaced together in one transaction.
import type { Prisma } from "@prisma/client";
import { prisma } from "../db.server.ts";
import { insertRows } from "./bulk-insert.server.ts";
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
  const states = await findOrderStates(shop, [orderGid], db);
  return states.get(orderGid) ?? null;
}

/** findOrderState for many orders in three queries; orders with nothing stored are absent from the map. */
export async function findOrderStates(shop: string, orderGids: readonly string[], db: Database = prisma): Promise<Map<string, OrderState>> {
  const where = { shop, orderGid: { in: [...orderGids] } };
  const [orders, lineItemRows, refundRows] = await Promise.all([
    db.order.findMany({ where }),
    db.orderLineItem.findMany({ where, orderBy: [{ orderGid: "asc" }, { position: "asc" }] }),
    db.refund.findMany({ where, orderBy: [{ refundedAt: "asc" }, { refundGid: "asc" }] }),
  ]);
  const lineItemsOf = groupByOrder(lineItemRows);
  const refundsOf = groupByOrder(refundRows);
  const states = new Map<string, OrderState>();
  for (const [orderGid, rows] of refundsOf) {
    const refunds: RefundFact[] = rows.map((row) => ({
      refundGid: row.refundGid,
      orderGid: row.orderGid,
      createdAt: row.refundedAt,
      amountMinor: row.amountMinor,
      presentmentAmountMinor: row.presentmentAmountMinor,
    }));
    states.set(orderGid, { orderGid, awaitingOrder: true, refunds });
  }
  for (const order of orders) {
    const waiting = states.get(order.orderGid);
    states.set(order.orderGid, {
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
      lineItems: (lineItemsOf.get(order.orderGid) ?? []).map((row) => ({
        lineItemGid: row.lineItemGid,
        productGid: row.productGid,
        variantGid: row.variantGid,
        title: row.title,
        quantity: row.quantity,
        priceMinor: row.priceMinor,
        discountMinor: row.discountMinor,
      })),
      refunds: waiting?.refunds ?? [],
    });
  }
  return states;
}

function groupByOrder<Row extends { orderGid: string }>(rows: readonly Row[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const group = groups.get(row.orderGid);
    if (group) group.push(row);
    else groups.set(row.orderGid, [row]);
  }
  return groups;
}

/**
 * Writes the whole state of one order: the order row (its source is kept from the first write),
 * and its line items and refunds replaced. Pass a transaction client to make it part of a larger
 * unit; otherwise it runs in a transaction of its own.
 */
export async function saveOrderState(shop: string, state: OrderState, source: OrderSource, db?: Prisma.TransactionClient): Promise<void> {
  return saveOrderStates(shop, [state], source, db);
}

/** saveOrderState for many orders, one state per order, in a few statements plus one update per order already stored. */
export async function saveOrderStates(shop: string, states: readonly OrderState[], source: OrderSource, db?: Prisma.TransactionClient): Promise<void> {
  if (!db) return prisma.$transaction((tx) => saveOrderStates(shop, states, source, tx));
  const orderGids = states.map((state) => state.orderGid);
  await db.refund.deleteMany({ where: { shop, orderGid: { in: orderGids } } });
  await db.refund.createMany({ data: states.flatMap((state) => refundRows(shop, state)) });
  const orders = states.filter((state): state is OrderFact => !isAwaitingOrder(state));
  if (orders.length === 0) return;
  const stored = await db.order.findMany({ where: { shop, orderGid: { in: orders.map((order) => order.orderGid) } }, select: { orderGid: true } });
  const storedGids = new Set(stored.map((row) => row.orderGid));
  await db.order.createMany({
    data: orders.filter((order) => !storedGids.has(order.orderGid)).map((order) => ({ shop, orderGid: order.orderGid, source, ...orderColumns(order) })),
  });
  for (const order of orders.filter((candidate) => storedGids.has(candidate.orderGid))) {
    await db.order.update({ where: { shop_orderGid: { shop, orderGid: order.orderGid } }, data: orderColumns(order) });
  }
  await db.orderLineItem.deleteMany({ where: { shop, orderGid: { in: orders.map((order) => order.orderGid) } } });
  await db.orderLineItem.createMany({ data: orders.flatMap((order) => lineItemRows(shop, order)) });
}

/**
 * Inserts orders Kizuna has never stored, with their line items and refunds, in a few multi-row
 * statements: the bulk path of an import, where one saveOrderState per order would be far slower.
 */
export async function saveNewOrderStates(shop: string, orders: readonly OrderFact[], source: OrderSource, now: Date, db: Prisma.TransactionClient): Promise<void> {
  const orderRows = orders.map((order) => ({ shop, orderGid: order.orderGid, source, ...orderColumns(order), createdAt: now, updatedAt: now }));
  await insertRows(db, "Order", ORDER_COLUMNS, orderRows);
  await insertRows(db, "OrderLineItem", LINE_ITEM_COLUMNS, orders.flatMap((order) => lineItemRows(shop, order)));
  await insertRows(db, "Refund", REFUND_COLUMNS, orders.flatMap((order) => refundRows(shop, order)));
}

const ORDER_COLUMNS = [
  "shop",
  "orderGid",
  "source",
  "name",
  "customerGid",
  "placedAt",
  "shopifyUpdatedAt",
  "processedAt",
  "cancelledAt",
  "test",
  "financialStatus",
  "currency",
  "presentmentCurrency",
  "totalMinor",
  "presentmentTotalMinor",
  "subtotalMinor",
  "discountMinor",
  "taxMinor",
  "taxesIncluded",
  "refundedMinor",
  "netMinor",
  "countsTowardShopTotals",
  "countsTowardCustomerAnalytics",
  "createdAt",
  "updatedAt",
] as const;
const LINE_ITEM_COLUMNS = ["shop", "orderGid", "position", "lineItemGid", "productGid", "variantGid", "title", "quantity", "priceMinor", "discountMinor"] as const;
const REFUND_COLUMNS = ["shop", "orderGid", "refundGid", "refundedAt", "amountMinor", "presentmentAmountMinor"] as const;

function refundRows(shop: string, state: OrderState) {
  return state.refunds.map((refund) => ({
    shop,
    orderGid: state.orderGid,
    refundGid: refund.refundGid,
    refundedAt: refund.createdAt,
    amountMinor: refund.amountMinor,
    presentmentAmountMinor: refund.presentmentAmountMinor,
  }));
}

function lineItemRows(shop: string, order: OrderFact) {
  return order.lineItems.map((lineItem, position) => ({
    shop,
    orderGid: order.orderGid,
    position,
    lineItemGid: lineItem.lineItemGid,
    productGid: lineItem.productGid,
    variantGid: lineItem.variantGid,
    title: lineItem.title,
    quantity: lineItem.quantity,
    priceMinor: lineItem.priceMinor,
    discountMinor: lineItem.discountMinor,
  }));
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

export type CustomerOrderLine = {
  readonly orderGid: string;
  readonly name: string;
  readonly processedAt: Date;
  readonly currency: string;
  readonly totalMinor: number;
  readonly refundedMinor: number;
  readonly netMinor: number;
  readonly cancelledAt: Date | null;
  readonly test: boolean;
  readonly financialStatus: string | null;
  readonly countsTowardCustomerAnalytics: boolean;
};

/** The customer's newest `limit` orders, newest first, and how many orders they have in all. */
export async function listRecentCustomerOrders(
  shop: string,
  customerGid: string,
  limit: number,
  db: Database = prisma,
): Promise<{ orders: CustomerOrderLine[]; orderCount: number }> {
  const [orders, orderCount] = await Promise.all([
    db.order.findMany({
      where: { shop, customerGid },
      orderBy: [{ processedAt: "desc" }, { orderGid: "desc" }],
      take: limit,
      select: {
        orderGid: true,
        name: true,
        processedAt: true,
        currency: true,
        totalMinor: true,
        refundedMinor: true,
        netMinor: true,
        cancelledAt: true,
        test: true,
        financialStatus: true,
        countsTowardCustomerAnalytics: true,
      },
    }),
    db.order.count({ where: { shop, customerGid } }),
  ]);
  return { orders, orderCount };
}
