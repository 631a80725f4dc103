import { describe, expect, it } from "vitest";
import { computeGapToKeepRank, computeGapToNextRank } from "./rank-gaps.ts";
import type { RankPolicy } from "./rank-policy.ts";
import { buildThreeRankPolicy } from "./rank-policy.fixture.ts";

const POLICY: RankPolicy = buildThreeRankPolicy({ combine: "all" });

const PURCHASES = [
  {
    orderKey: "o1",
    occurredOn: "2023-08-10",
    netAmountMinor: 8_000,
    taxMinor: 727,
  },
  {
    orderKey: "o2",
    occurredOn: "2024-03-01",
    netAmountMinor: 20_000,
    taxMinor: 1_818,
  },
  {
    orderKey: "o3",
    occurredOn: "2024-06-20",
    netAmountMinor: 5_000,
    taxMinor: 454,
  },
];

describe("computeGapToNextRank", () => {
  it("counts spend and orders still missing for the rank above, pending orders included", () => {
    expect(
      computeGapToNextRank(POLICY, PURCHASES, "silver", "2024-06-21"),
    ).toEqual({
      rankKey: "gold",
      netSpendMinor: 17_000,
      orders: 2,
      combine: "all",
    });
  });

  it("returns null at the top rank", () => {
    expect(
      computeGapToNextRank(POLICY, PURCHASES, "gold", "2024-06-21"),
    ).toBeNull();
  });
});

describe("computeGapToKeepRank", () => {
  it("counts what the window of the next review still needs and the last day to order", () => {
    // The 07-01 review reads orders placed 2023-06-25..2024-06-24: ¥33,000 over 3 orders.
    expect(
      computeGapToKeepRank(POLICY, PURCHASES, "gold", "2024-06-21"),
    ).toEqual({
      rankKey: "gold",
      netSpendMinor: 17_000,
      orders: 2,
      combine: "all",
      reviewOn: "2024-07-01",
      orderByOn: "2024-06-24",
    });
  });

  it("leaves out orders that fall out of the window by the review", () => {
    // The 2025-01-01 review reads 2023-12-26..2024-12-25: o2 and o3 only.
    expect(
      computeGapToKeepRank(POLICY, PURCHASES, "silver", "2024-07-01"),
    ).toMatchObject({
      netSpendMinor: 0,
      orders: null,
      reviewOn: "2025-01-01",
      orderByOn: "2024-12-25",
    });
  });

  it("returns null for the lowest rank, which cannot be lost", () => {
    expect(
      computeGapToKeepRank(POLICY, PURCHASES, "regular", "2024-06-21"),
    ).toBeNull();
  });
});
