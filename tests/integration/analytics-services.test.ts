// The analytics services on a real database, called as the jobs and (later) the pages call them, with
// orders arranged through the real ingestion of webhook events. The clock is the `now` argument.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prisma } from "../../app/db.server.ts";
import { exportCustomerData } from "../../app/models/customers.server.ts";
import { recordWebhookEvent } from "../../app/models/webhook-events.server.ts";
import { listRankPolicies, dryRunRankPolicyChange, saveRankPolicy } from "../../app/services/analytics/rank-policies.server.ts";
import { removeRankOverride, setRankOverride } from "../../app/services/analytics/rank-overrides.server.ts";
import {
  countCurrentRanks,
  getCustomerAnalytics,
  getRankMigration,
  getRfmGrid,
  getShopAnalytics,
  listAnalyticsHistory,
  listCustomers,
} from "../../app/services/analytics/read-analytics.server.ts";
import { recomputeShopAnalytics } from "../../app/services/analytics/recompute-shop.server.ts";
import { updateCustomerAnalytics } from "../../app/services/analytics/update-customers.server.ts";
import { runDailyRecompute, startShopAnalytics } from "../../app/services/analytics/schedule.server.ts";
import { ingestWebhookEvent } from "../../app/services/ingest-webhook.server.ts";
import { customerGid, orderBody, orderGid, refundBody, refundGid, type OrderBody } from "./analytics-payloads.ts";

const NOW = new Date("2026-06-15T03:00:00Z"); // 12:00 in Tokyo
const DAY_MS = 86_400_000;
const daysBefore = (days: number, at = NOW) => new Date(at.getTime() - days * DAY_MS);

let shopCounter = 0;
async function newShop(ianaTimezone = "Asia/Tokyo", prefix = "analytics"): Promise<string> {
  const shop = `${prefix}-${(shopCounter += 1)}.myshopify.com`;
  await prisma.shop.create({ data: { domain: shop, ianaTimezone, currencyCode: "JPY" } });
  return shop;
}

let eventCounter = 0;
async function ingest(shop: string, topic: string, body: string, now = NOW): Promise<void> {
  const id = await recordWebhookEvent({ shop, topic, eventKey: `analytics-event-${(eventCounter += 1)}`, webhookId: "w", apiVersion: "2026-10", triggeredAt: null, payload: body });
  await ingestWebhookEvent(shop, id, now);
}

const placeOrder = (shop: string, order: OrderBody, now = NOW) => ingest(shop, "orders/create", orderBody(order), now);

/** Every stored row of the shop without its bookkeeping (revision, computedAt, id). */
async function storedRows(shop: string) {
  return prisma.customerAnalytics.findMany({ where: { shop }, orderBy: { customerGid: "asc" }, omit: { id: true, revision: true, computedAt: true } });
}

async function storedRow(shop: string, customerId: number) {
  return prisma.customerAnalytics.findUniqueOrThrow({ where: { shop_customerGid: { shop, customerGid: customerGid(customerId) } } });
}

async function rankChanges(shop: string, customerId?: number) {
  return prisma.rankChange.findMany({ where: { shop, ...(customerId === undefined ? {} : { customerGid: customerGid(customerId) }) }, orderBy: { id: "asc" } });
}

/** Three customers: a five-order regular, a two-order one, a one-time buyer from last year, and a guest. */
async function arrangeThreeCustomers(shop: string): Promise<void> {
  for (const [index, days] of [200, 150, 90, 30, 5].entries()) await placeOrder(shop, { orderId: 1000 + index, customerId: 1, processedAt: daysBefore(days), totalYen: 8000 });
  await placeOrder(shop, { orderId: 2000, customerId: 2, processedAt: daysBefore(60), totalYen: 3000 });
  await placeOrder(shop, { orderId: 2001, customerId: 2, processedAt: daysBefore(20), totalYen: 5000 });
  await placeOrder(shop, { orderId: 3000, customerId: 3, processedAt: daysBefore(300), totalYen: 12000 });
  await placeOrder(shop, { orderId: 4000, customerId: null, processedAt: daysBefore(3), totalYen: 1500 });
}

describe("recomputeShopAnalytics", () => {
  it("stores each customer's summary, scores, segment, rank, gaps and prediction, and the shop's scale, models and KPIs", async () => {
    const shop = await newShop();
    await arrangeThreeCustomers(shop);
    const result = await recomputeShopAnalytics(shop, NOW);
    // ingestion has ranked them already, so the recompute finds no rank change
    expect(result).toEqual({ asOn: "2026-06-15", customerCount: 3, writtenCount: 3, skippedCount: 0, rankChangeCount: 0 });
    expect(await storedRow(shop, 1)).toMatchObject({
      asOn: "2026-06-15",
      orderCount: 5,
      purchaseDayCount: 5,
      netSpendMinor: 40_000,
      recencyDays: 5,
      lastOrderOn: "2026-06-10",
      // three customers spread over three scores per dimension, never splitting a tie
      recencyScore: 3,
      frequencyScore: 3,
      segment: "needAttention",
      shopifyRfmGroup: "NEEDS_ATTENTION",
      // the default policy: gold at 5 orders in 12 months, platinum at 10
      rankKey: "gold",
      rankPolicyVersion: 1,
      nextRankKey: "platinum",
      nextRankGapOrders: 5,
      nextRankGapSpendMinor: null,
      keepRankReviewOn: "2026-07-01",
      keepRankGapOrders: 0,
      predictionMethod: "heuristic",
      heuristicReason: "TOO_FEW_REPEAT_CUSTOMERS",
    });
    expect(await storedRow(shop, 3)).toMatchObject({ orderCount: 1, recencyDays: 300, recencyScore: 1, frequencyScore: 1, segment: "lost", rankKey: "regular" });
    const summary = await getShopAnalytics(shop);
    expect(summary).toMatchObject({ asOn: "2026-06-15", timeZone: "Asia/Tokyo", policyVersion: 1, customerCount: 3, scoring: { rfmMethod: "quantiles" } });
    expect(summary?.kpis).toMatchObject({
      customerCount: 3,
      orderCount: 8,
      netSpendMinor: 60_000,
      repeatRate: { customerCount: 3, repeatCustomerCount: 2 },
      shopTotals: { orderCount: 9, guestOrderCount: 1, netRevenueMinor: 61_500 },
      rankDistribution: [
        { rankKey: "regular", customerCount: 1 },
        { rankKey: "silver", customerCount: 1 },
        { rankKey: "gold", customerCount: 1 },
        { rankKey: "platinum", customerCount: 0 },
      ],
    });
    expect(await listAnalyticsHistory(shop, "2026-06-01", "2026-06-30")).toMatchObject([{ takenOn: "2026-06-15", customerCount: 3 }]);
  });

  it("changes nothing when run again on the same day", async () => {
    const shop = await newShop();
    await arrangeThreeCustomers(shop);
    await recomputeShopAnalytics(shop, NOW);
    const [rows, changes, summary] = [await storedRows(shop), await rankChanges(shop), await getShopAnalytics(shop)];
    const again = await recomputeShopAnalytics(shop, new Date(NOW.getTime() + 3_600_000));
    expect(again.rankChangeCount).toBe(0);
    expect(await storedRows(shop)).toEqual(rows);
    expect(await rankChanges(shop)).toEqual(changes);
    expect((await getShopAnalytics(shop))?.kpis).toEqual(summary?.kpis);
    expect(await prisma.analyticsSnapshot.count({ where: { shop } })).toBe(1);
  });

  it("ages recency on a day without orders", async () => {
    const shop = await newShop();
    await arrangeThreeCustomers(shop);
    await recomputeShopAnalytics(shop, NOW);
    const before = await storedRow(shop, 2);
    await recomputeShopAnalytics(shop, new Date(NOW.getTime() + 3 * DAY_MS));
    const after = await storedRow(shop, 2);
    expect([before.asOn, before.recencyDays, before.customerAgeDays]).toEqual(["2026-06-15", 20, 60]);
    expect([after.asOn, after.recencyDays, after.customerAgeDays]).toEqual(["2026-06-18", 23, 63]);
    expect(after.aliveProbability).toBeLessThan(before.aliveProbability as number);
    expect((await listAnalyticsHistory(shop, "2026-06-01", "2026-06-30")).map((snapshot) => snapshot.takenOn)).toEqual(["2026-06-15", "2026-06-18"]);
  });

  it("writes a large batch exactly as the per-order update writes each row", async () => {
    const shop = await newShop();
    for (let customerId = 1; customerId <= 130; customerId += 1) {
      await placeOrder(shop, { orderId: customerId, customerId, processedAt: daysBefore(customerId + 30), totalYen: 1000 * (customerId % 17) + 500 });
      if (customerId % 3 === 0) await placeOrder(shop, { orderId: 1000 + customerId, customerId, processedAt: daysBefore(customerId % 30), totalYen: 800 });
    }
    // the recompute rewrites all 130 rows in one batch, scores and predictions where there were none
    await recomputeShopAnalytics(shop, NOW);
    const rows = await storedRows(shop);
    expect(rows.every((row) => row.segment !== null && row.predictedClvMinor !== null)).toBe(true);
    // re-analysing them a few at a time (the per-order statement) on the same scoring changes none of them
    for (let start = 0; start < rows.length; start += 50) {
      const customerGids = rows.slice(start, start + 50).map((row) => row.customerGid);
      await prisma.$transaction((tx) => updateCustomerAnalytics(shop, customerGids, NOW, tx));
    }
    expect(await storedRows(shop)).toEqual(rows);
  });

  it("dates orders on the shop's calendar", async () => {
    const shop = await newShop("America/New_York");
    // 02:00 UTC on 06-10 is still 06-09 in New York
    await placeOrder(shop, { orderId: 1, customerId: 1, processedAt: new Date("2026-06-10T02:00:00Z"), totalYen: 1000 });
    await recomputeShopAnalytics(shop, NOW);
    expect(await storedRow(shop, 1)).toMatchObject({ asOn: "2026-06-14", lastOrderOn: "2026-06-09", recencyDays: 5 });
  });
});

describe("ingestion keeps the customer's analytics current", () => {
  it("re-ranks the customer and rescores them on the stored scale when their order is ingested", async () => {
    const shop = await newShop();
    await arrangeThreeCustomers(shop);
    await recomputeShopAnalytics(shop, NOW);
    const scale = (await getShopAnalytics(shop))?.scoring.rfmScale;
    // WHEN customer 3 orders again today
    await placeOrder(shop, { orderId: 3001, customerId: 3, processedAt: daysBefore(0), totalYen: 2000 });
    // THEN their row is current: two orders, silver, recency 0 scored on the unchanged three-score scale
    expect(await storedRow(shop, 3)).toMatchObject({ orderCount: 2, recencyDays: 0, recencyScore: 3, frequencyScore: 2, segment: "aboutToSleep", rankKey: "silver" });
    expect((await getShopAnalytics(shop))?.scoring.rfmScale).toEqual(scale);
    expect(await rankChanges(shop, 3)).toMatchObject([
      { fromRankKey: "regular", toRankKey: "silver", reason: "threshold_reached", policyVersion: 1, triggerGid: orderGid(3001), recordedOn: "2026-06-15" },
    ]);
  });

  it("starts the analytics of a shop it meets for the first time: a recompute now and the daily one", async () => {
    const shop = await newShop();
    await placeOrder(shop, { orderId: 1, customerId: 1, processedAt: daysBefore(1), totalYen: 1000 });
    expect(await storedRow(shop, 1)).toMatchObject({ orderCount: 1, rankKey: "regular", segment: null, recencyScore: null, predictionMethod: null });
    const jobs = await prisma.job.findMany({ where: { shop, name: "recomputeShop" }, orderBy: { uniqueKey: "asc" } });
    expect(jobs.map((job) => [job.uniqueKey, job.runAt.toISOString()])).toEqual([
      ["daily-2026-06-16", "2026-06-15T15:00:00.000Z"],
      ["start-2026-06-15", expect.any(String)],
    ]);
    // a second order the same day asks for nothing more
    await placeOrder(shop, { orderId: 2, customerId: 2, processedAt: daysBefore(1), totalYen: 1000 });
    expect(await prisma.job.count({ where: { shop, name: "recomputeShop" } })).toBe(2);
  });

  it("moves the order's analytics to the new customer when an update reassigns it", async () => {
    const shop = await newShop();
    await placeOrder(shop, { orderId: 1, customerId: 1, processedAt: daysBefore(10), totalYen: 1000 });
    await placeOrder(shop, { orderId: 2, customerId: 1, processedAt: daysBefore(5), totalYen: 1000 });
    expect(await storedRow(shop, 1)).toMatchObject({ orderCount: 2, rankKey: "silver" });
    await ingest(shop, "orders/updated", orderBody({ orderId: 2, customerId: 2, processedAt: daysBefore(5), updatedAt: daysBefore(1), totalYen: 1000 }));
    expect(await storedRow(shop, 1)).toMatchObject({ orderCount: 1 });
    expect(await storedRow(shop, 2)).toMatchObject({ orderCount: 1, rankKey: "regular" });
  });

  it("takes the rank away at once after a full refund when the policy says immediate, recording the refund", async () => {
    const shop = await newShop();
    const { version: _version, ...policy } = (await listRankPolicies(shop, NOW))[0]!.policy;
    expect(await saveRankPolicy(shop, { ...policy, refundDowngrade: "immediate" }, NOW)).toEqual({ ok: true, version: 2 });
    await placeOrder(shop, { orderId: 1, customerId: 1, processedAt: daysBefore(30), totalYen: 4000 });
    await placeOrder(shop, { orderId: 2, customerId: 1, processedAt: daysBefore(3), totalYen: 6000 });
    expect(await storedRow(shop, 1)).toMatchObject({ rankKey: "silver", rankPolicyVersion: 2 });
    await ingest(shop, "refunds/create", refundBody({ refundId: 77, orderId: 2, createdAt: daysBefore(1), amountYen: 6000 }));
    expect(await storedRow(shop, 1)).toMatchObject({ rankKey: "regular", orderCount: 2, netSpendMinor: 4000 });
    const [, downgrade] = await rankChanges(shop, 1);
    expect(downgrade).toMatchObject({ fromRankKey: "silver", toRankKey: "regular", direction: "down", reason: "refund_or_cancellation", policyVersion: 2, triggerGid: refundGid(77), orderCount: 1 });
    expect(JSON.parse(downgrade!.refundGids)).toEqual([refundGid(77)]);
    expect(JSON.parse(downgrade!.evidenceOrders)).toEqual([
      { orderGid: orderGid(1), occurredOn: "2026-05-16", amountMinor: 4000 },
      { orderGid: orderGid(2), occurredOn: "2026-06-12", amountMinor: 0 },
    ]);
  });

  it("keeps the rank after a cancellation until the next review date under the default policy", async () => {
    const shop = await newShop();
    await placeOrder(shop, { orderId: 1, customerId: 1, processedAt: daysBefore(30), totalYen: 4000 });
    await placeOrder(shop, { orderId: 2, customerId: 1, processedAt: daysBefore(3), totalYen: 6000 });
    await ingest(shop, "orders/cancelled", orderBody({ orderId: 2, customerId: 1, processedAt: daysBefore(3), updatedAt: daysBefore(2), cancelledAt: daysBefore(2), totalYen: 6000 }));
    expect(await storedRow(shop, 1)).toMatchObject({ orderCount: 1, rankKey: "silver", keepRankReviewOn: "2026-07-01", keepRankGapOrders: 1 });
    // the review on 07-01 takes it
    await recomputeShopAnalytics(shop, new Date("2026-07-01T03:00:00Z"));
    expect(await storedRow(shop, 1)).toMatchObject({ rankKey: "regular" });
    expect((await rankChanges(shop, 1)).at(-1)).toMatchObject({ reason: "refund_or_cancellation", effectiveOn: "2026-07-01", recordedOn: "2026-07-01" });
  });
});

// ---- incremental = full recompute on the stored scoring, through the real ingestion ------------

type Delivery = { topic: string; body: string; arrivalKey: number };

const orderHistory = fc.array(
  fc.record({
    customerId: fc.option(fc.integer({ min: 1, max: 4 }), { freq: 6 }),
    daysAgo: fc.integer({ min: 0, max: 120 }),
    hour: fc.integer({ min: 0, max: 23 }),
    totalYen: fc.integer({ min: 100, max: 30_000 }),
    arrivalKey: fc.integer(),
    cancel: fc.option(fc.integer(), { freq: 4 }),
    reassignTo: fc.option(fc.record({ customerId: fc.integer({ min: 1, max: 4 }), arrivalKey: fc.integer() }), { freq: 5 }),
    refunds: fc.array(fc.record({ share: fc.integer({ min: 1, max: 100 }), arrivalKey: fc.integer() }), { maxLength: 2 }),
  }),
  { minLength: 1, maxLength: 10 },
);

type History = typeof orderHistory extends fc.Arbitrary<infer T> ? T : never;

function deliveriesOf(history: History, firstOrderId: number): Delivery[] {
  const deliveries: Delivery[] = [];
  history.forEach((order, index) => {
    const orderId = firstOrderId + index;
    const processedAt = new Date(NOW.getTime() - order.daysAgo * DAY_MS - order.hour * 3_600_000);
    const base = { orderId, customerId: order.customerId, processedAt, totalYen: order.totalYen };
    deliveries.push({ topic: "orders/create", body: orderBody(base), arrivalKey: order.arrivalKey });
    if (order.reassignTo !== null)
      deliveries.push({
        topic: "orders/updated",
        body: orderBody({ ...base, customerId: order.reassignTo.customerId, updatedAt: new Date(processedAt.getTime() + 60_000) }),
        arrivalKey: order.reassignTo.arrivalKey,
      });
    if (order.cancel !== null)
      deliveries.push({
        topic: "orders/cancelled",
        body: orderBody({ ...base, updatedAt: new Date(processedAt.getTime() + 120_000), cancelledAt: new Date(processedAt.getTime() + 120_000) }),
        arrivalKey: order.cancel,
      });
    order.refunds.forEach((refund, refundIndex) =>
      deliveries.push({
        topic: "refunds/create",
        body: refundBody({ refundId: orderId * 10 + refundIndex, orderId, createdAt: new Date(processedAt.getTime() + 180_000), amountYen: Math.floor((order.totalYen * refund.share) / 100) }),
        arrivalKey: refund.arrivalKey,
      }),
    );
  });
  return deliveries.sort((a, b) => a.arrivalKey - b.arrivalKey);
}

describe("incremental analytics through ingestion", () => {
  it("equal a full recompute on the stored scale, whatever the orders, refunds, cancellations and arrival order", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(orderHistory, { minLength: 2, maxLength: 2 }), async ([earlier, later]) => {
        // GIVEN a shop recomputed in full on an earlier history
        const shop = await newShop("Asia/Tokyo", "equivalence");
        for (const delivery of deliveriesOf(earlier!, 100)) await ingest(shop, delivery.topic, delivery.body);
        await recomputeShopAnalytics(shop, NOW);
        // WHEN more orders, refunds and cancellations arrive, in any order, each re-analysing its customers
        for (const delivery of deliveriesOf(later!, 200)) await ingest(shop, delivery.topic, delivery.body);
        const incremental = await storedRows(shop);
        const changes = await rankChanges(shop);
        // THEN a full recompute on the same scale and models finds exactly the stored rows and no rank change
        const full = await recomputeShopAnalytics(shop, NOW, { scoring: "stored" });
        expect(full.rankChangeCount).toBe(0);
        expect(await storedRows(shop)).toEqual(incremental);
        expect(await rankChanges(shop)).toEqual(changes);
      }),
      { numRuns: 12 },
    );
  });
});

describe("rank policies", () => {
  it("dry-runs a draft against every customer without changing anything", async () => {
    const shop = await newShop();
    await arrangeThreeCustomers(shop);
    await recomputeShopAnalytics(shop, NOW);
    const { version: _version, ...policy } = (await listRankPolicies(shop, NOW))[0]!.policy;
    const rows = await storedRows(shop);
    // silver from 1 order: the one-time buyer moves up; gold from 2: customer 2 moves up
    const draft = { ...policy, ranks: policy.ranks.map((rank) => (rank.key === "silver" ? { ...rank, minOrders: 1 } : rank.key === "gold" ? { ...rank, minOrders: 2 } : rank)) };
    const result = await dryRunRankPolicyChange(shop, draft, NOW);
    expect(result).toMatchObject({
      ok: true,
      dryRun: {
        asOn: "2026-06-15",
        currentVersion: 1,
        proposedVersion: 2,
        moverCount: 2,
        movers: [
          { customerGid: customerGid(2), fromRankKey: "silver", toRankKey: "gold", direction: "up" },
          { customerGid: customerGid(3), fromRankKey: "regular", toRankKey: "silver", direction: "up" },
        ],
      },
    });
    expect(result.ok && result.dryRun.proposedCounts.map((count) => count.customerCount)).toEqual([0, 1, 2, 0]);
    expect(await storedRows(shop)).toEqual(rows);
    expect((await listRankPolicies(shop, NOW)).map((version) => version.version)).toEqual([1]);
  });

  it("saves a draft as the next version and re-ranks everyone, recording policy_changed changes of that version", async () => {
    const shop = await newShop();
    await arrangeThreeCustomers(shop);
    await recomputeShopAnalytics(shop, NOW);
    const { version: _version, ...policy } = (await listRankPolicies(shop, NOW))[0]!.policy;
    const draft = { ...policy, ranks: policy.ranks.map((rank) => (rank.key === "gold" ? { ...rank, minOrders: 6 } : rank)) };
    expect(await saveRankPolicy(shop, draft, NOW)).toEqual({ ok: true, version: 2 });
    expect((await listRankPolicies(shop, NOW)).map((version) => [version.version, version.active])).toEqual([
      [2, true],
      [1, false],
    ]);
    // the save asks for the re-ranking recompute (its job is run through HTTP in analytics-webhooks.test.ts)
    expect(await prisma.job.findFirst({ where: { shop, uniqueKey: "rankPolicy-2" }, select: { name: true, status: true } })).toEqual({ name: "recomputeShop", status: "pending" });
    await recomputeShopAnalytics(shop, NOW);
    expect(await storedRow(shop, 1)).toMatchObject({ rankKey: "silver", rankPolicyVersion: 2 });
    expect(await storedRow(shop, 3)).toMatchObject({ rankKey: "regular", rankPolicyVersion: 2 });
    expect((await rankChanges(shop, 1)).at(-1)).toMatchObject({ fromRankKey: "gold", toRankKey: "silver", reason: "policy_changed", policyVersion: 2, recordedOn: "2026-06-15" });
  });

  it("refuses a draft with each problem by field, and saves nothing", async () => {
    const shop = await newShop();
    const { version: _version, ...policy } = (await listRankPolicies(shop, NOW))[0]!.policy;
    const draft = { ...policy, ranks: policy.ranks.map((rank) => (rank.key === "gold" ? { ...rank, minOrders: 2, color: "gold" } : rank)) };
    expect(await saveRankPolicy(shop, draft, NOW)).toEqual({
      ok: false,
      errors: [
        { field: "ranks.2.color", code: "RANK_COLOR_INVALID" },
        { field: "ranks.2.minOrders", code: "THRESHOLD_NOT_INCREASING" },
      ],
    });
    expect(await dryRunRankPolicyChange(shop, { ...policy, window: "always" }, NOW)).toEqual({ ok: false, errors: [{ field: "window", code: "SHAPE_INVALID" }] });
    expect((await listRankPolicies(shop, NOW)).length).toBe(1);
  });

  it("refuses to drop a rank that customers are overridden to", async () => {
    const shop = await newShop();
    await arrangeThreeCustomers(shop);
    await setRankOverride(shop, customerGid(3), { rankKey: "platinum", reason: "founder", setBy: "staff-1" }, NOW);
    const { version: _version, ...policy } = (await listRankPolicies(shop, NOW))[0]!.policy;
    expect(await saveRankPolicy(shop, { ...policy, ranks: policy.ranks.slice(0, 3) }, NOW)).toEqual({
      ok: false,
      errors: [{ field: "ranks", code: "RANK_HAS_OVERRIDES", rankKey: "platinum" }],
    });
  });
});

describe("rank overrides", () => {
  it("puts a customer in a rank with a reason until removed, recording both changes", async () => {
    const shop = await newShop();
    await arrangeThreeCustomers(shop);
    await recomputeShopAnalytics(shop, NOW);
    const set = await setRankOverride(shop, customerGid(3), { rankKey: "gold", reason: "  press partner  ", setBy: "staff-1" }, NOW);
    expect(set.ok).toBe(true);
    expect(await storedRow(shop, 3)).toMatchObject({ rankKey: "gold", overrideRankKey: "gold", overrideReason: "press partner", overrideSetBy: "staff-1" });
    // the daily recompute keeps it
    await recomputeShopAnalytics(shop, new Date(NOW.getTime() + DAY_MS));
    expect(await storedRow(shop, 3)).toMatchObject({ rankKey: "gold" });
    expect(await removeRankOverride(shop, customerGid(3), new Date(NOW.getTime() + 2 * DAY_MS))).toMatchObject({ ok: true });
    expect(await storedRow(shop, 3)).toMatchObject({ rankKey: "regular", overrideRankKey: null });
    expect((await rankChanges(shop, 3)).map((change) => [change.fromRankKey, change.toRankKey, change.reason, change.overrideReason])).toEqual([
      ["regular", "gold", "manual_override", "press partner"],
      ["gold", "regular", "manual_override", "press partner"],
    ]);
  });

  it.each([
    ["an empty reason", 3, { rankKey: "gold", reason: " ", setBy: "s" }, "REASON_EMPTY"],
    ["a rank the policy does not have", 3, { rankKey: "diamond", reason: "r", setBy: "s" }, "RANK_UNKNOWN"],
    ["a customer without orders", 99, { rankKey: "gold", reason: "r", setBy: "s" }, "CUSTOMER_NOT_FOUND"],
  ])("refuses %s", async (_label, customerId, input, error) => {
    const shop = await newShop();
    await arrangeThreeCustomers(shop);
    expect(await setRankOverride(shop, customerGid(customerId), input, NOW)).toEqual({ ok: false, error });
  });

  it("refuses to remove an override that does not exist", async () => {
    const shop = await newShop();
    await arrangeThreeCustomers(shop);
    expect(await removeRankOverride(shop, customerGid(1), NOW)).toEqual({ ok: false, error: "NO_OVERRIDE" });
  });
});

describe("the daily recompute", () => {
  it("is scheduled at the shop's next midnight, once however often analytics are started", async () => {
    const shop = await newShop("America/New_York");
    const at = new Date("2026-03-07T12:00:00Z");
    await startShopAnalytics(shop, at);
    await startShopAnalytics(shop, at);
    const jobs = await prisma.job.findMany({ where: { shop }, orderBy: { uniqueKey: "asc" } });
    expect(jobs.map((job) => [job.uniqueKey, job.runAt.toISOString(), JSON.parse(job.payload)])).toEqual([
      ["daily-2026-03-08", "2026-03-08T05:00:00.000Z", { cause: { kind: "daily", id: "2026-03-08" } }],
      ["start-2026-03-07", expect.any(String), { cause: { kind: "start", id: "2026-03-07" } }],
    ]);
  });

  it("schedules the next day's across a daylight saving change, then recomputes", async () => {
    const shop = await newShop("America/New_York");
    await placeOrder(shop, { orderId: 1, customerId: 1, processedAt: new Date("2026-03-01T15:00:00Z"), totalYen: 1000 }, new Date("2026-03-01T16:00:00Z"));
    // the day of the change to summer time is 23 hours long
    expect(await runDailyRecompute(shop, "2026-03-08", new Date("2026-03-08T05:00:00Z"))).toMatchObject({ asOn: "2026-03-08", customerCount: 1 });
    expect(await prisma.job.findFirst({ where: { shop, uniqueKey: "daily-2026-03-09" }, select: { runAt: true } })).toEqual({ runAt: new Date("2026-03-09T04:00:00.000Z") });
    expect(await storedRow(shop, 1)).toMatchObject({ asOn: "2026-03-08", recencyDays: 7 });
  });

  it("schedules the day after its own when it runs early", async () => {
    const shop = await newShop("Asia/Tokyo");
    await runDailyRecompute(shop, "2026-06-16", new Date("2026-06-15T14:59:59Z"));
    expect((await prisma.job.findMany({ where: { shop }, select: { uniqueKey: true, runAt: true } }))).toEqual([
      { uniqueKey: "daily-2026-06-17", runAt: new Date("2026-06-16T15:00:00.000Z") },
    ]);
  });

  it("stops for an uninstalled shop", async () => {
    const shop = await newShop();
    await prisma.shop.update({ where: { domain: shop }, data: { uninstalledAt: NOW } });
    expect(await runDailyRecompute(shop, "2026-06-15", NOW)).toBe("stopped");
    expect(await prisma.job.count({ where: { shop } })).toBe(0);
  });
});

describe("reads for the pages", () => {
  it("pages customers by net spend with a keyset, and filters by segment and rank", async () => {
    const shop = await newShop();
    await arrangeThreeCustomers(shop);
    await recomputeShopAnalytics(shop, NOW);
    const first = await listCustomers(shop, { sort: "netSpendMinor", direction: "desc", after: null, limit: 2 });
    expect(first.customers.map((row) => [row.customerGid, row.netSpendMinor])).toEqual([
      [customerGid(1), 40_000],
      [customerGid(3), 12_000],
    ]);
    expect(first.previous).toBeNull();
    const second = await listCustomers(shop, { sort: "netSpendMinor", direction: "desc", after: first.next, limit: 2 });
    expect(second).toMatchObject({ customers: [{ customerGid: customerGid(2) }], next: null, previous: { value: 8_000, customerGid: customerGid(2) } });
    const back = await listCustomers(shop, { sort: "netSpendMinor", direction: "desc", after: null, before: second.previous, limit: 2 });
    expect(back.customers.map((row) => row.customerGid)).toEqual([customerGid(1), customerGid(3)]);
    expect(back.previous).toBeNull();
    expect(back.next).toEqual(first.next);
    expect((await listCustomers(shop, { rankKey: "gold", sort: "lastOrderOn", direction: "desc", after: null, limit: 10 })).customers.map((row) => row.customerGid)).toEqual([customerGid(1)]);
    expect((await listCustomers(shop, { segment: "lost", sort: "predictedClvMinor", direction: "desc", after: null, limit: 10 })).customers.map((row) => row.customerGid)).toEqual([customerGid(3)]);
  });

  it("pages forwards and backwards through customers without a value, who come last in either direction", async () => {
    // GIVEN three customers with a last order and two whose only orders were cancelled after they
    // reached silver (they keep their rank state, without a last order)
    const shop = await newShop();
    await arrangeThreeCustomers(shop);
    for (const customerId of [7, 8]) {
      for (const orderId of [1, 2]) await placeOrder(shop, { orderId: customerId * 100 + orderId, customerId, processedAt: daysBefore(10 + orderId), totalYen: 1000 });
      for (const orderId of [1, 2])
        await ingest(shop, "orders/cancelled", orderBody({ orderId: customerId * 100 + orderId, customerId, processedAt: daysBefore(10 + orderId), updatedAt: daysBefore(1), cancelledAt: daysBefore(1), totalYen: 1000 }));
    }
    await recomputeShopAnalytics(shop, NOW);
    for (const direction of ["desc", "asc"] as const) {
      const everyone = (await listCustomers(shop, { sort: "lastOrderOn", direction, after: null, limit: 10 })).customers.map((row) => row.customerGid);
      expect(everyone.slice(3)).toEqual(direction === "desc" ? [customerGid(8), customerGid(7)] : [customerGid(7), customerGid(8)]);
      // WHEN the list is read one customer per page, forwards and then back
      const forwards: string[] = [];
      let page = await listCustomers(shop, { sort: "lastOrderOn", direction, after: null, limit: 1 });
      for (;;) {
        forwards.push(...page.customers.map((row) => row.customerGid));
        if (page.next === null) break;
        page = await listCustomers(shop, { sort: "lastOrderOn", direction, after: page.next, limit: 1 });
      }
      const backwards: string[] = [];
      for (;;) {
        backwards.unshift(...page.customers.map((row) => row.customerGid));
        if (page.previous === null) break;
        page = await listCustomers(shop, { sort: "lastOrderOn", direction, after: null, before: page.previous, limit: 1 });
      }
      // THEN both walks meet every customer once, in the order of the whole list
      expect(forwards).toEqual(everyone);
      expect(backwards).toEqual(everyone);
    }
  });

  it("answers the R×F grid with the thresholds behind it, a customer's detail, the rank counts and the migration", async () => {
    const shop = await newShop();
    await arrangeThreeCustomers(shop);
    await recomputeShopAnalytics(shop, NOW);
    const grid = await getRfmGrid(shop);
    expect(grid.asOn).toBe("2026-06-15");
    expect(grid.cells.reduce((sum, cell) => sum + cell.customerCount, 0)).toBe(3);
    expect(grid.cells.reduce((sum, cell) => sum + cell.netSpendMinor, 0)).toBe(60_000);
    const detail = await getCustomerAnalytics(shop, customerGid(1));
    expect(detail?.prediction).toMatchObject({ method: "heuristic", recencyDays: 5 });
    // ingestion ranked customer 1 order by order: silver at the second, gold at the fifth
    expect(detail?.rankChanges.map((change) => [change.toRankKey, change.triggerGid])).toEqual([
      ["gold", orderGid(1004)],
      ["silver", orderGid(1001)],
    ]);
    expect(await countCurrentRanks(shop)).toEqual([
      { rankKey: "regular", customerCount: 1, netSpendMinor: 12_000 },
      { rankKey: "silver", customerCount: 1, netSpendMinor: 8_000 },
      { rankKey: "gold", customerCount: 1, netSpendMinor: 40_000 },
      { rankKey: "platinum", customerCount: 0, netSpendMinor: 0 },
    ]);
    // customer 3 orders again and becomes silver the next day
    await placeOrder(shop, { orderId: 3001, customerId: 3, processedAt: new Date(NOW.getTime() + DAY_MS), totalYen: 1000 }, new Date(NOW.getTime() + DAY_MS));
    const migration = await getRankMigration(shop, "2026-06-15", "2026-06-16");
    expect(migration.rankKeys).toEqual([null, "regular", "silver", "gold", "platinum"]);
    expect(migration.customerCounts).toEqual([
      [0, 0, 0, 0, 0],
      [0, 0, 1, 0, 0],
      [0, 0, 1, 0, 0],
      [0, 0, 0, 1, 0],
      [0, 0, 0, 0, 0],
    ]);
  });
});

describe("shop scoping and compliance", () => {
  it("never reads or writes another shop's analytics", async () => {
    const [shopA, shopB] = [await newShop(), await newShop()];
    await arrangeThreeCustomers(shopA);
    await placeOrder(shopB, { orderId: 1000, customerId: 1, processedAt: daysBefore(1), totalYen: 999 });
    await recomputeShopAnalytics(shopB, NOW);
    const rowsB = await storedRows(shopB);
    await recomputeShopAnalytics(shopA, NOW);
    await setRankOverride(shopA, customerGid(1), { rankKey: "platinum", reason: "r", setBy: "s" }, NOW);
    expect(await storedRows(shopB)).toEqual(rowsB);
    expect(rowsB).toMatchObject([{ customerGid: customerGid(1), orderCount: 1, netSpendMinor: 999, rankKey: "regular" }]);
    expect((await getCustomerAnalytics(shopB, customerGid(1)))?.rankChanges).toEqual([]);
    expect((await listCustomers(shopB, { sort: "netSpendMinor", direction: "desc", after: null, limit: 10 })).customers).toHaveLength(1);
    expect(await removeRankOverride(shopB, customerGid(1), NOW)).toEqual({ ok: false, error: "NO_OVERRIDE" });
  });

  it("exports a customer's analytics and rank changes, and erases them with the customer and with the shop", async () => {
    const shop = await newShop();
    await arrangeThreeCustomers(shop);
    await recomputeShopAnalytics(shop, NOW);
    const exported = await exportCustomerData(shop, customerGid(1), []);
    expect(exported.analytics).toMatchObject({ customerGid: customerGid(1), rankKey: "gold" });
    expect(exported.rankChanges).toMatchObject([{ toRankKey: "gold" }, { toRankKey: "silver" }]);
    await ingest(shop, "customers/redact", JSON.stringify({ shop_id: 1, shop_domain: shop, customer: { id: 1 }, orders_to_redact: [] }));
    expect(await prisma.customerAnalytics.count({ where: { shop, customerGid: customerGid(1) } })).toBe(0);
    expect(await prisma.rankChange.count({ where: { shop, customerGid: customerGid(1) } })).toBe(0);
    await ingest(shop, "shop/redact", JSON.stringify({ shop_id: 1, shop_domain: shop }));
    for (const count of [
      prisma.customerAnalytics.count({ where: { shop } }),
      prisma.rankChange.count({ where: { shop } }),
      prisma.rankPolicy.count({ where: { shop } }),
      prisma.shopAnalytics.count({ where: { shop } }),
      prisma.analyticsSnapshot.count({ where: { shop } }),
    ])
      expect(await count).toBe(0);
  });
});
