// Home's dashboard (product.md §5): the headline KPIs of the last full recompute with how they moved
// since the snapshot about a month earlier, the F2 conversion by cohort, the days from first to second
// order, net spend by rank and the RFM thresholds in use. Precomputed rows only: the shop's summary,
// one snapshot, and one indexed group-by over the stored ranks.
import { addDays } from "../domain/analytics/calendar-days.ts";
import type {
  DaysToSecondPurchase,
  F2Cohort,
  F2WindowSummary,
} from "../domain/analytics/kpis/second-purchase.ts";
import {
  compareKpiHeadlines,
  toKpiHeadline,
  type KpiHeadline,
  type KpiHeadlineKey,
} from "../domain/analytics/kpis/headline.ts";
import type { ParetoShare } from "../domain/analytics/kpis/concentration.ts";
import { findSnapshotOnOrBefore } from "../models/analytics-shop.server.ts";
import { findShop } from "../models/shops.server.ts";
import {
  countCurrentRanks,
  getShopAnalytics,
} from "./analytics/read-analytics.server.ts";
import {
  describeRfmThresholds,
  type RfmThresholds,
} from "./rfm-thresholds.server.ts";
import { describeRanks, type RankLabel } from "./rank-labels.server.ts";

/** The trend compares with the snapshot taken this many days before the KPIs, or the latest before that. */
export const TREND_PERIOD_DAYS = 30;
/** Cohorts shown in the F2 table, newest last. */
const SHOWN_COHORTS = 12;

export type RankRevenue = RankLabel & {
  readonly customerCount: number;
  readonly netSpendMinor: number;
};

export type Dashboard =
  | { readonly status: "notComputed" }
  /** Analytics ran, but no customer has a countable order yet. */
  | { readonly status: "noCustomers" }
  | {
      readonly status: "ready";
      readonly asOn: string;
      readonly currencyCode: string;
      readonly headline: KpiHeadline;
      /** null until a snapshot at least TREND_PERIOD_DAYS older exists. */
      readonly trend: {
        readonly sinceOn: string;
        readonly change: Record<KpiHeadlineKey, number | null>;
      } | null;
      readonly f2Windows: F2WindowSummary[];
      readonly f2Cohorts: F2Cohort[];
      readonly daysToSecondPurchase: DaysToSecondPurchase;
      readonly paretoShare: ParetoShare;
      readonly revenueByRank: RankRevenue[];
      readonly rfm: RfmThresholds;
    };

export async function getDashboard(shop: string): Promise<Dashboard> {
  const [summary, record] = await Promise.all([
    getShopAnalytics(shop),
    findShop(shop),
  ]);
  if (summary === null || summary.kpis === null)
    return { status: "notComputed" };
  const { kpis } = summary;
  if (kpis.customerCount === 0) return { status: "noCustomers" };
  const headline = toKpiHeadline(kpis, kpis.shopTotals.netRevenueMinor);
  const [previous, ranks] = await Promise.all([
    findSnapshotOnOrBefore(shop, addDays(kpis.asOn, -TREND_PERIOD_DAYS)),
    countCurrentRanks(shop),
  ]);
  const { labelOf } = await describeRanks(shop);
  return {
    status: "ready",
    asOn: kpis.asOn,
    currencyCode: record?.currencyCode ?? "",
    headline,
    trend: previous?.headline
      ? {
          sinceOn: previous.takenOn,
          change: compareKpiHeadlines(headline, previous.headline),
        }
      : null,
    f2Windows: kpis.f2Conversion.windows,
    f2Cohorts: kpis.f2Conversion.cohorts.slice(-SHOWN_COHORTS),
    daysToSecondPurchase: kpis.daysToSecondPurchase,
    paretoShare: kpis.paretoShare,
    revenueByRank: ranks.map((rank) => ({
      ...labelOf(rank.rankKey),
      customerCount: rank.customerCount,
      netSpendMinor: rank.netSpendMinor,
    })),
    rfm: describeRfmThresholds(summary),
  };
}
