import { describe, expect, it } from "vitest";
import { evaluateRank } from "./evaluate-rank.ts";
import { findPendingRank } from "./pending-rank.ts";
import { buildThreeRankPolicy } from "./rank-policy.fixture.ts";
import type { RankPurchase } from "./rank-qualification.ts";

const POLICY = buildThreeRankPolicy();

function order(
  orderKey: string,
  occurredOn: string,
  netAmountMinor: number,
): RankPurchase {
  return { orderKey, occurredOn, netAmountMinor, taxMinor: 0 };
}

function stateAfter(purchases: RankPurchase[], asOn: string) {
  return evaluateRank(POLICY, purchases, null, asOn).state;
}

describe("findPendingRank", () => {
  it("names the rank an order still settling earns and the day it is confirmed", () => {
    // GIVEN silver since March, and a ¥45,000 order on 05-10 that is not settled on 05-12
    const purchases = [
      order("o1", "2024-03-01", 12_000),
      order("o2", "2024-05-10", 45_000),
    ];
    const state = stateAfter(purchases, "2024-05-12");
    expect(state.rankKey).toBe("silver");
    // THEN gold is pending, confirmed 7 days after the order
    expect(findPendingRank(POLICY, purchases, state, "2024-05-12")).toEqual({
      rankKey: "gold",
      confirmedOn: "2024-05-17",
    });
  });

  it("is null once the order is confirmed, or when the settling order earns no higher rank", () => {
    const purchases = [
      order("o1", "2024-03-01", 12_000),
      order("o2", "2024-05-10", 1_000),
    ];
    expect(
      findPendingRank(
        POLICY,
        purchases,
        stateAfter(purchases, "2024-05-12"),
        "2024-05-12",
      ),
    ).toBeNull();
    const settled = [order("o1", "2024-03-01", 60_000)];
    expect(
      findPendingRank(
        POLICY,
        settled,
        stateAfter(settled, "2024-03-20"),
        "2024-03-20",
      ),
    ).toBeNull();
  });

  it("is null under a manual override and without a confirmation delay", () => {
    const purchases = [order("o1", "2024-05-10", 60_000)];
    const state = stateAfter(purchases, "2024-05-12");
    const override = {
      rankKey: "silver",
      reason: "VIP",
      setBy: "staff",
      setAt: new Date("2024-05-11T00:00:00Z"),
    };
    expect(
      findPendingRank(
        POLICY,
        purchases,
        { ...state, manualOverride: override },
        "2024-05-12",
      ),
    ).toBeNull();
    const noDelay = buildThreeRankPolicy({}, { confirmationDelayDays: 0 });
    expect(
      findPendingRank(
        noDelay,
        purchases,
        evaluateRank(noDelay, purchases, null, "2024-05-12").state,
        "2024-05-12",
      ),
    ).toBeNull();
  });
});
