// What every analytics use case reads first: the shop's calendar (its IANA zone, today's shop-local
// date), the active rank policy (the default one is saved on first use) and the scoring of the last
// full recompute. Stored orders become the domain's CustomerOrders here.
import type { CustomerOrder, ShopScoring } from "../../domain/analytics/customer-analytics.ts";
import { DEFAULT_RANK_POLICY } from "../../domain/analytics/ranks/default-rank-policy.ts";
import type { RankPolicy } from "../../domain/analytics/ranks/rank-policy.ts";
import { createLocalDateReader, isKnownTimeZone } from "../../domain/analytics/shop-calendar.ts";
import { log } from "../../log.server.ts";
import type { Database } from "../../models/analytics-customers.server.ts";
import type { AnalyticsOrder } from "../../models/analytics-orders.server.ts";
import { findActiveRankPolicy, saveActiveRankPolicy } from "../../models/analytics-rank-policies.server.ts";
import { findShopAnalyticsInputs, findShopTimeZone } from "../../models/analytics-shop.server.ts";

/** Shops that never told us their zone are analysed on UTC days. */
const FALLBACK_TIME_ZONE = "UTC";

export type ShopCalendar = {
  readonly timeZone: string;
  /** Today in the shop: the as-of date of anything computed now. */
  readonly asOn: string;
  readonly localDateOf: (at: Date | number) => string;
};

export type AnalyticsContext = ShopCalendar & {
  readonly policy: RankPolicy;
  /** null before the shop's first full recompute. */
  readonly scoring: ShopScoring | null;
};

function calendarOf(shop: string, stored: string | null, now: Date): ShopCalendar {
  let timeZone = stored ?? FALLBACK_TIME_ZONE;
  if (!isKnownTimeZone(timeZone)) {
    log.warn("shop time zone unknown to the runtime; analysing on UTC days", { shop, timeZone });
    timeZone = FALLBACK_TIME_ZONE;
  }
  const localDateOf = createLocalDateReader(timeZone);
  return { timeZone, asOn: localDateOf(now), localDateOf };
}

export async function loadShopCalendar(shop: string, now: Date, db: Database): Promise<ShopCalendar> {
  return calendarOf(shop, await findShopTimeZone(shop, db), now);
}

async function saveDefaultRankPolicy(shop: string, now: Date, db: Database): Promise<RankPolicy> {
  const policy = { ...DEFAULT_RANK_POLICY, version: 1 };
  await saveActiveRankPolicy(shop, policy, now, db);
  return policy;
}

/** The shop's active rank policy; a shop without one gets the default policy as version 1. */
export async function getActiveRankPolicy(shop: string, now: Date, db: Database): Promise<RankPolicy> {
  return (await findActiveRankPolicy(shop, db))?.policy ?? saveDefaultRankPolicy(shop, now, db);
}

/** One query: it runs for every ingested order. */
export async function loadAnalyticsContext(shop: string, now: Date, db: Database): Promise<AnalyticsContext> {
  const inputs = await findShopAnalyticsInputs(shop, db);
  const policy = inputs.policy ?? (await saveDefaultRankPolicy(shop, now, db));
  return { ...calendarOf(shop, inputs.timeZone, now), policy, scoring: inputs.scoring };
}

export function toCustomerOrders(customerGid: string, orders: readonly AnalyticsOrder[], localDateOf: ShopCalendar["localDateOf"]): CustomerOrder[] {
  return orders.map((order) => ({
    customerKey: customerGid,
    orderKey: order.orderGid,
    occurredOn: localDateOf(order.processedAt),
    amountMinor: order.netMinor,
    taxMinor: order.taxMinor,
  }));
}
