// Customers as stored rows, read back as the domain's CustomerState (app/domain/customers.ts), and
// what the compliance topics need: everything about one customer, to export or to erase (product.md §6).
import { Prisma } from "@prisma/client";
import { prisma } from "../db.server.ts";
import { insertRows } from "./bulk-insert.server.ts";
import type { CustomerState } from "../domain/customers.ts";
import { deleteCustomerAnalytics, findCustomerAnalytics } from "./analytics-customers.server.ts";
import { listCustomerRankChanges } from "./analytics-rank-changes.server.ts";
import { deleteOrders, findCustomerOrders, type Database } from "./orders.server.ts";
import { deleteWebhookEventsMentioning } from "./webhook-events.server.ts";

export async function findCustomerState(shop: string, customerGid: string, db: Database = prisma): Promise<CustomerState | null> {
  return (await findCustomerStates(shop, [customerGid], db)).get(customerGid) ?? null;
}

/** findCustomerState for many customers in one query; customers not stored are left out. */
export async function findCustomerStates(shop: string, customerGids: readonly string[], db: Database = prisma): Promise<Map<string, CustomerState>> {
  const rows = await db.customer.findMany({ where: { shop, customerGid: { in: [...customerGids] } } });
  return new Map(rows.map((row) => [row.customerGid, toCustomerState(row)]));
}

function toCustomerState(row: Prisma.CustomerGetPayload<object>): CustomerState {
  const hasProfile = row.shopifyUpdatedAt !== null || row.shopifyCreatedAt !== null || row.email !== null || row.firstName !== null || row.lastName !== null;
  return {
    customerGid: row.customerGid,
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
  await saveCustomerStates(shop, [state], now, db);
}

/** saveCustomerState for many customers, one state each: one insert for the new ones, an update per stored one. */
export async function saveCustomerStates(shop: string, states: readonly CustomerState[], now: Date, db: Database = prisma): Promise<void> {
  const existing = await db.customer.findMany({
    where: { shop, customerGid: { in: states.map((state) => state.customerGid) } },
    select: { customerGid: true, deletedAt: true },
  });
  const deletedAtOf = new Map(existing.map((row) => [row.customerGid, row.deletedAt]));
  const rowOf = (state: CustomerState) => ({
    ...customerColumns(state),
    deletedAt: state.deleted ? (deletedAtOf.get(state.customerGid) ?? now) : null,
  });
  await db.customer.createMany({
    data: states.filter((state) => !deletedAtOf.has(state.customerGid)).map((state) => ({ shop, customerGid: state.customerGid, ...rowOf(state) })),
  });
  for (const state of states.filter((candidate) => deletedAtOf.has(candidate.customerGid))) {
    await db.customer.update({ where: { shop_customerGid: { shop, customerGid: state.customerGid } }, data: rowOf(state) });
  }
}

/** Inserts customers Kizuna has not stored (findStoredCustomerGids tells which), in multi-row statements. */
export async function saveNewCustomers(shop: string, states: readonly CustomerState[], now: Date, db: Prisma.TransactionClient): Promise<void> {
  const rows = states.map((state) => ({ shop, customerGid: state.customerGid, ...customerColumns(state), deletedAt: null, createdAt: now, updatedAt: now }));
  await insertRows(db, "Customer", CUSTOMER_COLUMNS, rows);
}

const CUSTOMER_COLUMNS = [
  "shop",
  "customerGid",
  "email",
  "firstName",
  "lastName",
  "shopifyCreatedAt",
  "shopifyUpdatedAt",
  "emailMarketingState",
  "emailMarketingOptInLevel",
  "emailConsentUpdatedAt",
  "deletedAt",
  "createdAt",
  "updatedAt",
] as const;

function customerColumns(state: CustomerState) {
  return {
    email: state.profile?.email ?? null,
    firstName: state.profile?.firstName ?? null,
    lastName: state.profile?.lastName ?? null,
    shopifyCreatedAt: state.profile?.createdAt ?? null,
    shopifyUpdatedAt: state.profile?.updatedAt ?? null,
    emailMarketingState: state.emailConsent?.state ?? null,
    emailMarketingOptInLevel: state.emailConsent?.optInLevel ?? null,
    emailConsentUpdatedAt: state.emailConsent?.consentUpdatedAt ?? null,
  };
}

/** Which of these customers have a row, deleted or not. */
export async function findStoredCustomerGids(shop: string, customerGids: readonly string[], db: Database = prisma): Promise<Set<string>> {
  const rows = await db.customer.findMany({ where: { shop, customerGid: { in: [...customerGids] } }, select: { customerGid: true } });
  return new Set(rows.map((row) => row.customerGid));
}

/**
 * The shop's customers with each of these e-mails (given lowercased), compared without case:
 * lowercased e-mail → their GIDs. SQLite's lower() folds ASCII letters only, as e-mail domains are.
 */
export async function findCustomerGidsByEmail(shop: string, emails: readonly string[], db: Database = prisma): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (emails.length === 0) return found;
  const rows = await db.$queryRaw<{ customerGid: string; email: string }[]>`
    SELECT "customerGid", lower("email") AS "email" FROM "Customer"
    WHERE "shop" = ${shop} AND "deletedAt" IS NULL AND lower("email") IN (${Prisma.join(emails)})`;
  for (const row of rows) found.set(row.email, [...(found.get(row.email) ?? []), row.customerGid]);
  return found;
}

export type CustomerExport = {
  customer: Record<string, unknown> | null;
  orders: Record<string, unknown>[];
  /** What Kizuna derived from them: RFM, segment, rank, predictions, and every rank change. */
  analytics: Record<string, unknown> | null;
  rankChanges: Record<string, unknown>[];
  /** The tags Kizuna put on the customer in Shopify, and its last write there. */
  shopifySync: { tags: string[]; syncedAt: Date | null; lastError: string | null } | null;
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
  const sync = await db.customerSync.findUnique({ where: { shop_customerGid: { shop, customerGid } }, select: { tags: true, syncedAt: true, lastError: true } });
  return {
    customer,
    analytics,
    shopifySync: sync && { tags: JSON.parse(sync.tags) as string[], syncedAt: sync.syncedAt, lastError: sync.lastError },
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
  await db.customerSync.deleteMany({ where: { shop, customerGid } });
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
