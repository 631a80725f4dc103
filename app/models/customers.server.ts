// Customers as stored rows, read back as the domain's CustomerState (app/domain/customers.ts), and
// what the compliance topics need: everything about one customer, to export or to erase (product.md §6).
import type { Prisma } from "@prisma/client";
import { prisma } from "../db.server.ts";
import type { CustomerState } from "../domain/customers.ts";
import { deleteCustomerAnalytics, findCustomerAnalytics } from "./analytics-customers.server.ts";
import { listCustomerRankChanges } from "./analytics-rank-changes.server.ts";
import { deleteOrders, findCustomerOrders, type Database } from "./orders.server.ts";
import { deleteWebhookEventsMentioning } from "./webhook-events.server.ts";

export async function findCustomerState(shop: string, customerGid: string, db: Database = prisma): Promise<CustomerState | null> {
  const row = await db.customer.findUnique({ where: { shop_customerGid: { shop, customerGid } } });
  if (row === null) return null;
  const hasProfile = row.shopifyUpdatedAt !== null || row.shopifyCreatedAt !== null || row.email !== null || row.firstName !== null || row.lastName !== null;
  return {
    customerGid,
    profile: hasProfile
      ? { email: row.email, firstName: row.firstName, lastName: row.lastName, createdAt: row.shopifyCreatedAt, updatedAt: row.shopifyUpdatedAt }
      : null,
    emailConsent:
      row.emailMarketingState === null
        ? null
        : { state: row.emailMarketingState, optInLevel: row.emailMarketingOptInLevel, consentUpdatedAt: row.emailConsentUpdatedAt },
    deleted: row.deletedAt !== null,
  };
}

/** Writes the customer's merged state; `now` becomes deletedAt the first time it is deleted. */
export async function saveCustomerState(shop: string, state: CustomerState, now: Date, db: Database = prisma): Promise<void> {
  const columns = {
    email: state.profile?.email ?? null,
    firstName: state.profile?.firstName ?? null,
    lastName: state.profile?.lastName ?? null,
    shopifyCreatedAt: state.profile?.createdAt ?? null,
    shopifyUpdatedAt: state.profile?.updatedAt ?? null,
    emailMarketingState: state.emailConsent?.state ?? null,
    emailMarketingOptInLevel: state.emailConsent?.optInLevel ?? null,
    emailConsentUpdatedAt: state.emailConsent?.consentUpdatedAt ?? null,
  };
  const key = { shop_customerGid: { shop, customerGid: state.customerGid } };
  const existing = await db.customer.findUnique({ where: key, select: { deletedAt: true } });
  const deletedAt = state.deleted ? (existing?.deletedAt ?? now) : null;
  await db.customer.upsert({
    where: key,
    create: { shop, customerGid: state.customerGid, ...columns, deletedAt },
    update: { ...columns, deletedAt },
  });
}

export type CustomerExport = {
  customer: Record<string, unknown> | null;
  orders: Record<string, unknown>[];
  /** What Kizuna derived from them: RFM, segment, rank, predictions, and every rank change. */
  analytics: Record<string, unknown> | null;
  rankChanges: Record<string, unknown>[];
};

/**
 * Everything stored about the customer: their row, their orders (and any `extraOrderGids` Shopify
 * names) with line items and refunds. Row ids and bookkeeping timestamps are left out.
 */
export async function exportCustomerData(
  shop: string,
  customerGid: string,
  extraOrderGids: readonly string[],
  db: Database = prisma,
): Promise<CustomerExport> {
  const customer = await db.customer.findUnique({
    where: { shop_customerGid: { shop, customerGid } },
    omit: { id: true, shop: true, createdAt: true, updatedAt: true },
  });
  const owned = await findCustomerOrders(shop, customerGid, db);
  const ownedGids = new Set(owned.orders.map((order) => order.orderGid));
  const extraGids = extraOrderGids.filter((orderGid) => !ownedGids.has(orderGid));
  const orderOmit = { id: true, shop: true, createdAt: true, updatedAt: true } as const;
  const [extraOrders, extraLineItems, extraRefunds] = await Promise.all([
    db.order.findMany({ where: { shop, orderGid: { in: extraGids } }, orderBy: { orderGid: "asc" } }),
    db.orderLineItem.findMany({ where: { shop, orderGid: { in: extraGids } }, orderBy: [{ orderGid: "asc" }, { position: "asc" }] }),
    db.refund.findMany({ where: { shop, orderGid: { in: extraGids } }, orderBy: [{ refundedAt: "asc" }, { refundGid: "asc" }] }),
  ]);
  const lineItems = [...owned.lineItems, ...extraLineItems];
  const refunds = [...owned.refunds, ...extraRefunds];
  const analytics = await findCustomerAnalytics(shop, customerGid, db);
  const rankChanges = await listCustomerRankChanges(shop, customerGid, null, db);
  return {
    customer,
    analytics,
    rankChanges: rankChanges.map((change) => withoutKeys(change, { id: true })),
    orders: [...owned.orders, ...extraOrders].map((order) => ({
      ...withoutKeys(order, orderOmit),
      lineItems: lineItems.filter((item) => item.orderGid === order.orderGid).map((item) => withoutKeys(item, { id: true, shop: true, orderGid: true })),
      refunds: refunds.filter((refund) => refund.orderGid === order.orderGid).map((refund) => withoutKeys(refund, { id: true, shop: true })),
    })),
  };
}

/**
 * customers/redact: removes the customer's row, their orders and the orders Shopify names, the
 * exports made for them, and every inbox event that mentions them or those orders.
 */
export async function deleteCustomerData(shop: string, customerGid: string, extraOrderGids: readonly string[], db: Prisma.TransactionClient): Promise<void> {
  const owned = await db.order.findMany({ where: { shop, customerGid }, select: { orderGid: true } });
  const orderGids = [...new Set([...owned.map((order) => order.orderGid), ...extraOrderGids])];
  await deleteOrders(shop, orderGids, db);
  await db.customer.deleteMany({ where: { shop, customerGid } });
  await deleteCustomerAnalytics(shop, customerGid, db);
  await db.dataRequestExport.deleteMany({ where: { shop, customerGid } });
  await deleteWebhookEventsMentioning(shop, [customerGid, ...orderGids], db);
}

function withoutKeys<T extends object>(row: T, keys: Partial<Record<keyof T, true>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !(key in keys)));
}

export type DataRequestExportRow = { customerGid: string; dataRequestId: string | null; content: string; createdAt: Date };

/** One export per inbox event: running the job again rewrites it instead of adding another. */
export async function saveDataRequestExport(shop: string, webhookEventId: string, row: DataRequestExportRow, db: Database = prisma): Promise<void> {
  await db.dataRequestExport.upsert({
    where: { shop_webhookEventId: { shop, webhookEventId } },
    create: { shop, webhookEventId, ...row },
    update: row,
  });
}

export async function findDataRequestExports(shop: string, customerGid: string, db: Database = prisma) {
  return db.dataRequestExport.findMany({ where: { shop, customerGid }, orderBy: { createdAt: "asc" } });
}
