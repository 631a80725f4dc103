// Customer analytics in the running app: signed order and refund webhooks, the ingestion job that
// updates the customer's analytics in its own transaction, and the recompute jobs the worker runs.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "@libsql/client";
import { DEFAULT_RANK_POLICY } from "../../app/domain/analytics/ranks/default-rank-policy.ts";
import { startApp, type RunningApp } from "../support/app.ts";
import { openDatabase } from "../support/database.ts";
import { deliverWebhook } from "../support/webhooks.ts";
import { customerGid, orderBody, orderGid, refundBody, refundGid, type OrderBody } from "./analytics-payloads.ts";

const SHOP = "analytics-http.myshopify.com";
const OTHER_SHOP = "analytics-http-other.myshopify.com";
const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

let app: RunningApp;
let db: Client;

// The test reads the app's SQLite file from another process; a read that meets the app's commit is
// refused at once (libsql sets no busy timeout), so it is asked again.
async function query(sql: string, ...args: (string | number)[]) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return (await db.execute({ sql, args })).rows.map((row) => ({ ...row }));
    } catch (error) {
      if (attempt >= 20 || !String(error).includes("database is locked")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

async function installShop(shop: string): Promise<void> {
  await query(
    "INSERT INTO Shop (id, domain, name, currencyCode, ianaTimezone, grantedScopes, installedAt, updatedAt) VALUES (?, ?, 'Test', 'JPY', 'Asia/Tokyo', 'read_orders', ?, ?)",
    randomUUID(),
    shop,
    Date.now(),
    Date.now(),
  );
}

/** Delivers one signed webhook and returns its event key, which names its ingestion job. */
async function deliver(shop: string, topic: string, body: string): Promise<string> {
  const eventId = randomUUID();
  const response = await deliverWebhook(app.origin, app.apiSecret, { topic, shop, body, eventId });
  expect(response.status, topic).toBe(200);
  return eventId;
}

async function waitUntil<T>(read: () => Promise<T | null | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const value = await read();
    if (value !== null && value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} did not happen within 30 s`);
}

/** Waits for the ingestion job of the event to finish, and returns its status. */
async function ingestionOf(shop: string, eventKey: string): Promise<string> {
  return waitUntil(async () => {
    const [row] = await query(
      "SELECT j.status FROM Job j JOIN WebhookEvent w ON j.shop = w.shop AND j.uniqueKey = w.id WHERE w.shop = ? AND w.eventKey = ? AND j.status IN ('done', 'failed')",
      shop,
      eventKey,
    );
    return row?.status as string | undefined;
  }, `the ingestion of ${eventKey}`);
}

async function placeOrder(shop: string, order: OrderBody): Promise<void> {
  expect(await ingestionOf(shop, await deliver(shop, "orders/create", orderBody(order)))).toBe("done");
}

async function waitForDueJobs(shop: string): Promise<void> {
  await waitUntil(async () => {
    const [row] = await query("SELECT COUNT(*) AS n FROM Job WHERE shop = ? AND status IN ('pending', 'running') AND runAt <= ?", shop, new Date().toISOString());
    return Number(row!.n) === 0 ? true : null;
  }, "draining the due jobs");
}

async function analyticsRow(shop: string, customerId: number) {
  const [row] = await query("SELECT * FROM CustomerAnalytics WHERE shop = ? AND customerGid = ?", shop, customerGid(customerId));
  return row;
}

beforeAll(async () => {
  app = await startApp();
  db = openDatabase(app.databaseUrl);
  await installShop(SHOP);
  await installShop(OTHER_SHOP);
});

afterAll(async () => {
  db?.close();
  await app?.close();
});

describe("customer analytics in the running app", () => {
  it("starts a shop's analytics with its first order: a recompute now and one at the shop's next midnight", async () => {
    await placeOrder(SHOP, { orderId: 1, customerId: 1, processedAt: daysAgo(40), totalYen: 5000 });
    await waitForDueJobs(SHOP);
    const jobs = await query("SELECT uniqueKey, status, runAt FROM Job WHERE shop = ? AND name = 'recomputeShop' ORDER BY uniqueKey", SHOP);
    expect(jobs.map((job) => [String(job.uniqueKey).split("-")[0], job.status])).toEqual([
      ["daily", "pending"],
      ["start", "done"],
    ]);
    // the next midnight in Tokyo is 15:00 UTC
    expect(String(jobs[0]!.runAt)).toMatch(/T15:00:00\.000\+00:00$/);
    const [summary] = await query("SELECT timeZone, customerCount, kpis IS NOT NULL AS hasKpis FROM ShopAnalytics WHERE shop = ?", SHOP);
    expect(summary).toEqual({ timeZone: "Asia/Tokyo", customerCount: 1, hasKpis: 1 });
    expect(await analyticsRow(SHOP, 1)).toMatchObject({ orderCount: 1, rankKey: "regular", recencyDays: 40, segment: expect.any(String) });
    // a later first-time buyer is scored on the stored scale at once, and starts nothing more
    await placeOrder(SHOP, { orderId: 2, customerId: 2, processedAt: daysAgo(3), totalYen: 2000 });
    expect(await analyticsRow(SHOP, 2)).toMatchObject({ orderCount: 1, recencyDays: 3, segment: expect.any(String) });
    expect(await query("SELECT COUNT(*) AS n FROM Job WHERE shop = ? AND name = 'recomputeShop'", SHOP)).toEqual([{ n: 2 }]);
  });

  it("updates the customer's rank and segment before the order's ingestion job completes", async () => {
    const recomputesBefore = await query("SELECT COUNT(*) AS n FROM Job WHERE shop = ? AND name = 'recomputeShop' AND status != 'pending'", SHOP);
    const before = await analyticsRow(SHOP, 1);
    // WHEN customer 1 orders a second time
    const eventKey = await deliver(SHOP, "orders/create", orderBody({ orderId: 3, customerId: 1, processedAt: daysAgo(1), totalYen: 7000 }));
    // THEN once its ingestion job is done, the row is current, without any recompute having run
    expect(await ingestionOf(SHOP, eventKey)).toBe("done");
    const after = await analyticsRow(SHOP, 1);
    expect(after).toMatchObject({ orderCount: 2, netSpendMinor: 12_000, recencyDays: 1, rankKey: "silver", rankPolicyVersion: 1 });
    expect(after!.segment).not.toBeNull();
    expect(Number(after!.revision)).toBe(Number(before!.revision) + 1);
    expect(await query("SELECT COUNT(*) AS n FROM Job WHERE shop = ? AND name = 'recomputeShop' AND status != 'pending'", SHOP)).toEqual(recomputesBefore);
    const changes = await query("SELECT fromRankKey, toRankKey, reason, policyVersion, triggerGid, evidenceOrders FROM RankChange WHERE shop = ? AND customerGid = ?", SHOP, customerGid(1));
    expect(changes).toMatchObject([{ fromRankKey: "regular", toRankKey: "silver", reason: "threshold_reached", policyVersion: 1, triggerGid: orderGid(3) }]);
    expect(JSON.parse(String(changes[0]!.evidenceOrders)).map((order: { orderGid: string }) => order.orderGid)).toEqual([orderGid(1), orderGid(3)]);
  });

  it("takes the rank away when a refund leaves too few orders and the rules say at once", async () => {
    // GIVEN the other shop's rules downgrade at once on refunds (saved here as the rank editor will)
    const policy = { ...DEFAULT_RANK_POLICY, version: 1, refundDowngrade: "immediate" };
    await query("INSERT INTO RankPolicy (id, shop, version, policy, active, createdAt) VALUES (?, ?, 1, ?, 1, ?)", randomUUID(), OTHER_SHOP, JSON.stringify(policy), new Date().toISOString());
    await placeOrder(OTHER_SHOP, { orderId: 10, customerId: 1, processedAt: daysAgo(20), totalYen: 3000 });
    await placeOrder(OTHER_SHOP, { orderId: 11, customerId: 1, processedAt: daysAgo(2), totalYen: 4000 });
    expect(await analyticsRow(OTHER_SHOP, 1)).toMatchObject({ rankKey: "silver", orderCount: 2 });
    // WHEN the second order is refunded in full
    const eventKey = await deliver(OTHER_SHOP, "refunds/create", refundBody({ refundId: 500, orderId: 11, createdAt: daysAgo(1), amountYen: 4000 }));
    expect(await ingestionOf(OTHER_SHOP, eventKey)).toBe("done");
    // THEN a refunded order is no order: back to regular, with the refund on record
    expect(await analyticsRow(OTHER_SHOP, 1)).toMatchObject({ rankKey: "regular", netSpendMinor: 3000, nextRankKey: "silver", nextRankGapOrders: 1 });
    const [downgrade] = await query("SELECT toRankKey, reason, triggerGid, refundGids FROM RankChange WHERE shop = ? AND direction = 'down'", OTHER_SHOP);
    expect(downgrade).toMatchObject({ toRankKey: "regular", reason: "refund_or_cancellation", triggerGid: refundGid(500), refundGids: JSON.stringify([refundGid(500)]) });
  });

  it("keeps each shop's analytics to itself", async () => {
    // customer 1 exists in both shops with different orders
    expect(await analyticsRow(SHOP, 1)).toMatchObject({ netSpendMinor: 12_000 });
    expect(await analyticsRow(OTHER_SHOP, 1)).toMatchObject({ netSpendMinor: 3000 });
    expect(await query("SELECT DISTINCT shop FROM RankChange WHERE customerGid = ? ORDER BY shop", customerGid(1))).toEqual([{ shop: OTHER_SHOP }, { shop: SHOP }]);
    const [policies] = await query("SELECT COUNT(*) AS n FROM RankPolicy WHERE shop = ? AND policy LIKE '%immediate%'", SHOP);
    expect(policies).toEqual({ n: 0 });
  });

  it("runs the daily recompute when it falls due, and schedules the next day's", async () => {
    const [daily] = await query("SELECT id, uniqueKey FROM Job WHERE shop = ? AND uniqueKey LIKE 'daily-%' AND status = 'pending'", SHOP);
    const scheduledOn = String(daily!.uniqueKey).slice("daily-".length);
    // the worker cannot be made to wait for midnight, so the job is made due now
    await query("UPDATE Job SET runAt = ? WHERE id = ?", new Date().toISOString().replace("Z", "+00:00"), String(daily!.id));
    await waitForDueJobs(SHOP);
    const jobs = await query("SELECT uniqueKey, status FROM Job WHERE shop = ? AND uniqueKey LIKE 'daily-%' ORDER BY uniqueKey", SHOP);
    const nextOn = new Date(Date.parse(`${scheduledOn}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    expect(jobs).toEqual([
      { uniqueKey: `daily-${scheduledOn}`, status: "done" },
      { uniqueKey: `daily-${nextOn}`, status: "pending" },
    ]);
    const [snapshots] = await query("SELECT COUNT(*) AS n FROM AnalyticsSnapshot WHERE shop = ?", SHOP);
    expect(snapshots).toEqual({ n: 1 });
  });
});
