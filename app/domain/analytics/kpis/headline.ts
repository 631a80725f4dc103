// The KPIs the Home dashboard leads with (product.md §2 "KPIs and reports", §5 "Home dashboard (KPIs,
// trends)"): read off the shop KPIs of a full recompute and kept in that day's snapshot, so a later
// day can show how each one moved since.
import type { ShopKpis } from "../customer-analytics.ts";

/** The F2 window the headline reports: long enough for most repeat orders, short enough to mature. */
export const HEADLINE_F2_WINDOW_DAYS = 90;

export type KpiHeadline = {
  readonly customerCount: number;
  /** Customers whose last order is at most ACTIVE_CUSTOMER_DAYS old. */
  readonly activeCustomerCount: number;
  /** null without customers. */
  readonly repeatRatio: number | null;
  /** 90-day F2 conversion over the complete cohorts; null before any cohort is complete. */
  readonly f2ConversionRatio: number | null;
  /** Net revenue of every countable order, guest orders included. */
  readonly netRevenueMinor: number;
  /** Share of customers' net spend from the top 20 %; null without spend. */
  readonly paretoShareRatio: number | null;
};

export type KpiHeadlineKey = keyof KpiHeadline;

export function toKpiHeadline(
  kpis: ShopKpis,
  netRevenueMinor: number,
): KpiHeadline {
  const f2 = kpis.f2Conversion.windows.find(
    (window) => window.windowDays === HEADLINE_F2_WINDOW_DAYS,
  );
  return {
    customerCount: kpis.customerCount,
    activeCustomerCount: kpis.activeCustomerCount,
    repeatRatio: kpis.repeatRate.repeatRatio,
    f2ConversionRatio: f2?.f2ConversionRatio ?? null,
    netRevenueMinor,
    paretoShareRatio: kpis.paretoShare.shareRatio,
  };
}

/**
 * How each headline KPI moved from `previous` to `current`: a difference in the KPI's own unit
 * (customers, minor units, or a ratio difference, i.e. percentage points / 100); null when either
 * side has no value.
 */
export function compareKpiHeadlines(
  current: KpiHeadline,
  previous: KpiHeadline,
): Record<KpiHeadlineKey, number | null> {
  const change = (key: KpiHeadlineKey) => {
    const now = current[key];
    const before = previous[key];
    return now === null || before === null ? null : now - before;
  };
  return {
    customerCount: change("customerCount"),
    activeCustomerCount: change("activeCustomerCount"),
    repeatRatio: change("repeatRatio"),
    f2ConversionRatio: change("f2ConversionRatio"),
    netRevenueMinor: change("netRevenueMinor"),
    paretoShareRatio: change("paretoShareRatio"),
  };
}
