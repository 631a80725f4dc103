import { describe, expect, it } from "vitest";
import type { CustomerPrediction } from "./clv/clv.ts";
import { explainPrediction } from "./explain.ts";

const FITTED: CustomerPrediction = {
  customerKey: "a",
  method: "bgNbd",
  heuristicReason: null,
  spendMethod: "gammaGamma",
  horizonDays: 365,
  recencyDays: 120,
  typicalIntervalDays: 41.4,
  aliveProbability: 0.3512,
  expectedPurchases: 0.84,
  expectedOrderValueMinor: 4200,
  clvMinor: 3300,
  expectedNextOrderOn: "2024-06-02",
};

const HEURISTIC: CustomerPrediction = {
  ...FITTED,
  method: "heuristic",
  heuristicReason: "TOO_FEW_REPEAT_CUSTOMERS",
  spendMethod: "customerAverage",
  recencyDays: 1,
  typicalIntervalDays: 1.2,
};

const NO_ESTIMATE: CustomerPrediction = {
  ...HEURISTIC,
  recencyDays: 0,
  typicalIntervalDays: null,
  aliveProbability: null,
  expectedPurchases: null,
  clvMinor: null,
  expectedNextOrderOn: null,
};

describe("explainPrediction", () => {
  it.each<[string, CustomerPrediction, "en" | "ja", string]>([
    [
      "a fitted prediction",
      FITTED,
      "en",
      "Usually orders every 41 days; last order 120 days ago. 35% likely to still be an active customer; expected orders in the next 365 days: 0.8. " +
        "If still active, there is an even chance of another order by 2024-06-02. " +
        "Estimated with a statistical model (BG/NBD) fitted to this shop's order history. " +
        "Expected order value blends this customer's average with the shop's (Gamma-Gamma model).",
    ],
    [
      "a fitted prediction",
      FITTED,
      "ja",
      "通常41日ごとに注文しています。最終注文は120日前です。現在も利用中である確率は35%、今後365日間の注文見込みは0.8回です。" +
        "利用中であれば、2024-06-02までに次の注文がある確率は50%です。" +
        "このショップの注文履歴に当てはめた統計モデル(BG/NBD)による推定です。" +
        "想定注文額は、この顧客の平均とショップ全体の平均を組み合わせたもの(Gamma-Gammaモデル)です。",
    ],
    [
      "a small-shop prediction",
      HEURISTIC,
      "en",
      "Usually orders every 1 day; last order 1 day ago. 35% likely to still be an active customer; expected orders in the next 365 days: 0.8. " +
        "If still active, there is an even chance of another order by 2024-06-02. " +
        "Estimated with a simple rule because too few customers have ordered more than once for a statistical model: " +
        "a steady pace of orders, and the chance of going this long without one at that pace. " +
        "Expected order value is this customer's average so far.",
    ],
    [
      "a small-shop prediction",
      HEURISTIC,
      "ja",
      "通常1日ごとに注文しています。最終注文は1日前です。現在も利用中である確率は35%、今後365日間の注文見込みは0.8回です。" +
        "利用中であれば、2024-06-02までに次の注文がある確率は50%です。" +
        "2回以上注文した顧客が統計モデルには少なすぎるため、簡易ルールで推定しています(一定のペースで注文すると仮定し、そのペースでこれだけ注文がない確率を用いています)。" +
        "想定注文額は、この顧客のこれまでの平均です。",
    ],
    [
      "a shop where nobody came back",
      NO_ESTIMATE,
      "en",
      "Last order today. No customer of this shop has ordered twice yet, so future orders cannot be estimated. Expected order value is this customer's average so far.",
    ],
    [
      "a shop where nobody came back",
      NO_ESTIMATE,
      "ja",
      "最終注文は今日です。このショップではまだ2回以上注文した顧客がいないため、今後の注文は推定できません。想定注文額は、この顧客のこれまでの平均です。",
    ],
  ])("explains %s in %s", (_, prediction, locale, expected) => {
    expect(explainPrediction(prediction, locale)).toBe(expected);
  });

  it("writes the next-order date with the page's own date format", () => {
    const japaneseDay = (on: string) => on.replaceAll("-", "/");
    expect(explainPrediction(FITTED, "ja", japaneseDay)).toContain("利用中であれば、2024/06/02までに");
    expect(explainPrediction(FITTED, "en", () => "Jun 2, 2024")).toContain("another order by Jun 2, 2024.");
  });

  it.each<["NOT_CONVERGED" | "PARAMETERS_AT_BOUNDS", string]>([
    [
      "NOT_CONVERGED",
      "the statistical model could not be fitted reliably to this shop's orders",
    ],
    [
      "PARAMETERS_AT_BOUNDS",
      "this shop's orders do not determine the statistical model well",
    ],
  ])("names the %s fallback reason", (reason, phrase) => {
    expect(
      explainPrediction({ ...HEURISTIC, heuristicReason: reason }, "en"),
    ).toContain(`because ${phrase}:`);
  });
});
