// The three-rank policy (regular, silver from 10,000, gold from 50,000 and 5 orders) that the
// rank tests share; each test file overrides only what its cases are about.
import type { RankDefinition, RankPolicy } from "./rank-policy.ts";

export function buildThreeRankPolicy(
  gold: Partial<Pick<RankDefinition, "minOrders" | "combine">> = {},
  overrides: Partial<RankPolicy> = {},
): RankPolicy {
  return {
    version: 1,
    ranks: [
      { key: "regular", name: { en: "Regular", ja: "レギュラー" }, color: "#888888", combine: "any" },
      { key: "silver", name: { en: "Silver", ja: "シルバー" }, color: "#c0c0c0", minNetSpendMinor: 10_000, combine: "any" },
      { key: "gold", name: { en: "Gold", ja: "ゴールド" }, color: "#d4af37", minNetSpendMinor: 50_000, minOrders: 5, combine: "any", ...gold },
    ],
    basis: "tax_inclusive",
    window: { kind: "rolling_months", months: 12 },
    confirmationDelayDays: 7,
    downgradeReviewDates: ["01-01", "07-01"],
    inactivityStepDown: null,
    refundDowngrade: "at_next_review",
    ...overrides,
  };
}
