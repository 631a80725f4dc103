// The rank a customer's recent orders will earn once the return-settlement delay has passed
// (product.md §2: "rank-up confirmed after a return-settlement delay"), so a page or badge can say
// "Gold from 12 March" while the order is still settling.
import { addDays } from "../calendar-days.ts";
import { evaluateRank, type RankState } from "./evaluate-rank.ts";
import { rankIndexOf, type RankPolicy } from "./rank-policy.ts";
import type { RankPurchase } from "./rank-qualification.ts";

export type PendingRank = {
  readonly rankKey: string;
  /** The day the rank-up takes effect if none of the orders is refunded or cancelled. */
  readonly confirmedOn: string;
};

/**
 * The higher rank the customer reaches when their unconfirmed orders (placed by asOn, less than the
 * confirmation delay before it) are confirmed, assuming no other order, refund or override; null
 * when those orders earn no higher rank than `state`, when nothing is unconfirmed, or under a
 * manual override.
 */
export function findPendingRank(
  policy: RankPolicy,
  purchases: readonly RankPurchase[],
  state: RankState,
  asOn: string,
): PendingRank | null {
  const delay = policy.confirmationDelayDays;
  if (state.manualOverride !== null || delay === 0) return null;
  const placed = purchases.filter((purchase) => purchase.occurredOn <= asOn);
  let lastUnconfirmedOn: string | null = null;
  for (const { occurredOn } of placed) {
    if (
      addDays(occurredOn, delay) > asOn &&
      (lastUnconfirmedOn === null || occurredOn > lastUnconfirmedOn)
    )
      lastUnconfirmedOn = occurredOn;
  }
  if (lastUnconfirmedOn === null) return null;
  const settled = evaluateRank(
    policy,
    placed,
    state,
    addDays(lastUnconfirmedOn, delay),
  );
  if (
    settled.change === null ||
    rankIndexOf(policy, settled.state.rankKey) <=
      rankIndexOf(policy, state.rankKey)
  )
    return null;
  return {
    rankKey: settled.state.rankKey,
    confirmedOn: settled.change.effectiveOn,
  };
}
