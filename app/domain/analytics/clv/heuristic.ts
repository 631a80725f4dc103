// Transparent fallback predictions for shops with too little data for a stable BG/NBD fit
// (product.md §2: "works for small shops too … with a transparent fallback"): a customer is assumed
// to buy at a steady pace, and recency is read through exponential survival at that pace.
import type { PurchaseSummary } from "../purchase-summary.ts";

/**
 * The shop's typical time between orders: the median over returning customers of each one's mean
 * gap between purchase days (t_x / x). Each customer counts once, so heavy buyers do not dominate.
 * null when nobody has come back yet.
 */
export function computeMedianIntervalDays(
  summaries: readonly PurchaseSummary[],
): number | null {
  const intervals = summaries
    .filter((summary) => summary.frequency > 0)
    .map((summary) => summary.activeSpanDays / summary.frequency)
    .sort((left, right) => left - right);
  if (intervals.length === 0) return null;
  const middle = intervals.length >> 1;
  return intervals.length % 2 === 1
    ? (intervals[middle] as number)
    : ((intervals[middle - 1] as number) + (intervals[middle] as number)) / 2;
}

/**
 * The customer's own pace shrunk toward the shop's: (t_x + median) / (x + 1), i.e. the shop median
 * counts as one extra observed gap, so a single quick reorder does not imply daily orders.
 */
export function estimateIntervalDays(
  summary: PurchaseSummary,
  medianIntervalDays: number,
): number {
  return (
    (summary.activeSpanDays + medianIntervalDays) / (summary.frequency + 1)
  );
}

/** The chance that a customer buying every `intervalDays` on average goes `recencyDays` without an order: e^(−recency / interval). */
export function estimateAliveProbability(
  recencyDays: number,
  intervalDays: number,
): number {
  return Math.exp(-recencyDays / intervalDays);
}

/** Expected orders in the next `days`: steady buying at the customer's pace, weighted by the chance they are still active. */
export function estimateExpectedPurchases(
  aliveProbability: number,
  intervalDays: number,
  days: number,
): number {
  return (aliveProbability * days) / intervalDays;
}

/** Median wait to the next order while active: an exponential wait with mean `intervalDays` has median interval × ln 2. */
export function estimateMedianDaysToNextPurchase(intervalDays: number): number {
  return intervalDays * Math.LN2;
}
