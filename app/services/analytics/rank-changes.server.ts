// A rank change as it is recorded: the domain's change with the refunds of the orders behind it and
// what prompted the evaluation, so "why is this customer Silver?" has a complete answer.
import type { CustomerAnalysis } from "../../domain/analytics/customer-analytics.ts";
import type { Database } from "../../models/analytics-customers.server.ts";
import { listRefundGids } from "../../models/analytics-orders.server.ts";
import type { RankChangeEntry } from "../../models/analytics-rank-changes.server.ts";

/** The rank changes with the refunds of the orders behind each, ready to record. */
export async function describeRankChanges(
  shop: string,
  analyses: readonly CustomerAnalysis[],
  recordedOn: string,
  triggerGid: string | null,
  db: Database,
): Promise<RankChangeEntry[]> {
  const changed = analyses.filter((analysis) => analysis.rank.change !== null);
  const orderGids = changed.flatMap((analysis) => analysis.rank.change!.evidence.orders.map((order) => order.orderKey));
  const refunds = await listRefundGids(shop, [...new Set(orderGids)], db);
  return changed.map((analysis) => {
    const change = analysis.rank.change!;
    return {
      customerGid: analysis.customerKey,
      change,
      recordedOn,
      refundGids: change.evidence.orders.flatMap((order) => refunds.get(order.orderKey) ?? []),
      triggerGid,
    };
  });
}
