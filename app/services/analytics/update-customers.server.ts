// The incremental path (docs/decisions/011): re-analyses the customers an ingested order, refund or
// cancellation touches, inside the ingestion's own transaction, so the stored rank, segment and
// summary are current the moment the order is; a job that reacts to the order reads them, as the
// sync of changed customers to Shopify does (docs/decisions/014). It scores on the scale and models
// of the last full recompute, which is what makes it equal to that recompute.
import type { Prisma } from "@prisma/client";
import {
  analyzeCustomer,
  hasCustomerAnalysis,
  listCustomersAffectedByOrder,
  summarizeCustomer,
  type CustomerAnalysis,
  type RankInstruction,
} from "../../domain/analytics/customer-analytics.ts";
import type { OrderState } from "../../domain/orders.ts";
import { findRankStates, saveCustomerAnalytics } from "../../models/analytics-customers.server.ts";
import { listCustomerOrders } from "../../models/analytics-orders.server.ts";
import { recordRankChanges } from "../../models/analytics-rank-changes.server.ts";
import { loadAnalyticsContext, toCustomerOrders } from "./context.server.ts";
import { describeRankChanges } from "./rank-changes.server.ts";
import { startShopAnalytics } from "./schedule.server.ts";
import { requestCustomerSync } from "../sync/sync-requests.server.ts";

export type CustomerUpdate = {
  readonly instruction?: RankInstruction;
  /** The order or refund whose arrival prompted the update, recorded with any rank change. */
  readonly triggerGid?: string | null;
};

/**
 * Re-analyses these customers as of today from their stored orders and rank state, and stores the
 * rows and any rank change in `tx`. A customer with no countable order and no rank state is left
 * without a row. The first time a shop is seen without a full recompute, its analytics are started.
 */
export async function updateCustomerAnalytics(
  shop: string,
  customerGids: readonly string[],
  now: Date,
  tx: Prisma.TransactionClient,
  update: CustomerUpdate = {},
): Promise<CustomerAnalysis[]> {
  if (customerGids.length === 0) return [];
  const instruction = update.instruction ?? { kind: "evaluate" };
  const context = await loadAnalyticsContext(shop, now, tx);
  const ordersByCustomer = await listCustomerOrders(shop, customerGids, tx);
  const stored = await findRankStates(shop, customerGids, tx);
  const analyses: CustomerAnalysis[] = [];
  const writes = [];
  for (const customerGid of customerGids) {
    const input = {
      customerKey: customerGid,
      orders: toCustomerOrders(customerGid, ordersByCustomer.get(customerGid) ?? [], context.localDateOf),
      rankState: stored.get(customerGid)?.state ?? null,
    };
    const summary = summarizeCustomer(input.orders, context.asOn);
    if (!hasCustomerAnalysis(input, summary) && instruction.kind !== "setOverride") continue;
    const analysis = analyzeCustomer(input, context.asOn, context.policy, context.scoring, instruction, summary);
    analyses.push(analysis);
    writes.push({ analysis, revision: (stored.get(customerGid)?.revision ?? 0) + 1 });
  }
  await saveCustomerAnalytics(shop, writes, now, tx);
  await recordRankChanges(shop, await describeRankChanges(shop, analyses, context.asOn, update.triggerGid ?? null, tx), now, tx);
  await requestCustomerSync(shop, analyses.map((analysis) => analysis.customerKey), now, tx);
  if (context.scoring === null && writes.length > 0) await startShopAnalytics(shop, now, tx);
  return analyses;
}

/**
 * The ingestion hook: after an order's new state is saved in `tx`, re-analyses its customers (before
 * and after, as an order can move to another customer). `triggerGid` is the order or refund GID.
 */
export async function updateAnalyticsForOrder(
  shop: string,
  before: OrderState | null,
  after: OrderState,
  triggerGid: string,
  now: Date,
  tx: Prisma.TransactionClient,
): Promise<void> {
  await updateCustomerAnalytics(shop, listCustomersAffectedByOrder(before, after), now, tx, { triggerGid });
}
