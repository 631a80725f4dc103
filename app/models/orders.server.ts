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
  return (await findOrderStates(shop, [orderGid], db)).get(orderGid) ?? null;
}

/** findOrderState for many orders in three queries (a backfill merges orders a batch at a time); absent orders are left out. */
export async function findOrderStates(shop: string, orderGids: readonly string[], db: Database = prisma): Promise<Map<string, OrderState>> {
  const where = { shop, orderGid: { in: [...orderGids] } };
  const [orders, lineItems, refundRows] = await Promise.all([
    db.order.findMany({ where }),
    db.orderLineItem.findMany({ where, orderBy: [{ orderGid: "asc" }, { position: "asc" }] }),
    db.refund.findMany({ where, orderBy: [{ refundedAt: "asc" }, { refundGid: "asc" }] }),
  ]);
  const states = new Map<string, OrderState>();
  for (const row of refundRows) {
    const refund: RefundFact = {
      refundGid: row.refundGid,
      orderGid: row.orderGid,
      createdAt: row.refundedAt,
      amountMinor: row.amountMinor,
      presentmentAmountMinor: row.presentmentAmountMinor,
    };
    const known = states.get(row.orderGid);
    states.set(row.orderGid, { orderGid: row.orderGid, awaitingOrder: true, refunds: [...(known?.refunds ?? []), refund] });
  }
  for (const order of orders) {
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
      lineItems: lineItems
        .filter((row) => row.orderGid === order.orderGid)
        .map((row) => ({
          lineItemGid: row.lineItemGid,
          productGid: row.productGid,
          variantGid: row.variantGid,
          title: row.title,
          quantity: row.quantity,
          priceMinor: row.priceMinor,
          discountMinor: row.discountMinor,
        })),
      refunds: states.get(order.orderGid)?.refunds ?? [],
    });
  }
  return states;
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
  await db.refund.createMany({
    data: states.flatMap((state) =>
      state.refunds.map((refund) => ({
        shop,
        orderGid: state.orderGid,
        refundGid: refund.refundGid,
        refundedAt: refund.createdAt,
        amountMinor: refund.amountMinor,
        presentmentAmountMinor: refund.presentmentAmountMinor,
      })),
    ),
  });
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
  await db.orderLineItem.createMany({
    data: orders.flatMap((order) => order.lineItems.map((lineItem, position) => ({ shop, orderGid: order.orderGid, position, ...lineItem }))),
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
