// Plain-language explanation of a customer's predictions in English and Japanese (product.md §2:
// "a plain explanation for every prediction"), naming the method behind the numbers so a merchant
// can tell a fitted model from the small-shop rule.
import type { CustomerPrediction, HeuristicReason } from "./clv/clv.ts";

export type ExplanationLocale = "en" | "ja";

type Phrases = {
  readonly pace: (intervalDays: number, recencyDays: number) => string;
  readonly recencyOnly: (recencyDays: number) => string;
  readonly outlook: (
    alivePercent: number,
    purchases: string,
    horizonDays: number,
  ) => string;
  readonly nextOrder: (on: string) => string;
  readonly fitted: string;
  readonly heuristic: (reason: string) => string;
  readonly noRepeatOrders: string;
  readonly reasons: Readonly<Record<HeuristicReason, string>>;
  readonly spend: Readonly<Record<CustomerPrediction["spendMethod"], string>>;
};

const PHRASES: Readonly<Record<ExplanationLocale, Phrases>> = {
  en: {
    pace: (interval, recency) =>
      `Usually orders every ${interval} ${interval === 1 ? "day" : "days"}; last order ${describeDaysAgoEn(recency)}.`,
    recencyOnly: (recency) => `Last order ${describeDaysAgoEn(recency)}.`,
    outlook: (percent, purchases, horizon) =>
      `${percent}% likely to still be an active customer; expected orders in the next ${horizon} days: ${purchases}.`,
    nextOrder: (on) =>
      `If still active, there is an even chance of another order by ${on}.`,
    fitted:
      "Estimated with a statistical model (BG/NBD) fitted to this shop's order history.",
    heuristic: (reason) =>
      `Estimated with a simple rule because ${reason}: a steady pace of orders, and the chance of going this long without one at that pace.`,
    noRepeatOrders:
      "No customer of this shop has ordered twice yet, so future orders cannot be estimated.",
    reasons: {
      TOO_FEW_REPEAT_CUSTOMERS:
        "too few customers have ordered more than once for a statistical model",
      NOT_CONVERGED:
        "the statistical model could not be fitted reliably to this shop's orders",
      PARAMETERS_AT_BOUNDS:
        "this shop's orders do not determine the statistical model well",
    },
    spend: {
      gammaGamma:
        "Expected order value blends this customer's average with the shop's (Gamma-Gamma model).",
      customerAverage:
        "Expected order value is this customer's average so far.",
    },
  },
  ja: {
    pace: (interval, recency) =>
      `通常${interval}日ごとに注文しています。最終注文は${describeDaysAgoJa(recency)}です。`,
    recencyOnly: (recency) => `最終注文は${describeDaysAgoJa(recency)}です。`,
    outlook: (percent, purchases, horizon) =>
      `現在も利用中である確率は${percent}%、今後${horizon}日間の注文見込みは${purchases}回です。`,
    nextOrder: (on) =>
      `利用中であれば、${on}までに次の注文がある確率は50%です。`,
    fitted:
      "このショップの注文履歴に当てはめた統計モデル(BG/NBD)による推定です。",
    heuristic: (reason) =>
      `${reason}ため、簡易ルールで推定しています(一定のペースで注文すると仮定し、そのペースでこれだけ注文がない確率を用いています)。`,
    noRepeatOrders:
      "このショップではまだ2回以上注文した顧客がいないため、今後の注文は推定できません。",
    reasons: {
      TOO_FEW_REPEAT_CUSTOMERS: "2回以上注文した顧客が統計モデルには少なすぎる",
      NOT_CONVERGED:
        "統計モデルをこのショップの注文に安定して当てはめられなかった",
      PARAMETERS_AT_BOUNDS:
        "このショップの注文からは統計モデルを十分に決められない",
    },
    spend: {
      gammaGamma:
        "想定注文額は、この顧客の平均とショップ全体の平均を組み合わせたもの(Gamma-Gammaモデル)です。",
      customerAverage: "想定注文額は、この顧客のこれまでの平均です。",
    },
  },
};

function describeDaysAgoEn(days: number): string {
  if (days === 0) return "today";
  return `${days} ${days === 1 ? "day" : "days"} ago`;
}

function describeDaysAgoJa(days: number): string {
  return days === 0 ? "今日" : `${days}日前`;
}

/**
 * One short paragraph explaining where the customer's numbers come from. `formatDay` writes the
 * expected next-order date as the rest of the page writes dates; ISO 'YYYY-MM-DD' by default.
 */
export function explainPrediction(
  prediction: CustomerPrediction,
  locale: ExplanationLocale,
  formatDay: (on: string) => string = (on) => on,
): string {
  const phrases = PHRASES[locale];
  const sentences: string[] = [];
  const { typicalIntervalDays, aliveProbability, expectedPurchases } =
    prediction;
  if (
    typicalIntervalDays === null ||
    aliveProbability === null ||
    expectedPurchases === null
  ) {
    sentences.push(
      phrases.recencyOnly(prediction.recencyDays),
      phrases.noRepeatOrders,
    );
  } else {
    sentences.push(
      phrases.pace(
        Math.max(1, Math.round(typicalIntervalDays)),
        prediction.recencyDays,
      ),
      phrases.outlook(
        Math.round(aliveProbability * 100),
        expectedPurchases.toFixed(1),
        prediction.horizonDays,
      ),
    );
    if (prediction.expectedNextOrderOn !== null)
      sentences.push(phrases.nextOrder(formatDay(prediction.expectedNextOrderOn)));
    sentences.push(
      prediction.heuristicReason === null
        ? phrases.fitted
        : phrases.heuristic(phrases.reasons[prediction.heuristicReason]),
    );
  }
  sentences.push(phrases.spend[prediction.spendMethod]);
  return sentences.join(locale === "en" ? " " : "");
}
