// The rank policy used when none was given: by `kizuna analyze` (docs/cli.md, "rank") and as a shop's
// first policy version until the merchant saves their own. A spend threshold means nothing without
// knowing the currency, so the default tiers count orders over a rolling 12 months, reviewed twice a
// year as many Japanese shops publish.
import type { RankPolicy } from "./rank-policy.ts";

export const DEFAULT_RANK_POLICY: RankPolicy = {
  version: 1,
  ranks: [
    {
      key: "regular",
      name: { en: "Regular", ja: "レギュラー" },
      color: "#8C9196",
      combine: "any",
    },
    {
      key: "silver",
      name: { en: "Silver", ja: "シルバー" },
      color: "#A8A9AD",
      minOrders: 2,
      combine: "any",
    },
    {
      key: "gold",
      name: { en: "Gold", ja: "ゴールド" },
      color: "#C9A227",
      minOrders: 5,
      combine: "any",
    },
    {
      key: "platinum",
      name: { en: "Platinum", ja: "プラチナ" },
      color: "#5C6AC4",
      minOrders: 10,
      combine: "any",
    },
  ],
  basis: "tax_inclusive",
  window: { kind: "rolling_months", months: 12 },
  // Historical orders have settled long ago, so no confirmation delay holds a rank-up back.
  confirmationDelayDays: 0,
  downgradeReviewDates: ["01-01", "07-01"],
  inactivityStepDown: null,
  refundDowngrade: "at_next_review",
};
