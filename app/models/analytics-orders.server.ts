// Stored orders as customer analytics reads them: each customer's countable orders (product.md §1:
// cancelled, voided and test orders and guest orders left out) with their net amount, tax and the
// instant that dates them. The full recompute reads a page of customers per query, each customer's
// orders aggregated into one JSON array, because a row per order through the driver costs several
// times the query itself at a million orders; json_group_array is SQLite's, json_agg PostgreSQL's.
import { prisma } from "../db.server.ts";
import {
  toStoredDateTime,
  type Database,
} from "./analytics-customers.server.ts";

export type AnalyticsOrder = {
  readonly orderGid: string;
  /** When the order was processed: the date Shopify shows on the order and uses in its reports. */
  readonly processedAt: number;
  readonly netMinor: number;
  readonly taxMinor: number;
};

export type CustomerOrders = {
  readonly customerGid: string;
  readonly orders: AnalyticsOrder[];
};

/**
 * The countable orders of a page of customers, by customer GID after `afterCustomerGid`. The whole
 * page is one JSON document: the driver's cost is per row, JSON.parse's per byte.
 */
async function listOrderPage(
  shop: string,
  afterCustomerGid: string,
  customerLimit: number,
  db: Database,
): Promise<CustomerOrders[]> {
  const [row] = await db.$queryRawUnsafe<{ page: string | null }[]>(
    `SELECT json_group_array(json_array("customerGid", json("orders"))) AS "page" FROM (
       SELECT "customerGid", json_group_array(json_array("orderGid", "processedAt", "netMinor", "taxMinor")) AS "orders"
       FROM "Order"
       WHERE "shop" = ? AND "countsTowardCustomerAnalytics" = 1 AND "customerGid" > ?
       GROUP BY "customerGid" ORDER BY "customerGid" LIMIT ?)`,
    shop,
    afterCustomerGid,
    customerLimit,
  );
  const page = JSON.parse(row?.page ?? "[]") as [
    string,
    [string, string, number, number][],
  ][];
  return page.map(([customerGid, orders]) => ({
    customerGid,
    orders: orders.map(([orderGid, processedAt, netMinor, taxMinor]) => ({
      orderGid,
      processedAt: Date.parse(processedAt),
      netMinor,
      taxMinor,
    })),
  }));
}

/** Every customer with a countable order, in customer GID order, a page at a time. */
export async function* listShopCustomerOrders(
  shop: string,
  customersPerPage = 5000,
  db: Database = prisma,
): AsyncGenerator<CustomerOrders[]> {
  let after = "";
  for (;;) {
    const page = await listOrderPage(shop, after, customersPerPage, db);
    if (page.length === 0) return;
    yield page;
    after = (page[page.length - 1] as CustomerOrders).customerGid;
  }
}

/** The countable orders of these customers, by customer (a customer without any is absent). */
export async function listCustomerOrders(
  shop: string,
  customerGids: readonly string[],
  db: Database = prisma,
): Promise<Map<string, AnalyticsOrder[]>> {
  const rows = await db.$queryRawUnsafe<
    {
      customerGid: string;
      orderGid: string;
      /** Prisma reads a DATETIME column as a Date even in raw queries. */
      processedAt: Date | string;
      netMinor: number;
      taxMinor: number;
    }[]
  >(
    `SELECT "customerGid", "orderGid", "processedAt", "netMinor", "taxMinor" FROM "Order"
     WHERE "shop" = ? AND "countsTowardCustomerAnalytics" = 1 AND "customerGid" IN (SELECT value FROM json_each(?))`,
    shop,
    JSON.stringify(customerGids),
  );
  const byCustomer = new Map<string, AnalyticsOrder[]>();
  for (const row of rows) {
    const orders = byCustomer.get(row.customerGid) ?? [];
    orders.push({
      orderGid: row.orderGid,
      processedAt: new Date(row.processedAt).getTime(),
      netMinor: Number(row.netMinor),
      taxMinor: Number(row.taxMinor),
    });
    byCustomer.set(row.customerGid, orders);
  }
  return byCustomer;
}

/** The refunds of these orders, by order GID, for the record of a rank change. */
export async function listRefundGids(
  shop: string,
  orderGids: readonly string[],
  db: Database = prisma,
): Promise<Map<string, string[]>> {
  const byOrder = new Map<string, string[]>();
  if (orderGids.length === 0) return byOrder;
  const rows = await db.$queryRawUnsafe<
    { orderGid: string; refundGid: string }[]
  >(
    `SELECT "orderGid", "refundGid" FROM "Refund" WHERE "shop" = ? AND "orderGid" IN (SELECT value FROM json_each(?)) ORDER BY "refundedAt", "refundGid"`,
    shop,
    JSON.stringify(orderGids),
  );
  for (const row of rows) {
    const refunds = byOrder.get(row.orderGid) ?? [];
    refunds.push(row.refundGid);
    byOrder.set(row.orderGid, refunds);
  }
  return byOrder;
}

export type ShopOrderTotals = {
  /** Orders that count toward shop totals, guest orders included. */
  readonly orderCount: number;
  readonly guestOrderCount: number;
  readonly netRevenueMinor: number;
};

/** The shop's countable orders processed before `before` (the end of the as-of day). */
export async function sumShopOrders(
  shop: string,
  before: Date,
  db: Database = prisma,
): Promise<ShopOrderTotals> {
  // Summed by SQLite in 64 bits: a shop's revenue can exceed Prisma's 32-bit Int (decisions/004).
  const [totals] = await db.$queryRawUnsafe<
    {
      orderCount: number;
      guestOrderCount: number | null;
      netRevenueMinor: number | null;
    }[]
  >(
    `SELECT COUNT(*) AS "orderCount", SUM("customerGid" IS NULL) AS "guestOrderCount", SUM("netMinor") AS "netRevenueMinor"
     FROM "Order" WHERE "shop" = ? AND "countsTowardShopTotals" = 1 AND "processedAt" < ?`,
    shop,
    toStoredDateTime(before),
  );
  return {
    orderCount: Number(totals?.orderCount ?? 0),
    guestOrderCount: Number(totals?.guestOrderCount ?? 0),
    netRevenueMinor: Number(totals?.netRevenueMinor ?? 0),
  };
}
