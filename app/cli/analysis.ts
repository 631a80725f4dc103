// One shop's customer analytics from its dated purchases (product.md §2): purchase summaries, RFM
// scores and segments on per-shop quantiles, ranks under a policy, the BG/NBD + Gamma-Gamma fit, each
// customer's predictions and the shop KPIs. The rules live in app/domain/analytics; this module only
// lines their answers up.
import { fitShopModel, predictCustomer } from "../domain/analytics/clv/clv.ts";
import type { ShopModel } from "../domain/analytics/clv/clv.ts";
import { computeParetoShare } from "../domain/analytics/kpis/concentration.ts";
import type { ParetoShare } from "../domain/analytics/kpis/concentration.ts";
import {
  computeF2Conversion,
  computeRepeatRate,
} from "../domain/analytics/kpis/second-purchase.ts";
import type {
  F2WindowSummary,
  RepeatRate,
} from "../domain/analytics/kpis/second-purchase.ts";
import { summarizePurchases } from "../domain/analytics/purchase-summary.ts";
import { evaluateRank } from "../domain/analytics/ranks/evaluate-rank.ts";
import type { RankPolicy } from "../domain/analytics/ranks/rank-policy.ts";
import type { RankPurchase } from "../domain/analytics/ranks/rank-qualification.ts";
import { countRankDistribution } from "../domain/analytics/ranks/rank-reports.ts";
import type { RankCount } from "../domain/analytics/ranks/rank-reports.ts";
import { scoreCustomers } from "../domain/analytics/rfm.ts";
import type { RfmScale, RfmScoreValue } from "../domain/analytics/rfm.ts";
import { assignSegment } from "../domain/analytics/segments.ts";
import type { RfmSegment } from "../domain/analytics/segments.ts";
import { InputError } from "./command.ts";
import type { CustomerOrder, GuestPurchase } from "./read-orders.ts";

export type AnalysisOptions = {
  /** Last shop-local day of data used; null for the day of the last order. */
  readonly asOn: string | null;
  readonly horizonDays: number;
  readonly annualDiscountRate: number;
  readonly rankPolicy: RankPolicy;
};

export type CustomerAnalysis = {
  readonly customerId: string;
  readonly orders: number;
  readonly purchaseDays: number;
  readonly frequency: number;
  readonly recencyDays: number;
  readonly timeToLastPurchaseDays: number;
  readonly timeObservedDays: number;
  readonly monetaryTotalMinor: number;
  /** Mean total of the repeat purchase days, rounded half up; null without repeat purchases. */
  readonly averageRepeatSpendMinor: number | null;
  readonly recencyScore: RfmScoreValue;
  readonly frequencyScore: RfmScoreValue;
  readonly monetaryScore: RfmScoreValue;
  readonly segment: RfmSegment;
  readonly rankKey: string;
  readonly aliveProbability: number | null;
  readonly expectedPurchases: number | null;
  readonly expectedOrderValueMinor: number;
  readonly clvMinor: number | null;
  readonly expectedNextOrderOn: string | null;
};

export type ShopAnalysis = {
  readonly asOn: string;
  readonly customerCount: number;
  readonly repeatCustomerCount: number;
  /** Orders on or before the as-of date, guests included. */
  readonly orderCount: number;
  readonly guestOrderCount: number;
  readonly ordersAfterAsOfCount: number;
  readonly revenueMinor: number;
  readonly model: ShopModel;
  readonly rfmScale: RfmScale;
  readonly rankDistribution: RankCount[];
  readonly repeatRate: RepeatRate;
  readonly paretoShare: ParetoShare;
  readonly f2Conversion: F2WindowSummary[];
  readonly customers: CustomerAnalysis[];
};

function groupRankPurchases(
  customerPurchases: readonly CustomerOrder[],
): Map<string, RankPurchase[]> {
  const byCustomer = new Map<string, RankPurchase[]>();
  for (const order of customerPurchases) {
    let orders = byCustomer.get(order.customerKey);
    if (!orders) {
      orders = [];
      byCustomer.set(order.customerKey, orders);
    }
    orders.push({
      orderKey: order.orderKey,
      occurredOn: order.occurredOn,
      netAmountMinor: order.amountMinor,
      taxMinor: order.taxMinor,
    });
  }
  return byCustomer;
}

function lastOrderOn(
  customerPurchases: readonly CustomerOrder[],
  guestPurchases: readonly GuestPurchase[],
): string | null {
  let last: string | null = null;
  // 'YYYY-MM-DD' strings compare in date order.
  for (const { occurredOn } of customerPurchases)
    if (last === null || occurredOn > last) last = occurredOn;
  for (const { occurredOn } of guestPurchases)
    if (last === null || occurredOn > last) last = occurredOn;
  return last;
}

export function analyzeShop(
  customerPurchases: readonly CustomerOrder[],
  guestPurchases: readonly GuestPurchase[],
  options: AnalysisOptions,
): ShopAnalysis {
  const asOn = options.asOn ?? lastOrderOn(customerPurchases, guestPurchases);
  if (asOn === null) throw new InputError("the file has no valid orders");
  const summaries = summarizePurchases(customerPurchases, asOn);
  if (summaries.length === 0)
    throw new InputError(`no customer orders on or before ${asOn}`);
  const scoring = scoreCustomers(summaries);
  const model = fitShopModel(summaries);
  const rankPurchases = groupRankPurchases(customerPurchases);
  const guestsInRange = guestPurchases.filter(
    (purchase) => purchase.occurredOn <= asOn,
  );
  let orderCount = guestsInRange.length;
  let revenueMinor = 0;
  for (const guest of guestsInRange) revenueMinor += guest.amountMinor;
  const customers = summaries.map((summary, index): CustomerAnalysis => {
    const score = (scoring.customers[index] as (typeof scoring.customers)[0])
      .score;
    const prediction = predictCustomer(model, summary, {
      horizonDays: options.horizonDays,
      annualDiscountRate: options.annualDiscountRate,
    });
    orderCount += summary.orderCount;
    revenueMinor += summary.netSpendMinor;
    return {
      customerId: summary.customerKey,
      orders: summary.orderCount,
      purchaseDays: summary.purchaseDayCount,
      frequency: summary.frequency,
      recencyDays: summary.recencyDays,
      timeToLastPurchaseDays: summary.activeSpanDays,
      timeObservedDays: summary.customerAgeDays,
      monetaryTotalMinor: summary.netSpendMinor,
      averageRepeatSpendMinor:
        summary.frequency === 0
          ? null
          : Math.round(summary.repeatSpendMinor / summary.frequency),
      recencyScore: score.recency,
      frequencyScore: score.frequency,
      monetaryScore: score.monetary,
      segment: assignSegment(score),
      rankKey: evaluateRank(
        options.rankPolicy,
        rankPurchases.get(summary.customerKey) ?? [],
        null,
        asOn,
      ).state.rankKey,
      aliveProbability: prediction.aliveProbability,
      expectedPurchases: prediction.expectedPurchases,
      expectedOrderValueMinor: prediction.expectedOrderValueMinor,
      clvMinor: prediction.clvMinor,
      expectedNextOrderOn: prediction.expectedNextOrderOn,
    };
  });
  return {
    asOn,
    customerCount: summaries.length,
    repeatCustomerCount: model.repeatCustomerCount,
    orderCount,
    guestOrderCount: guestsInRange.length,
    ordersAfterAsOfCount:
      customerPurchases.length + guestPurchases.length - orderCount,
    revenueMinor,
    model,
    rfmScale: scoring.scale,
    rankDistribution: countRankDistribution(
      options.rankPolicy,
      customers.map((customer) => ({
        customerKey: customer.customerId,
        rankKey: customer.rankKey,
      })),
    ),
    repeatRate: computeRepeatRate(customerPurchases, asOn),
    paretoShare: computeParetoShare(
      summaries.map((summary) => ({
        customerKey: summary.customerKey,
        netSpendMinor: summary.netSpendMinor,
      })),
    ),
    f2Conversion: computeF2Conversion(customerPurchases, asOn).windows,
    customers,
  };
}
