// Per-customer purchase summary as of a shop-local date: the RFM inputs (product.md §2) and the
// buy-till-you-die inputs x, t_x, T, with same-day orders merged into one purchase day as in
// Fader, Hardie & Lee (2005) and the CDNOW conventions of ../shared/data/README.md.
import { toEpochDay } from "./calendar-days.ts";
import { UNSAFE_PURCHASE_AMOUNT, assertAnalytics } from "./errors.ts";

export type Purchase = {
  readonly customerKey: string;
  /** Shop-local date of the order, 'YYYY-MM-DD'. */
  readonly occurredOn: string;
  /** Net amount of the order in integer minor units (may be zero or negative after refunds). */
  readonly amountMinor: number;
};

export type PurchaseSummary = {
  readonly customerKey: string;
  readonly orderCount: number;
  /** Distinct days with at least one order. */
  readonly purchaseDayCount: number;
  readonly firstPurchaseOn: string;
  readonly lastPurchaseOn: string;
  readonly netSpendMinor: number;
  /** netSpendMinor / orderCount, rounded half up to a whole minor unit. */
  readonly averageOrderValueMinor: number;
  /** Repeat purchase days (x = purchaseDayCount - 1). */
  readonly frequency: number;
  /** Days from the last purchase to the as-of date. */
  readonly recencyDays: number;
  /** Days from the first purchase to the last (t_x). */
  readonly activeSpanDays: number;
  /** Days from the first purchase to the as-of date (T). */
  readonly customerAgeDays: number;
  /** Spend on the repeat purchase days, i.e. every purchase day but the first (x * m̄ of Gamma-Gamma). */
  readonly repeatSpendMinor: number;
};

type DayTotals = { orderCount: number; spendByDay: Map<string, number> };

/**
 * Summarises each customer's purchases made on or before `asOn`; later purchases are ignored, so a
 * calibration period is just an earlier `asOn`. Returns one summary per customer, sorted by key.
 */
export function summarizePurchases(
  purchases: Iterable<Purchase>,
  asOn: string,
): PurchaseSummary[] {
  // Shops have far fewer distinct dates than orders, so each date is parsed and validated once.
  const epochDays = new Map<string, number>();
  const epochDayOf = (on: string): number => {
    let day = epochDays.get(on);
    if (day === undefined) {
      day = toEpochDay(on);
      epochDays.set(on, day);
    }
    return day;
  };
  const asOfDay = epochDayOf(asOn);
  const byCustomer = new Map<string, DayTotals>();
  for (const purchase of purchases) {
    assertAnalytics(
      Number.isSafeInteger(purchase.amountMinor),
      UNSAFE_PURCHASE_AMOUNT,
    );
    if (epochDayOf(purchase.occurredOn) > asOfDay) continue;
    let totals = byCustomer.get(purchase.customerKey);
    if (!totals) {
      totals = { orderCount: 0, spendByDay: new Map() };
      byCustomer.set(purchase.customerKey, totals);
    }
    totals.orderCount += 1;
    totals.spendByDay.set(
      purchase.occurredOn,
      (totals.spendByDay.get(purchase.occurredOn) ?? 0) + purchase.amountMinor,
    );
  }
  const keys = [...byCustomer.keys()].sort();
  return keys.map((customerKey) =>
    summarizeCustomer(
      customerKey,
      byCustomer.get(customerKey) as DayTotals,
      asOfDay,
      epochDayOf,
    ),
  );
}

function summarizeCustomer(
  customerKey: string,
  totals: DayTotals,
  asOfDay: number,
  epochDayOf: (on: string) => number,
): PurchaseSummary {
  // 'YYYY-MM-DD' strings sort in date order.
  const days = [...totals.spendByDay.keys()].sort();
  const firstPurchaseOn = days[0] as string;
  const lastPurchaseOn = days[days.length - 1] as string;
  const firstDay = epochDayOf(firstPurchaseOn);
  const lastDay = epochDayOf(lastPurchaseOn);
  let netSpendMinor = 0;
  for (const amount of totals.spendByDay.values()) netSpendMinor += amount;
  const firstDaySpendMinor = totals.spendByDay.get(firstPurchaseOn) as number;
  return {
    customerKey,
    orderCount: totals.orderCount,
    purchaseDayCount: days.length,
    firstPurchaseOn,
    lastPurchaseOn,
    netSpendMinor,
    averageOrderValueMinor: Math.round(netSpendMinor / totals.orderCount),
    frequency: days.length - 1,
    recencyDays: asOfDay - lastDay,
    activeSpanDays: lastDay - firstDay,
    customerAgeDays: asOfDay - firstDay,
    repeatSpendMinor: netSpendMinor - firstDaySpendMinor,
  };
}
