// What a customer's orders in a rank window add up to, and the highest rank that total earns
// (product.md §2). Both tax bases read the same input: the net amount the customer paid after
// refunds, tax included, and the tax inside it.
import { UNSAFE_PURCHASE_AMOUNT, assertAnalytics } from "../errors.ts";
import {
  windowStartOn,
  type RankDefinition,
  type RankPolicy,
} from "./rank-policy.ts";

export type RankPurchase = {
  /** The order's stable key (its GID). */
  readonly orderKey: string;
  /** Shop-local date of the order, 'YYYY-MM-DD'. */
  readonly occurredOn: string;
  /** Paid total minus refunds, tax included, in minor units. */
  readonly netAmountMinor: number;
  /** Tax inside netAmountMinor, in minor units. */
  readonly taxMinor: number;
};

export type CountedOrder = {
  readonly orderKey: string;
  readonly occurredOn: string;
  /** The order's amount on the policy's basis, never below 0. */
  readonly amountMinor: number;
};

/** The orders of one window and their totals: what a rank decision rests on. */
export type RankEvidence = {
  /** Inclusive; null for a lifetime window. */
  readonly windowStartOn: string | null;
  readonly windowEndOn: string;
  readonly netSpendMinor: number;
  /** Orders with a positive amount; a fully refunded order is no order. */
  readonly orderCount: number;
  readonly orders: readonly CountedOrder[];
};

/** Amounts on the policy basis, sorted by date then key, so every later step is deterministic. */
export function countOrders(
  policy: RankPolicy,
  purchases: readonly RankPurchase[],
): CountedOrder[] {
  return purchases
    .map((purchase) => {
      assertAnalytics(
        Number.isSafeInteger(purchase.netAmountMinor) &&
          Number.isSafeInteger(purchase.taxMinor),
        UNSAFE_PURCHASE_AMOUNT,
      );
      const amount =
        policy.basis === "tax_inclusive"
          ? purchase.netAmountMinor
          : purchase.netAmountMinor - purchase.taxMinor;
      return {
        orderKey: purchase.orderKey,
        occurredOn: purchase.occurredOn,
        amountMinor: Math.max(0, amount),
      };
    })
    .sort((a, b) =>
      a.occurredOn !== b.occurredOn
        ? a.occurredOn < b.occurredOn
          ? -1
          : 1
        : a.orderKey < b.orderKey
          ? -1
          : a.orderKey > b.orderKey
            ? 1
            : 0,
    );
}

/** Where a window lies in the sorted orders, and what it adds up to. */
export type WindowTotals = Pick<
  RankEvidence,
  "windowStartOn" | "windowEndOn" | "netSpendMinor" | "orderCount"
> & {
  /** The window's orders are orders[from..to). */
  readonly from: number;
  readonly to: number;
};

export type WindowMeter = {
  readonly measure: (endOn: string) => WindowTotals;
  readonly evidence: (totals: WindowTotals) => RankEvidence;
};

/** The first index whose order is on or after (`inclusive`) / after `on`, in date-sorted orders. */
function searchDate(
  orders: readonly CountedOrder[],
  on: string,
  inclusive: boolean,
): number {
  let low = 0;
  let high = orders.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const date = (orders[middle] as CountedOrder).occurredOn;
    if (inclusive ? date < on : date <= on) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Measures policy windows over orders sorted by countOrders: a window is a contiguous run of them,
 * found by binary search and summed from running totals, so replaying many days costs little more
 * than one pass; the orders themselves are listed only for the evidence of a decision.
 */
export function createWindowMeter(
  policy: RankPolicy,
  orders: readonly CountedOrder[],
): WindowMeter {
  const spendBefore = [0];
  const countBefore = [0];
  for (const order of orders) {
    spendBefore.push((spendBefore.at(-1) as number) + order.amountMinor);
    countBefore.push(
      (countBefore.at(-1) as number) + (order.amountMinor > 0 ? 1 : 0),
    );
  }
  return {
    measure: (endOn) => {
      const startOn = windowStartOn(policy.window, endOn);
      const to = searchDate(orders, endOn, false);
      const from =
        startOn === null ? 0 : Math.min(to, searchDate(orders, startOn, true));
      return {
        windowStartOn: startOn,
        windowEndOn: endOn,
        netSpendMinor:
          (spendBefore[to] as number) - (spendBefore[from] as number),
        orderCount: (countBefore[to] as number) - (countBefore[from] as number),
        from,
        to,
      };
    },
    evidence: ({ from, to, ...totals }) => ({
      windowStartOn: totals.windowStartOn,
      windowEndOn: totals.windowEndOn,
      netSpendMinor: totals.netSpendMinor,
      orderCount: totals.orderCount,
      orders: orders.slice(from, to),
    }),
  };
}

/** The policy window ending on `endOn` (inclusive) over orders sorted by countOrders. */
export function measureWindow(
  policy: RankPolicy,
  orders: readonly CountedOrder[],
  endOn: string,
): RankEvidence {
  const meter = createWindowMeter(policy, orders);
  return meter.evidence(meter.measure(endOn));
}

export function meetsRank(
  rank: RankDefinition,
  evidence: Pick<RankEvidence, "netSpendMinor" | "orderCount">,
): boolean {
  // Without an array: the replay asks this on every event day of every customer.
  const spend = rank.minNetSpendMinor === undefined ? null : evidence.netSpendMinor >= rank.minNetSpendMinor;
  const orders = rank.minOrders === undefined ? null : evidence.orderCount >= rank.minOrders;
  if (spend === null) return orders ?? true;
  if (orders === null) return spend;
  return rank.combine === "all" ? spend && orders : spend || orders;
}

/** Index of the highest rank the evidence meets; the lowest rank (0) needs nothing. */
export function qualifyRank(
  policy: RankPolicy,
  evidence: Pick<RankEvidence, "netSpendMinor" | "orderCount">,
): number {
  for (let index = policy.ranks.length - 1; index > 0; index--) {
    if (meetsRank(policy.ranks[index] as RankDefinition, evidence))
      return index;
  }
  return 0;
}
