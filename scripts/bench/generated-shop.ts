// A generated JPY shop for the analytics benchmarks, written with plain SQL into a fresh copy of the
// migrated database (the ingestion paths have benchmarks of their own). Seeded, so every run writes
// the same shop. Its customers behave as BG/NBD assumes shoppers do: each is acquired on a day of the
// history, buys again at a rate of their own (many never do) until they silently drop out, and spends
// around an amount of their own. Orders are written in the order they were placed, as a live shop
// stores them, so one customer's orders are spread over the table.
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { ensureTemplateDatabase } from "../../tests/support/database.ts";

export const GENERATED_SHOP = "bench-shop.myshopify.com";
export const GENERATED_TIME_ZONE = "Asia/Tokyo";
const DAY_MS = 86_400_000;
const HISTORY_DAYS = 1095;
/** Customers who ever buy again; the rest bought once. */
const REPEAT_BUYER_SHARE = 0.45;
const CANCELLED_SHARE = 0.02;
const FIRST_NAMES = ["陽子", "健", "美咲", "翔太", "Emma", "Liam", "葵", "蓮", "Olivia", "Noah"];
const LAST_NAMES = ["田中", "佐藤", "鈴木", "高橋", "Smith", "Brown", "伊藤", "渡辺", "Wilson", "山本"];
const ROWS_PER_TRANSACTION = 50_000;

/** A seeded generator (mulberry32). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

export const toStoredDateTime = (at: number) => new Date(at).toISOString().replace("Z", "+00:00");

export function customerGidOf(index: number): string {
  return `gid://shopify/Customer/${index + 1}`;
}

/** A fresh copy of the migrated template in a directory of its own. */
export function createBenchDatabase(prefix: string): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), `kizuna-bench-${prefix}-`));
  const path = join(dir, "kizuna.sqlite");
  copyFileSync(ensureTemplateDatabase(), path);
  return { dir, path };
}

type GeneratedOrders = {
  readonly customerIndex: Int32Array;
  readonly placedAt: Float64Array;
  readonly totalMinor: Int32Array;
};

/**
 * Every customer's first order, then the repeat orders handed out in proportion to each repeat
 * buyer's purchase rate, each dated between their first order and the day they drop out.
 */
function generateOrders(customers: number, orders: number, now: number, random: () => number): GeneratedOrders {
  const firstAt = new Float64Array(customers);
  const dropOutAt = new Float64Array(customers);
  const typicalSpend = new Float64Array(customers);
  const rate = new Float64Array(customers);
  const start = now - HISTORY_DAYS * DAY_MS;
  for (let index = 0; index < customers; index += 1) {
    firstAt[index] = start + random() * (now - start);
    dropOutAt[index] = Math.min(now, (firstAt[index] as number) - Math.log(1 - random()) * 400 * DAY_MS);
    typicalSpend[index] = Math.exp(8 + 0.6 * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
    rate[index] = random() < REPEAT_BUYER_SHARE ? (-Math.log(1 - random())) ** 1.5 * (((dropOutAt[index] as number) - (firstAt[index] as number)) / DAY_MS + 1) : 0;
  }
  const cumulative = new Float64Array(customers);
  let total = 0;
  for (let index = 0; index < customers; index += 1) cumulative[index] = total += rate[index] as number;

  const customerIndex = new Int32Array(orders);
  const placedAt = new Float64Array(orders);
  const totalMinor = new Int32Array(orders);
  for (let order = 0; order < orders; order += 1) {
    let customer = order;
    if (order >= customers) {
      const target = random() * total;
      let low = 0;
      let high = customers - 1;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((cumulative[middle] as number) <= target) low = middle + 1;
        else high = middle;
      }
      customer = low;
    }
    const first = firstAt[customer] as number;
    customerIndex[order] = customer;
    placedAt[order] = order < customers ? first : first + random() * ((dropOutAt[customer] as number) - first);
    totalMinor[order] = Math.max(100, Math.round((typicalSpend[customer] as number) * (0.6 + 0.8 * random())));
  }
  return { customerIndex, placedAt, totalMinor };
}

/** An order of the generated shop: paid in JPY, tax included at 10 %, never refunded. */
export type GeneratedOrder = {
  readonly id: string;
  readonly orderGid: string;
  readonly name: string;
  readonly customerGid: string;
  readonly placedAt: number;
  readonly cancelled: boolean;
  readonly totalMinor: number;
  /** Where ingestion says the order came from. */
  readonly source: "backfill" | "webhook";
  readonly storedAt: number;
};

/** Inserts one order; its parameters are orderValues'. */
export const INSERT_ORDER_SQL = `INSERT INTO "Order" ("id", "shop", "orderGid", "name", "customerGid", "placedAt", "shopifyUpdatedAt", "processedAt",
    "cancelledAt", "test", "currency", "presentmentCurrency", "totalMinor", "presentmentTotalMinor", "subtotalMinor", "discountMinor", "taxMinor",
    "taxesIncluded", "refundedMinor", "netMinor", "countsTowardShopTotals", "countsTowardCustomerAnalytics", "source", "createdAt", "updatedAt")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'JPY', 'JPY', ?, ?, ?, 0, ?, 1, 0, ?, ?, ?, ?, ?, ?)`;

export function orderValues(order: GeneratedOrder): (string | number | null)[] {
  const placed = toStoredDateTime(order.placedAt);
  const stored = toStoredDateTime(order.storedAt);
  const counts = order.cancelled ? 0 : 1;
  const total = order.totalMinor;
  return [
    order.id,
    GENERATED_SHOP,
    order.orderGid,
    order.name,
    order.customerGid,
    placed,
    placed,
    placed,
    order.cancelled ? placed : null,
    total,
    total,
    total,
    Math.floor(total / 11),
    total,
    counts,
    counts,
    order.source,
    stored,
    stored,
  ];
}

/**
 * Writes the shop, its customers and exactly `orders` orders (each customer at least one) into the
 * migrated SQLite database at `path`, as of `now`.
 */
export function writeGeneratedShop(path: string, options: { customers: number; orders: number; now: Date }): void {
  const { customers, orders } = options;
  const now = options.now.getTime();
  const random = createRandom(2026);
  const generated = generateOrders(customers, orders, now, random);
  const byPlacedAt = new Int32Array(orders).map((_, index) => index).sort((a, b) => (generated.placedAt[a] as number) - (generated.placedAt[b] as number));

  const database = new DatabaseSync(path);
  database.exec("PRAGMA journal_mode = WAL");
  const nowText = toStoredDateTime(now);
  database
    .prepare(`INSERT INTO "Shop" ("id", "domain", "name", "currencyCode", "ianaTimezone", "grantedScopes", "installedAt", "updatedAt") VALUES ('bench', ?, 'Bench', 'JPY', ?, '', ?, ?)`)
    .run(GENERATED_SHOP, GENERATED_TIME_ZONE, nowText, nowText);
  // Installed: ingestion marks changed customers for the metafield sync only for a shop with a token.
  database
    .prepare(`INSERT INTO "Session" ("id", "shop", "state", "isOnline", "accessToken") VALUES (?, ?, '', 0, 'bench-token')`)
    .run(`offline_${GENERATED_SHOP}`, GENERATED_SHOP);
  const insertCustomer = database.prepare(
    `INSERT INTO "Customer" ("id", "shop", "customerGid", "firstName", "lastName", "email", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertOrder = database.prepare(INSERT_ORDER_SQL);
  const inTransactions = (count: number, write: (index: number) => void) => {
    for (let first = 0; first < count; first += ROWS_PER_TRANSACTION) {
      database.exec("BEGIN");
      for (let index = first; index < Math.min(count, first + ROWS_PER_TRANSACTION); index += 1) write(index);
      database.exec("COMMIT");
    }
  };
  inTransactions(customers, (index) =>
    insertCustomer.run(
      `customer-${index}`,
      GENERATED_SHOP,
      customerGidOf(index),
      FIRST_NAMES[index % 10] as string,
      LAST_NAMES[Math.floor(index / 10) % 10] as string,
      `customer${index + 1}@example.jp`,
      nowText,
      nowText,
    ),
  );
  inTransactions(orders, (position) => {
    const order = byPlacedAt[position] as number;
    insertOrder.run(
      ...orderValues({
        id: `order-${position}`,
        orderGid: `gid://shopify/Order/${position + 1}`,
        name: `#${position + 1001}`,
        customerGid: customerGidOf(generated.customerIndex[order] as number),
        placedAt: generated.placedAt[order] as number,
        cancelled: random() < CANCELLED_SHARE,
        totalMinor: generated.totalMinor[order] as number,
        source: "backfill",
        storedAt: now,
      }),
    );
  });
  database.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  database.close();
}
