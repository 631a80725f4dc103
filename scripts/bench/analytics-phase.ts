// One measured phase of `npm run bench:analytics` (scripts/bench/analytics.ts), run in a process of
// its own so that its peak memory is its own: it prints one JSON line with its figures and the
// process's peak resident set size.
//
//   node scripts/bench/analytics-phase.ts <phase> <database path> <now ISO> [<customers> <orders>]
import { DatabaseSync } from "node:sqlite";
import { DuckDBInstance, DuckDBTimestampValue } from "@duckdb/node-api";
import { GENERATED_SHOP, INSERT_ORDER_SQL, customerGidOf, createRandom, orderValues, writeGeneratedShop } from "./generated-shop.ts";

const [phase, databasePath, nowIso, customersArgument, ordersArgument] = process.argv.slice(2) as [string, string, string, string?, string?];
const now = new Date(nowIso);
/** The shop-local as-of date (the generated shop is in Tokyo, nine hours ahead of UTC all year). */
const AS_ON = new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
const INCREMENTAL_ORDERS = 1000;

type Figures = Record<string, number | string>;

function report(figures: Figures): void {
  process.stdout.write(`${JSON.stringify({ ...figures, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
}

async function timed<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

/**
 * The per-customer aggregates of the recompute (orders, purchase days, first and last purchase day,
 * net spend, average order value, average repeat spend, recency, t_x and T in days) and NTILE(5)
 * R, F and M scores, as one statement. Written for SQLite; `dialect` swaps in DuckDB's date functions.
 */
function customerScoresSql(dialect: "sqlite" | "duckdb"): string {
  const localDay =
    dialect === "sqlite" ? `date("processedAt", '+9 hours')` : `CAST("processedAt" + INTERVAL 9 HOUR AS DATE)`;
  const days = (from: string, to: string) =>
    dialect === "sqlite" ? `CAST(julianday(${to}) - julianday(${from}) AS INTEGER)` : `(${to} - ${from})`;
  const asOn = dialect === "sqlite" ? `'${AS_ON}'` : `DATE '${AS_ON}'`;
  return `WITH purchase_days AS (
    SELECT "customerGid" AS customer, ${localDay} AS day, COUNT(*) AS orders, SUM("netMinor") AS net,
      ROW_NUMBER() OVER (PARTITION BY "customerGid" ORDER BY ${localDay}) AS nth
    FROM "Order"
    WHERE "shop" = '${GENERATED_SHOP}' AND "countsTowardCustomerAnalytics" AND "customerGid" IS NOT NULL AND ${localDay} <= ${asOn}
    GROUP BY "customerGid", ${localDay}
  ), customers AS (
    SELECT customer, SUM(orders) AS orders, COUNT(*) AS purchase_days, MIN(day) AS first_day, MAX(day) AS last_day,
      SUM(net) AS net_spend, SUM(CASE WHEN nth > 1 THEN net ELSE 0 END) AS repeat_net
    FROM purchase_days GROUP BY customer
  ), summaries AS (
    SELECT customer, orders, purchase_days, purchase_days - 1 AS frequency, first_day, last_day, net_spend,
      net_spend / orders AS average_order_value,
      CASE WHEN purchase_days > 1 THEN repeat_net / (purchase_days - 1) END AS average_repeat_spend,
      ${days("last_day", asOn)} AS recency_days, ${days("first_day", "last_day")} AS t_x_days, ${days("first_day", asOn)} AS t_days
    FROM customers
  )
  SELECT *, NTILE(5) OVER (ORDER BY recency_days DESC, customer) AS r, NTILE(5) OVER (ORDER BY frequency, customer) AS f,
    NTILE(5) OVER (ORDER BY net_spend, customer) AS m
  FROM summaries`;
}

async function generate(): Promise<void> {
  const [, ms] = await timed(() => writeGeneratedShop(databasePath, { customers: Number(customersArgument), orders: Number(ordersArgument), now }));
  report({ ms });
}

async function sqliteBaseline(): Promise<void> {
  const database = new DatabaseSync(databasePath, { readOnly: true });
  const [customers, ms] = await timed(() => {
    let count = 0;
    for (const row of database.prepare(customerScoresSql("sqlite")).iterate()) if (row) count += 1;
    return count;
  });
  database.close();
  report({ ms, customers });
}

async function duckdbBaseline(): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run(
    `CREATE TABLE "Order" ("shop" VARCHAR, "customerGid" VARCHAR, "processedAt" TIMESTAMP, "netMinor" BIGINT, "countsTowardCustomerAnalytics" BOOLEAN)`,
  );
  const [orders, loadMs] = await timed(async () => {
    const sqlite = new DatabaseSync(databasePath, { readOnly: true });
    const appender = await connection.createAppender("Order");
    let count = 0;
    for (const row of sqlite
      .prepare(`SELECT "shop", "customerGid", "processedAt", "netMinor", "countsTowardCustomerAnalytics" FROM "Order"`)
      .iterate() as Iterable<{ shop: string; customerGid: string | null; processedAt: string; netMinor: number; countsTowardCustomerAnalytics: number }>) {
      appender.appendVarchar(row.shop);
      if (row.customerGid === null) appender.appendNull();
      else appender.appendVarchar(row.customerGid);
      appender.appendTimestamp(new DuckDBTimestampValue(BigInt(Date.parse(row.processedAt)) * 1000n));
      appender.appendBigInt(BigInt(row.netMinor));
      appender.appendBoolean(row.countsTowardCustomerAnalytics === 1);
      appender.endRow();
      count += 1;
    }
    appender.closeSync();
    sqlite.close();
    return count;
  });
  const [customers, computeMs] = await timed(async () => (await connection.runAndReadAll(customerScoresSql("duckdb"))).currentRowCount);
  connection.closeSync();
  instance.closeSync();
  report({ loadMs, computeMs, orders, customers });
}

async function openApp() {
  Object.assign(process.env, { DATABASE_URL: `file:${databasePath}`, LOG_LEVEL: "warn" });
  return {
    ...(await import("../../app/services/analytics/recompute-shop.server.ts")),
    ...(await import("../../app/services/analytics/context.server.ts")),
    ...(await import("../../app/services/analytics/update-customers.server.ts")),
    ...(await import("../../app/models/analytics-customers.server.ts")),
    ...(await import("../../app/domain/analytics/customer-analytics.ts")),
    ...(await import("../../app/db.server.ts")),
  };
}

async function recompute(): Promise<void> {
  const app = await openApp();
  const [result, ms] = await timed(() => app.recomputeShopAnalytics(GENERATED_SHOP, now));
  await app.prisma.$disconnect();
  report({ ms, customers: result.customerCount, written: result.writtenCount, rankChanges: result.rankChangeCount });
}

/** The RFM scale and the BG/NBD and Gamma-Gamma fits on every customer's purchase summary. */
async function fit(): Promise<void> {
  const app = await openApp();
  const calendar = await app.loadShopCalendar(GENERATED_SHOP, now, app.prisma);
  const inputs = await app.loadShopCustomerInputs(GENERATED_SHOP, calendar, new Map());
  const summaries = inputs.flatMap((input) => app.summarizeCustomer(input.orders, calendar.asOn) ?? []);
  const [scoring, ms] = await timed(() => app.fitShopScoring(summaries));
  await app.prisma.$disconnect();
  report({ ms, customers: summaries.length, purchaseModel: scoring.model.purchases.method, spendModel: scoring.model.spend.method });
}

/**
 * New orders of existing customers and of new ones, each stored and then handed to the incremental
 * update in one transaction, as ingestion does; the update alone is timed.
 */
async function incremental(): Promise<void> {
  const app = await openApp();
  const random = createRandom(7);
  const customers = Number(customersArgument);
  const durations: number[] = [];
  for (let index = 0; index < INCREMENTAL_ORDERS; index += 1) {
    const customerGid = customerGidOf(index % 10 === 0 ? customers + index : Math.floor(random() * customers));
    const orderGid = `gid://shopify/Order/incremental-${index}`;
    const processedAt = new Date(now.getTime() - Math.floor(random() * 3_600_000));
    const total = 2000 + Math.floor(random() * 20_000);
    const order = {
      orderGid,
      name: `#I${index}`,
      customerGid,
      createdAt: processedAt,
      updatedAt: processedAt,
      processedAt,
      cancelledAt: null,
      test: false,
      financialStatus: "paid",
      currency: "JPY",
      presentmentCurrency: "JPY",
      totalMinor: total,
      presentmentTotalMinor: total,
      subtotalMinor: total,
      discountMinor: 0,
      taxMinor: Math.floor(total / 11),
      taxesIncluded: true,
      lineItems: [],
      refunds: [],
    };
    await app.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(
        INSERT_ORDER_SQL,
        ...orderValues({
          id: `incremental-${index}`,
          orderGid,
          name: order.name,
          customerGid,
          placedAt: processedAt.getTime(),
          cancelled: false,
          totalMinor: total,
          source: "webhook",
          storedAt: now.getTime(),
        }),
      );
      const started = performance.now();
      await app.updateAnalyticsForOrder(GENERATED_SHOP, null, order, orderGid, now, tx);
      durations.push(performance.now() - started);
    });
  }
  await app.prisma.$disconnect();
  durations.sort((a, b) => a - b);
  const at = (share: number) => durations[Math.min(durations.length - 1, Math.floor(share * durations.length))] as number;
  report({ orders: durations.length, medianMs: at(0.5), p95Ms: at(0.95), meanMs: durations.reduce((sum, ms) => sum + ms, 0) / durations.length });
}

const phases: Record<string, () => Promise<void>> = {
  generate,
  "sqlite-baseline": sqliteBaseline,
  "duckdb-baseline": duckdbBaseline,
  recompute,
  fit,
  incremental,
};
const run = phases[phase];
if (run === undefined) throw new Error(`unknown phase ${phase}; one of ${Object.keys(phases).join(", ")}`);
await run();
