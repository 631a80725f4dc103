import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "@libsql/client";
import { startApp, type RunningApp } from "../support/app.ts";
import { openDatabase } from "../support/database.ts";
import { deliverWebhook } from "../support/webhooks.ts";

const SHOP = "ingestion-test.myshopify.com";
const FIXTURES = join(import.meta.dirname, "../../../shared/fixtures/shopify-webhooks");
const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");

// Every documented order, refund and customer payload; the topic is the file name up to the first
// dot, with its first "-" as the "/" (customers_email_marketing_consent-update → …/update).
const INGESTED = /^(orders|refunds|customers|customers_email_marketing_consent)-(create|updated|delete|update)\./;
const deliveries = readdirSync(FIXTURES)
  .filter((name) => INGESTED.test(name))
  .sort()
  .map((name) => ({ topic: name.slice(0, name.indexOf(".")).replace("-", "/"), body: fixture(name) }));

const ORDER_CUSTOMER_ID = "115310627314723954";
const ORDER_GID = "gid://shopify/Order/820982911946154508";

type Running = { app: RunningApp; db: ReturnType<typeof patientReader> };

// The test reads the app's SQLite file from another process; a read that meets the app's commit
// is refused at once (libsql sets no busy timeout), so it is simply asked again.
function patientReader(client: Client): Pick<Client, "execute"> & { close: () => void } {
  const execute = async (statement: Parameters<Client["execute"]>[0]) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await client.execute(statement);
      } catch (error) {
        if (attempt >= 20 || !String(error).includes("database is locked")) throw error;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
  };
  return { execute: execute as Client["execute"], close: () => client.close() };
}
let inOrder: Running;
let reversed: Running;

async function start(): Promise<Running> {
  const app = await startApp();
  const db = patientReader(openDatabase(app.databaseUrl));
  await db.execute({
    sql: "INSERT INTO Shop (id, domain, name, currencyCode, ianaTimezone, grantedScopes, installedAt, updatedAt) VALUES ('shop-1', ?, 'Test', 'USD', 'UTC', 'read_orders', ?, ?)",
    args: [SHOP, Date.now(), Date.now()],
  });
  return { app, db };
}

async function deliver({ app }: Running, topic: string, body: string): Promise<void> {
  const response = await deliverWebhook(app.origin, app.apiSecret, { topic, shop: SHOP, body });
  expect(response.status, topic).toBe(200);
}

async function waitForDrainedQueue({ db }: Running): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    // Prisma stores DateTime as ISO text; jobs due later (redactShop) do not hold the test up.
    const result = await db.execute({ sql: "SELECT COUNT(*) AS n FROM Job WHERE status IN ('pending', 'running') AND runAt <= ?", args: [new Date().toISOString()] });
    if (Number(result.rows[0]!.n) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the job queue did not drain within 30 s");
}

async function count({ db }: Running, table: string, where = "shop = ?"): Promise<number> {
  const result = await db.execute({ sql: `SELECT COUNT(*) AS n FROM "${table}" WHERE ${where}`, args: [SHOP] });
  return Number(result.rows[0]!.n);
}

// Everything but row ids and bookkeeping timestamps; deletedAt is the processing time, so only its presence counts.
async function storedRows({ db }: Running) {
  const query = async (sql: string) => (await db.execute({ sql, args: [SHOP] })).rows.map((row) => ({ ...row }));
  return {
    orders: await query(
      `SELECT orderGid, name, customerGid, placedAt, shopifyUpdatedAt, processedAt, cancelledAt, test, financialStatus, currency, presentmentCurrency,
        totalMinor, presentmentTotalMinor, subtotalMinor, discountMinor, taxMinor, taxesIncluded, refundedMinor, netMinor,
        countsTowardShopTotals, countsTowardCustomerAnalytics, source FROM "Order" WHERE shop = ? ORDER BY orderGid`,
    ),
    lineItems: await query(
      "SELECT orderGid, position, lineItemGid, productGid, variantGid, title, quantity, priceMinor, discountMinor FROM OrderLineItem WHERE shop = ? ORDER BY orderGid, position",
    ),
    refunds: await query("SELECT refundGid, orderGid, refundedAt, amountMinor, presentmentAmountMinor FROM Refund WHERE shop = ? ORDER BY refundGid"),
    customers: await query(
      `SELECT customerGid, firstName, lastName, email, emailMarketingState, emailMarketingOptInLevel, emailConsentUpdatedAt,
        shopifyCreatedAt, shopifyUpdatedAt, deletedAt IS NOT NULL AS deleted FROM Customer WHERE shop = ? ORDER BY customerGid`,
    ),
  };
}

beforeAll(async () => {
  [inOrder, reversed] = await Promise.all([start(), start()]);
});

afterAll(async () => {
  for (const running of [inOrder, reversed]) {
    running?.db.close();
    await running?.app.close();
  }
});

describe("webhook ingestion in the running app", () => {
  it("stores the same orders, refunds and customers whatever the order and repetition of deliveries", async () => {
    // GIVEN every fixture once in order to one app, and three times in reverse order to another
    expect(deliveries.map((delivery) => delivery.topic)).toEqual([
      "customers/create",
      "customers/create",
      "customers/delete",
      "customers_email_marketing_consent/update",
      "orders/create",
      "refunds/create",
    ]);
    for (const { topic, body } of deliveries) await deliver(inOrder, topic, body);
    for (let round = 0; round < 3; round += 1) {
      for (const { topic, body } of [...deliveries].reverse()) await deliver(reversed, topic, body);
    }
    // WHEN both queues are drained
    await Promise.all([waitForDrainedQueue(inOrder), waitForDrainedQueue(reversed)]);
    // THEN both databases hold the same rows
    const expected = await storedRows(inOrder);
    expect(expected.orders.map((order) => [order.orderGid, order.netMinor])).toEqual([[ORDER_GID, 40495]]);
    expect(expected.lineItems).toHaveLength(5);
    expect(expected.refunds.map((refund) => [refund.refundGid, refund.amountMinor])).toEqual([["gid://shopify/Refund/890088186047892319", 8500]]);
    expect(expected.customers.map((customer) => [customer.customerGid, customer.email, customer.emailMarketingState, customer.deleted])).toEqual([
      ["gid://shopify/Customer/706405506930370000", null, "not_subscribed", 0],
      ["gid://shopify/Customer/706405506930370084", null, null, 1],
    ]);
    expect(await storedRows(reversed)).toEqual(expected);
    expect(await count(reversed, "Job", "shop = ? AND status = 'done'")).toBe(3 * deliveries.length);
  });

  it("exports the customer's orders for customers/data_request", async () => {
    const request = fixture("customers-data_request.docs-example.2026-04.json").replace('"id": 191167', `"id": ${ORDER_CUSTOMER_ID}`);
    await deliver(inOrder, "customers/data_request", request);
    await waitForDrainedQueue(inOrder);
    const exports = await inOrder.db.execute({ sql: "SELECT customerGid, content FROM DataRequestExport WHERE shop = ?", args: [SHOP] });
    expect(exports.rows.map((row) => row.customerGid)).toEqual([`gid://shopify/Customer/${ORDER_CUSTOMER_ID}`]);
    const content = JSON.parse(String(exports.rows[0]!.content)) as { orders: { orderGid: string; netMinor: number }[] };
    expect(content.orders.map((order) => [order.orderGid, order.netMinor])).toEqual([[ORDER_GID, 40495]]);
  });

  it("erases the customer's orders, exports and events for customers/redact", async () => {
    const request = fixture("customers-redact.docs-example.2026-04.json").replace('"id": 191167', `"id": ${ORDER_CUSTOMER_ID}`);
    await deliver(inOrder, "customers/redact", request);
    await waitForDrainedQueue(inOrder);
    expect(await count(inOrder, "Order")).toBe(0);
    expect(await count(inOrder, "OrderLineItem")).toBe(0);
    expect(await count(inOrder, "DataRequestExport")).toBe(0);
    expect(await count(inOrder, "WebhookEvent", `shop = ? AND payload LIKE '%${ORDER_CUSTOMER_ID}%'`)).toBe(0);
    expect(await count(inOrder, "WebhookEvent", "shop = ? AND topic = 'customers/delete'")).toBe(1);
    // The rounded order id of the documented refund names another order, which stays.
    expect(await count(inOrder, "Refund")).toBe(1);
  });

  it("fails a job terminally and writes no order for JSON that is not an order", async () => {
    await deliver(reversed, "orders/create", '{"id":1}');
    await waitForDrainedQueue(reversed);
    const failed = await reversed.db.execute({ sql: "SELECT lastError, attempts FROM Job WHERE shop = ? AND status = 'failed'", args: [SHOP] });
    expect(failed.rows.map((row) => ({ ...row }))).toEqual([
      { lastError: 'TerminalJobError: orders/create payload unreadable: UNEXPECTED_SHAPE at "admin_graphql_api_id"', attempts: 1 },
    ]);
    expect(await count(reversed, "Order")).toBe(1);
  });

  it("empties every table of the shop for shop/redact", async () => {
    await deliver(reversed, "shop/redact", fixture("shop-redact.docs-example.2026-04.json"));
    await waitForDrainedQueue(reversed);
    for (const table of ["Order", "OrderLineItem", "Refund", "Customer", "DataRequestExport", "WebhookEvent", "Session"]) {
      expect(await count(reversed, table), table).toBe(0);
    }
    expect(await count(reversed, "Shop", "domain = ?")).toBe(0);
    // Only the job that did the erasing is left, to show that it finished.
    const jobs = await reversed.db.execute({ sql: "SELECT name, status FROM Job WHERE shop = ?", args: [SHOP] });
    expect(jobs.rows.map((row) => ({ ...row }))).toEqual([{ name: "ingestWebhookEvent", status: "done" }]);
  });
});
