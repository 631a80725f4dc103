// "Gap to next rank" and "to keep this rank" (product.md §2): what a customer still has to spend or
// order. Both count every order placed by asOn, settled or not, since pending orders settle unless
// returned; keeping is judged at the next review date on orders placed by review - delay.
import { addDays } from "../calendar-days.ts";
import {
  findNextReviewDate,
  rankIndexOf,
  type RankDefinition,
  type RankPolicy,
} from "./rank-policy.ts";
import {
  countOrders,
  measureWindow,
  type RankEvidence,
  type RankPurchase,
} from "./rank-qualification.ts";

export type RankGap = {
  readonly rankKey: string;
  /** Spend still missing (0 when met); null when the rank has no spend threshold. */
  readonly netSpendMinor: number | null;
  /** Orders still missing (0 when met); null when the rank has no order threshold. */
  readonly orders: number | null;
  /** "any": closing either gap is enough; "all": both. */
  readonly combine: "any" | "all";
};

export type KeepRankGap = RankGap & {
  readonly reviewOn: string;
  /** Last day an order can be placed and still be settled for the review. */
  readonly orderByOn: string;
};

function gapFor(rank: RankDefinition, evidence: RankEvidence): RankGap {
  return {
    rankKey: rank.key,
    netSpendMinor:
      rank.minNetSpendMinor === undefined
        ? null
        : Math.max(0, rank.minNetSpendMinor - evidence.netSpendMinor),
    orders:
      rank.minOrders === undefined
        ? null
        : Math.max(0, rank.minOrders - evidence.orderCount),
    combine: rank.combine,
  };
}

/** What the rank above `rankKey` still needs in the window ending asOn; null at the top rank. */
export function computeGapToNextRank(
  policy: RankPolicy,
  purchases: readonly RankPurchase[],
  rankKey: string,
  asOn: string,
): RankGap | null {
  const next = policy.ranks[rankIndexOf(policy, rankKey) + 1];
  if (!next) return null;
  const orders = countOrders(
    policy,
    purchases.filter((purchase) => purchase.occurredOn <= asOn),
  );
  return gapFor(next, measureWindow(policy, orders, asOn));
}

/**
 * What keeping `rankKey` through the next review date needs, counting the orders placed by asOn
 * that will still be in the review's window. null for the lowest rank, which cannot be lost, and
 * for a policy without review dates.
 */
export function computeGapToKeepRank(
  policy: RankPolicy,
  purchases: readonly RankPurchase[],
  rankKey: string,
  asOn: string,
): KeepRankGap | null {
  const index = rankIndexOf(policy, rankKey);
  const reviewOn = findNextReviewDate(policy, asOn);
  if (index === 0 || reviewOn === null) return null;
  const orderByOn = addDays(reviewOn, -policy.confirmationDelayDays);
  const orders = countOrders(
    policy,
    purchases.filter((purchase) => purchase.occurredOn <= asOn),
  );
  return {
    ...gapFor(
      policy.ranks[index] as RankDefinition,
      measureWindow(policy, orders, orderByOn),
    ),
    reviewOn,
    orderByOn,
  };
}
