// A customer's profile (product.md §5 "Customers … profile with timeline of orders, rank history"):
// contact details, purchase summary, RFM scores and segment, rank with its gaps and pending rank-up,
// every rank change with what it rests on, predictions with the method behind them, and the newest
// orders; and the manual rank override with its reason. Reads one row per table through indexes.
import type { CustomerPrediction } from "../domain/analytics/clv/clv.ts";
import {
  findCustomerContacts,
  type CustomerContact,
} from "../models/customer-directory.server.ts";
import {
  listRecentCustomerOrders,
  type CustomerOrderLine,
} from "../models/orders.server.ts";
import { findShop } from "../models/shops.server.ts";
import {
  getCustomerAnalytics,
  type CustomerAnalyticsRecord,
  type RankChangeRecord,
} from "./analytics/read-analytics.server.ts";
import {
  removeRankOverride,
  setRankOverride,
  type RankOverrideError,
} from "./analytics/rank-overrides.server.ts";
import { describeRanks, type RankLabel } from "./rank-labels.server.ts";

/** Orders shown on the profile, newest first; the count says how many there are in all. */
const LISTED_ORDERS = 50;

export type CustomerProfile = {
  readonly customerGid: string;
  readonly currencyCode: string;
  readonly timeZone: string;
  /** null for a deleted customer, or one Kizuna knows only from orders. */
  readonly contact: CustomerContact | null;
  /** null for a customer without a countable order or rank yet. */
  readonly analytics: CustomerAnalyticsRecord | null;
  readonly prediction: CustomerPrediction | null;
  /** Newest first. */
  readonly rankChanges: RankChangeRecord[];
  readonly orders: CustomerOrderLine[];
  readonly orderCount: number;
  /** Every rank key the profile mentions, labelled; and the active rules' ranks for the override. */
  readonly rankLabels: RankLabel[];
  readonly activeRanks: RankLabel[];
};

/** The customer's profile; null when Kizuna knows nothing of this GID in this shop. */
export async function getCustomerProfile(
  shop: string,
  customerGid: string,
): Promise<CustomerProfile | null> {
  const [record, contacts, detail, orders, ranks] = await Promise.all([
    findShop(shop),
    findCustomerContacts(shop, [customerGid]),
    getCustomerAnalytics(shop, customerGid),
    listRecentCustomerOrders(shop, customerGid, LISTED_ORDERS),
    describeRanks(shop),
  ]);
  const contact = contacts.get(customerGid) ?? null;
  if (contact === null && detail === null && orders.orderCount === 0)
    return null;
  const mentioned = new Set<string>(ranks.active.map((rank) => rank.rankKey));
  if (detail) {
    for (const key of [
      detail.record.rankKey,
      detail.record.pendingRankKey,
      detail.record.nextRankKey,
      detail.record.overrideRankKey,
    ])
      if (key) mentioned.add(key);
    for (const change of detail.rankChanges)
      mentioned.add(change.fromRankKey).add(change.toRankKey);
  }
  return {
    customerGid,
    currencyCode: record?.currencyCode ?? "",
    timeZone: record?.ianaTimezone ?? "UTC",
    contact,
    analytics: detail?.record ?? null,
    prediction: detail?.prediction ?? null,
    rankChanges: detail?.rankChanges ?? [],
    orders: orders.orders,
    orderCount: orders.orderCount,
    rankLabels: [...mentioned].map(ranks.labelOf),
    activeRanks: ranks.active,
  };
}

export type OverrideRequest =
  | { readonly kind: "set"; readonly rankKey: string; readonly reason: string }
  | { readonly kind: "remove" };

export type OverrideOutcome =
  | { readonly ok: true; readonly kind: "set" | "remove" }
  | { readonly ok: false; readonly error: RankOverrideError };

/** Sets or removes the customer's manual rank; `staffId` is the Shopify staff account that asked. */
export async function changeRankOverride(
  shop: string,
  customerGid: string,
  request: OverrideRequest,
  staffId: string,
  now: Date,
): Promise<OverrideOutcome> {
  const result =
    request.kind === "set"
      ? await setRankOverride(
          shop,
          customerGid,
          { rankKey: request.rankKey, reason: request.reason, setBy: staffId },
          now,
        )
      : await removeRankOverride(shop, customerGid, now);
  return result.ok
    ? { ok: true, kind: request.kind }
    : { ok: false, error: result.error };
}
