// The full recompute of one shop's customer analytics (docs/decisions/011), as of the shop's local
// today: read every customer's countable orders a page of customers at a time, fit the RFM scale and
// the models on all of them, save that scoring, then analyse and write the customers in batches, and
// finally the KPIs and the day's snapshot. Running it again on the same day changes nothing but the
// rows' revision and computedAt.
//
// Orders keep arriving while it runs. Each batch is written in one transaction that first compares the
// batch's row revisions with those read at the start, and leaves alone a row an ingested order has
// rewritten since: that row is newer, and scored on the scoring saved before any batch was written.
import { prisma } from "../../db.server.ts";
import {
  analyzeCustomer,
  completeShopKpis,
  computePurchaseKpis,
  fitShopScoring,
  hasCustomerAnalysis,
  summarizeCustomer,
  type CustomerAnalysis,
  type CustomerAnalysisInput,
} from "../../domain/analytics/customer-analytics.ts";
import { toKpiHeadline } from "../../domain/analytics/kpis/headline.ts";
import type { PurchaseSummary } from "../../domain/analytics/purchase-summary.ts";
import type { RankAssignment } from "../../domain/analytics/ranks/rank-reports.ts";
import type { RfmSegment } from "../../domain/analytics/segments.ts";
import { findStartOfNextLocalDay } from "../../domain/analytics/shop-calendar.ts";
import { log } from "../../log.server.ts";
import { findRevisions, listRankStates, saveCustomerAnalytics, type StoredRankState } from "../../models/analytics-customers.server.ts";
import { listShopCustomerOrders, sumShopOrders } from "../../models/analytics-orders.server.ts";
import { recordRankChanges } from "../../models/analytics-rank-changes.server.ts";
import { saveAnalyticsSnapshot, saveShopKpis, saveShopScoring } from "../../models/analytics-shop.server.ts";
import { retryWhileDatabaseBusy } from "../../models/database-busy.server.ts";
import { loadAnalyticsContext, toCustomerOrders, type ShopCalendar } from "./context.server.ts";
import { describeRankChanges } from "./rank-changes.server.ts";

/** Customers written per transaction: short enough that ingestion never waits long for the lock. */
const CUSTOMERS_PER_BATCH = 2000;

export type RecomputeOptions = {
  /**
   * "refit" (the default) fits a new RFM scale and models; "stored" scores on those of the last full
   * recompute, as the incremental path does (a shop without one is refitted).
   */
  readonly scoring?: "refit" | "stored";
};

export type RecomputeResult = {
  readonly asOn: string;
  /** Customers with a countable order by asOn. */
  readonly customerCount: number;
  readonly writtenCount: number;
  /** Rows an ingested order rewrote while the recompute ran, left as they were. */
  readonly skippedCount: number;
  readonly rankChangeCount: number;
};

/** Every customer with a countable order or a stored rank state, with their orders and that state. */
export async function loadShopCustomerInputs(
  shop: string,
  calendar: ShopCalendar,
  states: ReadonlyMap<string, StoredRankState>,
): Promise<CustomerAnalysisInput[]> {
  const inputs: CustomerAnalysisInput[] = [];
  const withOrders = new Set<string>();
  for await (const page of listShopCustomerOrders(shop)) {
    for (const { customerGid, orders } of page) {
      withOrders.add(customerGid);
      inputs.push({ customerKey: customerGid, orders: toCustomerOrders(customerGid, orders, calendar.localDateOf), rankState: states.get(customerGid)?.state ?? null });
    }
  }
  for (const [customerGid, stored] of states)
    if (!withOrders.has(customerGid)) inputs.push({ customerKey: customerGid, orders: [], rankState: stored.state });
  return inputs;
}

type PendingWrite = { analysis: CustomerAnalysis; seenRevision: number };

const RELEASED: CustomerAnalysisInput = { customerKey: "", orders: [], rankState: null };

async function writeBatch(shop: string, batch: readonly PendingWrite[], asOn: string, now: Date) {
  return retryWhileDatabaseBusy(() =>
    prisma.$transaction(async (tx) => {
      const current = await findRevisions(
        shop,
        batch.map((write) => write.analysis.customerKey),
        tx,
      );
      const untouched = batch.filter((write) => (current.get(write.analysis.customerKey) ?? 0) === write.seenRevision);
      await saveCustomerAnalytics(
        shop,
        untouched.map((write) => ({ analysis: write.analysis, revision: write.seenRevision + 1 })),
        now,
        tx,
      );
      const changes = await describeRankChanges(
        shop,
        untouched.map((write) => write.analysis),
        asOn,
        null,
        tx,
      );
      await recordRankChanges(shop, changes, now, tx);
      return { written: untouched.length, skipped: batch.length - untouched.length, rankChanges: changes.length };
    }),
  );
}

export async function recomputeShopAnalytics(shop: string, now: Date, options: RecomputeOptions = {}): Promise<RecomputeResult> {
  // The default policy may be saved on first use, so the context is read in a write transaction.
  const context = await retryWhileDatabaseBusy(() => prisma.$transaction((tx) => loadAnalyticsContext(shop, now, tx)));
  const { asOn, policy } = context;
  const states = await listRankStates(shop);
  const inputs = await loadShopCustomerInputs(shop, context, states);
  const summaries = inputs.map((input) => summarizeCustomer(input.orders, asOn));
  const present = summaries.filter((summary): summary is PurchaseSummary => summary !== null);
  const scoring = options.scoring === "stored" && context.scoring !== null ? context.scoring : fitShopScoring(present);
  await retryWhileDatabaseBusy(() =>
    saveShopScoring(shop, { asOn, computedAt: now, timeZone: context.timeZone, policyVersion: policy.version, customerCount: present.length, scoring }),
  );

  const purchaseKpis = computePurchaseKpis(
    (function* () {
      for (const input of inputs) yield* input.orders;
    })(),
    present,
    asOn,
  );

  const ranks: RankAssignment[] = [];
  const segments: (RfmSegment | null)[] = [];
  let writtenCount = 0;
  let skippedCount = 0;
  let rankChangeCount = 0;
  let batch: PendingWrite[] = [];
  const flush = async () => {
    const result = await writeBatch(shop, batch, asOn, now);
    writtenCount += result.written;
    skippedCount += result.skipped;
    rankChangeCount += result.rankChanges;
    batch = [];
  };
  for (let index = 0; index < inputs.length; index += 1) {
    const input = inputs[index] as CustomerAnalysisInput;
    // Each customer's orders are let go once analysed, so memory falls as the batches are written.
    inputs[index] = RELEASED;
    const summary = summaries[index] as PurchaseSummary | null;
    if (!hasCustomerAnalysis(input, summary)) continue;
    const analysis = analyzeCustomer(input, asOn, policy, scoring, { kind: "evaluate" }, summary);
    ranks.push({ customerKey: input.customerKey, rankKey: analysis.rank.state.rankKey });
    segments.push(analysis.segment);
    batch.push({ analysis, seenRevision: states.get(input.customerKey)?.revision ?? 0 });
    if (batch.length === CUSTOMERS_PER_BATCH) await flush();
  }
  if (batch.length > 0) await flush();

  const kpis = completeShopKpis(purchaseKpis, policy, ranks, segments);
  const shopTotals = await sumShopOrders(shop, findStartOfNextLocalDay(context.timeZone, now));
  await retryWhileDatabaseBusy(() =>
    prisma.$transaction(async (tx) => {
      await saveShopKpis(shop, { ...kpis, shopTotals }, tx);
      await saveAnalyticsSnapshot(
        shop,
        {
          takenOn: asOn,
          customerCount: present.length,
          policyVersion: policy.version,
          segmentSizes: kpis.segmentSizes,
          rankCounts: kpis.rankDistribution,
          headline: toKpiHeadline(kpis, shopTotals.netRevenueMinor),
        },
        now,
        tx,
      );
    }),
  );
  const result = { asOn, customerCount: present.length, writtenCount, skippedCount, rankChangeCount };
  log.info("shop analytics recomputed", { shop, ...result });
  return result;
}
