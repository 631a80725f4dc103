// The history backfill end to end (product.md §1, docs/decisions/010): the built app installs on a
// simulated store, loads its history through bulk operations, merges live webhooks without counting
// anything twice, honours a missing read_all_orders and waits out throttling.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalDateReader, findStartOfNextLocalDay } from "../../app/domain/analytics/shop-calendar.ts";
import { startSimulator, type Simulator } from "../simulator/server.ts";
import type { SimOrder } from "../simulator/shop/state.ts";
import { reservePort, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app.ts";
import {
  countedNetRevenue,
  exchangeOfflineToken,
  expectedShopRows,
  homeData,
  latestRun,
  openHome,
  storedShopRows,
  testAdminGraphql,
  waitFor,
  waitForDrainedQueue,
  waitForFinishedBackfill,
} from "../support/backfill.ts";
import { BROWSER_USER_AGENT } from "../support/browser-agent.ts";
import { openPatientDatabase, type PatientDatabase } from "../support/database.ts";
import { SimulatorClient } from "../support/simulator.ts";

const DAY_MS = 86_400_000;

let simulator: Simulator;
let shopify: SimulatorClient;
let app: RunningApp;
let db: PatientDatabase;

beforeAll(async () => {
  const port = await reservePort();
  simulator = await startSimulator({ apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, appUrl: `http://127.0.0.1:${port}`, webhookRetryDelaysMs: [50, 100, 200, 400, 800, 1600, 3200, 6400] });
  shopify = new SimulatorClient(simulator.origin);
  app = await startApp({ port, adminOrigin: simulator.origin });
  db = openPatientDatabase(app.databaseUrl);
});

afterAll(async () => {
  db?.close();
  await app?.close();
  await simulator?.close();
});

/** Paid orders in the shop's own currency, old enough to be in any export, that a test may change. */
function oldPaidOrders(orders: readonly SimOrder[]): SimOrder[] {
  return orders.filter(
    (order) => order.financialStatus === "paid" && order.presentmentCurrencyCode === order.currencyCode && !order.test && order.cancelledAt === null && order.lineItems.length > 0,
  );
}

describe("the history backfill", () => {
  it("loads every order, line item, refund and customer of the store, merged with webhooks that arrive meanwhile", async () => {
    // GIVEN a store with two years of history, whose webhooks Shopify holds back for a moment
    const shop = "backfill-full.myshopify.com";
    await shopify.seedShop({ shop, customers: 1500, seed: 31 });
    const before = await shopify.shopRecords(shop);
    const changeable = oldPaidOrders(before.orders);
    // The export lists orders oldest first: these three are merged last, these two first.
    const [refundedLate, updatedLate, cancelledLate] = changeable.slice(-3);
    const [updatedEarly, refundedEarly] = changeable.slice(0, 2);
    const returningCustomer = before.customers.find((customer) => customer.orderIds.length > 0)!;
    await shopify.configureDeliveries({ paused: true });

    // WHEN the merchant opens Kizuna for the first time, and a guest orders while it starts
    await openHome(app, shopify, shop);
    await shopify.runCommand(shop, "placeOrder", { customerId: null, email: "guest-early@example.com", lines: [{ title: "Early bird", sku: "EARLY-1", unitPriceMinor: 3300, quantity: 1 }] });
    // AND, once Shopify has written both exports, the store changes
    await waitFor("both exports to be written", async () => {
      const finished = (await shopify.webhooks(shop)).filter((delivery) => delivery.topic === "bulk_operations/finish");
      return finished.length === 2;
    });
    await shopify.runCommand(shop, "placeOrder", { customerId: null, email: "guest-late@example.com", lines: [{ title: "Late bird", sku: "LATE-1", unitPriceMinor: 4400, quantity: 2 }] });
    await shopify.runCommand(shop, "placeOrder", { customerId: returningCustomer.id, lines: [{ title: "Refill", sku: "REFILL-1", unitPriceMinor: 2200, quantity: 1 }] });
    await shopify.runCommand(shop, "updateCustomer", { customerId: returningCustomer.id, note: "prefers evening delivery" });
    await shopify.runCommand(shop, "refundOrder", { orderId: refundedLate!.id, lines: [{ lineItemId: refundedLate!.lineItems[0]!.id, quantity: 1 }] });
    await shopify.runCommand(shop, "updateOrder", { orderId: updatedLate!.id, tags: ["gift"] });
    await shopify.runCommand(shop, "cancelOrder", { orderId: cancelledLate!.id, reason: "customer", refund: true });
    // AND those webhooks reach Kizuna before the news that the exports are ready, newest first
    await shopify.configureDeliveries({ reorder: "reverse", paused: false });
    await shopify.flushDeliveries();
    // AND more changes arrive once Kizuna is merging the export's older copy of the same orders
    await waitFor("the orders export to be merging", async () => {
      const result = await db.execute({ sql: "SELECT mergedThroughLine FROM BackfillExport WHERE shop = ? AND kind = 'orders'", args: [shop] });
      return Number(result.rows[0]?.mergedThroughLine ?? 0) > 0;
    });
    await shopify.runCommand(shop, "updateOrder", { orderId: updatedEarly!.id, note: "wrapped" });
    await shopify.runCommand(shop, "refundOrder", { orderId: refundedEarly!.id, lines: "all" });
    await shopify.flushDeliveries();

    // THEN the backfill completes and the app holds exactly the store's data
    const run = await waitForFinishedBackfill(db, shop);
    await waitForDrainedQueue(db);
    expect(run).toMatchObject({ status: "completed", ordersSince: null, errorCode: null });
    const expected = await expectedShopRows(shopify, shop, null);
    const stored = await storedShopRows(db, shop);
    expect(stored.orders).toHaveLength(before.orders.length + 3);
    expect(stored.orders).toEqual(expected.orders);
    expect(stored.lineItems).toEqual(expected.lineItems);
    expect(stored.refunds).toEqual(expected.refunds);
    expect(stored.customers).toEqual(expected.customers);
    expect(countedNetRevenue(stored.orders)).toBe(countedNetRevenue(expected.orders));
    // The webhooks of the late orders landed first (their rows come from them); the export's older
    // copies merged afterwards changed nothing.
    const sourceOf = async (orderGid: string) =>
      (await db.execute({ sql: `SELECT source FROM "Order" WHERE shop = ? AND orderGid = ?`, args: [shop, orderGid] })).rows[0]?.source;
    for (const order of [refundedLate!, updatedLate!, cancelledLate!]) expect(await sourceOf(order.id), order.name).toBe("webhook");
    for (const order of [updatedEarly!, refundedEarly!]) expect(await sourceOf(order.id), order.name).toBe("backfill");

    // AND Home shows the finished import, and asks Kizuna's analytics to recompute once
    const home = await homeData(app, shopify, shop);
    expect(home.backfill).toMatchObject({ status: "completed", phase: "completed", percent: 100, ordersSince: null, skippedRecords: 0, problem: null });
    expect(home.backfill!.ordersImported).toBe(home.backfill!.expectedOrders);
    expect(home.backfill!.customersImported).toBe(before.customers.length);
    const recomputes = await db.execute({ sql: "SELECT uniqueKey FROM Job WHERE shop = ? AND name = 'recomputeShop' AND uniqueKey LIKE 'backfill-%'", args: [shop] });
    expect(recomputes.rows.map((row) => row.uniqueKey)).toEqual([`backfill-${run.id}`]);
    // AND the staged JSONL is gone
    const staged = await db.execute({ sql: "SELECT COUNT(*) AS n FROM BackfillStagedLine WHERE shop = ?", args: [shop] });
    expect(Number(staged.rows[0]!.n)).toBe(0);
  }, 180_000);

  it("runs again when the merchant asks, and importing the same history twice changes nothing", async () => {
    const shop = "backfill-full.myshopify.com";
    const before = await storedShopRows(db, shop);
    const firstRun = await latestRun(db, shop);
    const response = await fetch(`${app.origin}/app?index&_data=routes%2Fapp._index`, {
      method: "POST",
      headers: { "User-Agent": BROWSER_USER_AGENT, Authorization: `Bearer ${await shopify.sessionToken(shop)}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: "intent=run-backfill",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ backfillRequest: "started" });
    const second = await waitForFinishedBackfill(db, shop);
    expect(second.id).not.toBe(firstRun!.id);
    expect(second.status).toBe("completed");
    expect(await storedShopRows(db, shop)).toEqual(before);
  }, 120_000);

  it("loads only the last 60 days of orders without read_all_orders, and Home says so", async () => {
    // GIVEN a store that has not granted Kizuna read_all_orders
    const shop = "backfill-recent.myshopify.com";
    await shopify.seedShop({ shop, customers: 300, seed: 32, withheldScopes: ["read_all_orders"] });

    // WHEN the merchant installs Kizuna
    await openHome(app, shopify, shop);
    const run = await waitForFinishedBackfill(db, shop);
    await waitForDrainedQueue(db);

    // THEN the backfill asked for orders created in the 60 days before it started, and got exactly those
    expect(run.status).toBe("completed");
    const since = new Date(String(run.ordersSince));
    expect(since.getTime()).toBe(new Date(String(run.startedAt)).getTime() - 60 * DAY_MS);
    const records = await shopify.shopRecords(shop);
    const recent = records.orders.filter((order) => Date.parse(order.createdAt) >= since.getTime());
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(records.orders.length);
    const expected = await expectedShopRows(shopify, shop, since);
    const stored = await storedShopRows(db, shop);
    expect(stored.orders).toEqual(expected.orders);
    expect(stored.lineItems).toEqual(expected.lineItems);
    expect(stored.refunds).toEqual(expected.refunds);
    expect(stored.customers).toEqual(expected.customers);

    // AND Home explains that only the last 60 days were loaded, and why
    const home = await homeData(app, shopify, shop);
    expect(home.backfill).toMatchObject({ status: "completed", ordersSince: since.toISOString(), ordersImported: recent.length, expectedOrders: recent.length });
    const page = await openHome(app, shopify, shop);
    expect(page).toContain("Only the last 60 days of orders were imported");
    expect(page).toContain("read_all_orders");
    const japanese = await openHome(app, shopify, shop, "ja");
    expect(japanese).toContain("直近60日分の注文のみ取り込みました");
  }, 120_000);

  it("waits while Shopify runs as many bulk operations as it allows, says so on Home, then finishes", async () => {
    // GIVEN a store where another app keeps five bulk operations running, Shopify's limit
    const shop = "backfill-busy.myshopify.com";
    await shopify.seedShop({ shop, customers: 100, seed: 34 });
    const otherAppToken = await exchangeOfflineToken(shopify, shop, TEST_API_KEY, TEST_API_SECRET);
    await shopify.holdBulkOperations(shop, true);
    for (let index = 0; index < 5; index += 1) {
      await testAdminGraphql(shopify, shop, otherAppToken, "mutation { bulkOperationRunQuery(query: \"{ customers { edges { node { id } } } }\") { userErrors { code } } }");
    }

    // WHEN the merchant installs Kizuna
    await openHome(app, shopify, shop);

    // THEN the backfill waits and Home tells the merchant why
    const waiting = await waitFor("the backfill to report Shopify's limit", async () => {
      const home = await homeData(app, shopify, shop);
      return home.backfill?.problem === "BULK_LIMIT_REACHED" ? home.backfill : null;
    });
    expect(waiting).toMatchObject({ status: "running", phase: "starting" });
    expect(await openHome(app, shopify, shop)).toContain("Shopify is busy with other exports for your store");

    // AND once the other operations end, it loads the store and clears the notice
    await shopify.holdBulkOperations(shop, false);
    const run = await waitForFinishedBackfill(db, shop);
    expect(run).toMatchObject({ status: "completed", errorCode: null });
    const expected = await expectedShopRows(shopify, shop, null);
    expect((await storedShopRows(db, shop)).orders).toEqual(expected.orders);
  }, 120_000);

  it("stops with the reason on Home when Shopify cancels an export, and loads the store when the merchant runs it again", async () => {
    // GIVEN a store whose exports Shopify is still writing when the merchant installs Kizuna
    const shop = "backfill-canceled.myshopify.com";
    await shopify.seedShop({ shop, customers: 100, seed: 35 });
    await shopify.holdBulkOperations(shop, true);
    await openHome(app, shopify, shop);
    const ordersOperation = await waitFor("the orders export to start", async () => {
      const result = await db.execute({ sql: "SELECT bulkOperationGid FROM BackfillExport WHERE shop = ? AND kind = 'orders'", args: [shop] });
      return result.rows[0]?.bulkOperationGid as string | null;
    });
    expect((await homeData(app, shopify, shop)).backfill).toMatchObject({ status: "running", phase: "exporting" });

    // WHEN the orders export is cancelled (as a merchant or Shopify support can) and Shopify ends it
    const otherToken = await exchangeOfflineToken(shopify, shop, TEST_API_KEY, TEST_API_SECRET);
    await testAdminGraphql(shopify, shop, otherToken, `mutation { bulkOperationCancel(id: "${ordersOperation}") { userErrors { message } } }`);
    await shopify.holdBulkOperations(shop, false);

    // THEN the backfill stops and Home says why, in English and Japanese
    const failed = await waitForFinishedBackfill(db, shop);
    expect(failed).toMatchObject({ status: "failed", errorCode: "EXPORT_FAILED" });
    expect((await homeData(app, shopify, shop)).backfill).toMatchObject({ status: "failed", phase: "failed", problem: "EXPORT_FAILED" });
    expect(await openHome(app, shopify, shop)).toContain("Shopify could not prepare your store&#x27;s data. Run the import again.");
    expect(await openHome(app, shopify, shop, "ja")).toContain("Shopify でストアのデータを準備できませんでした。");

    // AND running it again loads the whole store
    const response = await fetch(`${app.origin}/app?index&_data=routes%2Fapp._index`, {
      method: "POST",
      headers: { "User-Agent": BROWSER_USER_AGENT, Authorization: `Bearer ${await shopify.sessionToken(shop)}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: "intent=run-backfill",
    });
    expect(await response.json()).toEqual({ backfillRequest: "started" });
    const rerun = await waitForFinishedBackfill(db, shop);
    expect(rerun.status).toBe("completed");
    const expected = await expectedShopRows(shopify, shop, null);
    const stored = await storedShopRows(db, shop);
    expect(stored.orders).toEqual(expected.orders);
    expect(stored.lineItems).toEqual(expected.lineItems);
  }, 120_000);

  it("starts the store's analytics at install, follows the import on Home, and recomputes at the shop's next midnight", async () => {
    // GIVEN a store in New York whose exports Shopify is still writing
    const shop = "backfill-analytics.myshopify.com";
    const timeZone = "America/New_York";
    await shopify.seedShop({ shop, customers: 40, seed: 34, ianaTimezone: timeZone });
    await shopify.holdBulkOperations(shop, true);
    const recomputes = async () =>
      (await db.execute({ sql: "SELECT uniqueKey, status, runAt FROM Job WHERE shop = ? AND name = 'recomputeShop' ORDER BY uniqueKey", args: [shop] })).rows.map((row) => ({
        uniqueKey: String(row.uniqueKey),
        status: String(row.status),
        runAt: new Date(String(row.runAt)).toISOString(),
      }));

    // WHEN the merchant installs Kizuna
    await openHome(app, shopify, shop);

    // THEN today's recompute runs at once, before any order is in, and Home keeps following the
    // import rather than telling the merchant the store has no orders
    await waitFor("the install's recompute", async () => (await recomputes()).some((job) => job.uniqueKey.startsWith("start-") && job.status === "done"));
    expect(await homeData(app, shopify, shop)).toMatchObject({ backfill: { status: "running" }, dashboard: { status: "noCustomers" }, analyticsUpdating: true });
    // AND with no customer to send yet, Settings lists no sync to Shopify
    const syncRuns = await db.execute({ sql: "SELECT COUNT(*) AS n FROM SyncRun WHERE shop = ?", args: [shop] });
    expect(Number(syncRuns.rows[0]!.n)).toBe(0);

    // AND once the history is imported and recomputed, Home shows the dashboard and stops following
    await shopify.holdBulkOperations(shop, false);
    const run = await waitForFinishedBackfill(db, shop);
    await waitForDrainedQueue(db);
    expect(await homeData(app, shopify, shop)).toMatchObject({ backfill: { status: "completed" }, dashboard: { status: "ready" }, analyticsUpdating: false });

    // AND the next recompute waits for midnight in New York, with or without a new order
    const installed = await db.execute({ sql: "SELECT installedAt FROM Shop WHERE domain = ?", args: [shop] });
    const installedAt = new Date(String(installed.rows[0]!.installedAt));
    const midnight = findStartOfNextLocalDay(timeZone, installedAt);
    const localDateOf = createLocalDateReader(timeZone);
    expect(await recomputes()).toEqual([
      { uniqueKey: `backfill-${run.id}`, status: "done", runAt: expect.any(String) },
      { uniqueKey: `daily-${localDateOf(midnight)}`, status: "pending", runAt: midnight.toISOString() },
      { uniqueKey: `start-${localDateOf(installedAt)}`, status: "done", runAt: expect.any(String) },
    ]);
  }, 120_000);

  it("waits out Admin API throttling and still loads the whole store", async () => {
    // GIVEN a store whose Admin API bucket holds only enough for the install's first query
    const shop = "backfill-throttled.myshopify.com";
    await shopify.seedShop({ shop, customers: 100, seed: 33 });
    await shopify.setThrottle({ shop, maximumAvailable: 40, currentlyAvailable: 3, restoreRate: 5 });

    // WHEN the merchant installs Kizuna
    await openHome(app, shopify, shop);
    const run = await waitForFinishedBackfill(db, shop);
    await waitForDrainedQueue(db);

    // THEN Shopify throttled the backfill's calls, each was tried again once the bucket had refilled,
    // and the import is complete
    const calls = await shopify.calls(shop);
    // The install's metafield definitions are the sync's calls, retried on their own schedule.
    const backfillCalls = calls.filter((call) => call.operationName !== "ShopProfile" && !call.operationName?.includes("MetafieldDefinition"));
    expect(backfillCalls.some((call) => call.outcome === "throttled")).toBe(true);
    for (const [index, call] of backfillCalls.entries()) {
      if (call.outcome !== "throttled") continue;
      const retry = backfillCalls.slice(index + 1).find((later) => later.operationName === call.operationName && JSON.stringify(later.variables) === JSON.stringify(call.variables));
      expect(retry, `a retry of ${call.operationName}`).toBeDefined();
    }
    expect(run.status).toBe("completed");
    const expected = await expectedShopRows(shopify, shop, null);
    const stored = await storedShopRows(db, shop);
    expect(stored.orders).toEqual(expected.orders);
    expect(stored.customers).toEqual(expected.customers);
  }, 120_000);
});
