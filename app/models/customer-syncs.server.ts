// What Kizuna last wrote to each Shopify customer (CustomerSync, docs/decisions/014), the customers
// whose analytics changed since, and the analytics a sync reads: the columns the storefront
// metafields are made of, a page at a time in customer GID order.
import { prisma, storedInstant } from "../db.server.ts";
import type { CustomerSyncFacts } from "../domain/sync/customer-metafields.ts";
import type { CustomerSyncRecord } from "../domain/sync/sync-plan.ts";
import type { Database } from "../jobs/queue.server.ts";

const FACT_COLUMNS = {
  customerGid: true,
  orderCount: true,
  segment: true,
  shopifyRfmGroup: true,
  rankKey: true,
  rankSince: true,
  pendingRankKey: true,
  pendingRankOn: true,
  nextRankKey: true,
  nextRankGapSpendMinor: true,
  nextRankGapOrders: true,
  keepRankGapSpendMinor: true,
  keepRankGapOrders: true,
  keepRankReviewOn: true,
  keepRankOrderByOn: true,
} as const;

/** The next `limit` customers with analytics after `afterGid` (null: from the first), by GID. */
export function listSyncFactsPage(
  shop: string,
  afterGid: string | null,
  limit: number,
  db: Database = prisma,
): Promise<CustomerSyncFacts[]> {
  return db.customerAnalytics.findMany({
    where: {
      shop,
      ...(afterGid === null ? {} : { customerGid: { gt: afterGid } }),
    },
    orderBy: { customerGid: "asc" },
    take: limit,
    select: FACT_COLUMNS,
  });
}

/** These customers' analytics, by GID order; a customer without analytics is left out. */
export function findSyncFacts(
  shop: string,
  customerGids: readonly string[],
  db: Database = prisma,
): Promise<CustomerSyncFacts[]> {
  return db.customerAnalytics.findMany({
    where: { shop, customerGid: { in: [...customerGids] } },
    orderBy: { customerGid: "asc" },
    select: FACT_COLUMNS,
  });
}

export function countCustomersWithAnalytics(
  shop: string,
  db: Database = prisma,
): Promise<number> {
  return db.customerAnalytics.count({ where: { shop } });
}

/** Which of these customers customers/delete has removed from Shopify. */
export async function findDeletedCustomerGids(
  shop: string,
  customerGids: readonly string[],
  db: Database = prisma,
): Promise<Set<string>> {
  const rows = await db.customer.findMany({
    where: {
      shop,
      customerGid: { in: [...customerGids] },
      deletedAt: { not: null },
    },
    select: { customerGid: true },
  });
  return new Set(rows.map((row) => row.customerGid));
}

export type StoredCustomerSync = {
  readonly record: CustomerSyncRecord;
  readonly changedAt: Date | null;
};

function parseRecord(row: {
  metafieldDigests: string;
  tags: string;
}): CustomerSyncRecord {
  return {
    metafieldDigests: JSON.parse(
      row.metafieldDigests,
    ) as CustomerSyncRecord["metafieldDigests"],
    tags: JSON.parse(row.tags) as string[],
  };
}

export async function findCustomerSyncs(
  shop: string,
  customerGids: readonly string[],
  db: Database = prisma,
): Promise<Map<string, StoredCustomerSync>> {
  const rows = await db.customerSync.findMany({
    where: { shop, customerGid: { in: [...customerGids] } },
    select: {
      customerGid: true,
      metafieldDigests: true,
      tags: true,
      changedAt: true,
    },
  });
  return new Map(
    rows.map((row) => [
      row.customerGid,
      { record: parseRecord(row), changedAt: row.changedAt },
    ]),
  );
}

/** Marks customers whose analytics just changed, for the sync of changed customers. */
export async function markCustomersChanged(
  shop: string,
  customerGids: readonly string[],
  now: Date,
  db: Database,
): Promise<void> {
  if (customerGids.length === 0) return;
  // One raw statement: ingestion marks the customers of every order, and an ORM upsert per customer
  // costs several times the write.
  await db.$executeRawUnsafe(
    `INSERT INTO "CustomerSync" ("id", "shop", "customerGid", "changedAt")
     SELECT lower(hex(randomblob(16))), ?, value, ? FROM json_each(?) WHERE true
     ON CONFLICT ("shop", "customerGid") DO UPDATE SET "changedAt" = excluded."changedAt"`,
    shop,
    storedInstant(now),
    JSON.stringify(customerGids),
  );
}

/** The customers marked as changed, oldest mark first, with the mark seen (to clear only that one). */
export function listChangedCustomers(
  shop: string,
  limit: number,
  db: Database = prisma,
): Promise<{ customerGid: string; changedAt: Date | null }[]> {
  return db.customerSync.findMany({
    where: { shop, changedAt: { not: null } },
    orderBy: [{ changedAt: "asc" }, { customerGid: "asc" }],
    take: limit,
    select: { customerGid: true, changedAt: true },
  });
}

export type CustomerSyncOutcome = {
  readonly customerGid: string;
  /** What is now on the customer in Shopify, as far as Kizuna knows. */
  readonly record: CustomerSyncRecord;
  /** The first problem Shopify reported for this customer; null when every write succeeded. */
  readonly error: string | null;
};

/** Remembers what was written to these customers, each failure with its reason. */
export async function saveCustomerSyncOutcomes(
  shop: string,
  outcomes: readonly CustomerSyncOutcome[],
  now: Date,
  db: Database,
): Promise<void> {
  for (const outcome of outcomes) {
    const written = {
      metafieldDigests: JSON.stringify(outcome.record.metafieldDigests),
      tags: JSON.stringify(outcome.record.tags),
      ...(outcome.error === null
        ? { syncedAt: now, lastError: null, failedAt: null }
        : { lastError: outcome.error, failedAt: now }),
    };
    await db.customerSync.upsert({
      where: { shop_customerGid: { shop, customerGid: outcome.customerGid } },
      create: { shop, customerGid: outcome.customerGid, ...written },
      update: written,
    });
  }
}

/**
 * Clears the marks a sync has dealt with. A mark set again since it was read (a newer order) stays,
 * so the next sync of changed customers sees that customer again.
 */
export async function clearChangeMarks(
  shop: string,
  seen: readonly { customerGid: string; changedAt: Date | null }[],
  db: Database = prisma,
): Promise<void> {
  for (const { customerGid, changedAt } of seen) {
    if (changedAt === null) continue;
    await db.customerSync.updateMany({
      where: { shop, customerGid, changedAt },
      data: { changedAt: null },
    });
  }
}

/** After the metafield definitions had to be created again, nothing Kizuna wrote can be assumed to be there. */
export async function forgetWrittenMetafields(
  shop: string,
  db: Database = prisma,
): Promise<number> {
  const { count } = await db.customerSync.updateMany({
    where: { shop, NOT: { metafieldDigests: "{}" } },
    data: { metafieldDigests: "{}" },
  });
  return count;
}

export async function countChangedCustomers(
  shop: string,
  db: Database = prisma,
): Promise<number> {
  return db.customerSync.count({ where: { shop, changedAt: { not: null } } });
}

export type FailedCustomerSync = {
  readonly customerGid: string;
  readonly lastError: string;
  readonly failedAt: Date;
};

/** The customers whose last write failed, most recent first, and how many there are. */
export async function listFailedCustomerSyncs(
  shop: string,
  limit: number,
  db: Database = prisma,
): Promise<{ count: number; customers: FailedCustomerSync[] }> {
  const where = { shop, failedAt: { not: null } };
  const [count, rows] = await Promise.all([
    db.customerSync.count({ where }),
    db.customerSync.findMany({
      where,
      orderBy: [{ failedAt: "desc" }, { customerGid: "asc" }],
      take: limit,
      select: { customerGid: true, lastError: true, failedAt: true },
    }),
  ]);
  return {
    count,
    customers: rows.map((row) => ({
      customerGid: row.customerGid,
      lastError: row.lastError ?? "",
      failedAt: row.failedAt as Date,
    })),
  };
}
