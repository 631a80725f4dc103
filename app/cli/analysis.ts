// One shop's customer analytics from its dated purchases (product.md §2), as `kizuna analyze` prints
// them: the domain's analyzeShop (the same composition the app's recompute runs) on the file's
// customer orders, plus the guest orders the file's totals count, lined up in the CLI's columns.
import {
  analyzeShop as analyzeShopCustomers,
  type CustomerAnalysisInput,
  type CustomerOrder,
} from "../domain/analytics/customer-analytics.ts";
import type { ShopModel } from "../domain/analytics/clv/clv.ts";
import type { ParetoShare } from "../domain/analytics/kpis/concentration.ts";
import type {
  F2WindowSummary,
  RepeatRate,
} from "../domain/analytics/kpis/second-purchase.ts";
import type { RankPolicy } from "../domain/analytics/ranks/rank-policy.ts";
import type { RankCount } from "../domain/analytics/ranks/rank-reports.ts";
import type { RfmScale, RfmScoreValue } from "../domain/analytics/rfm.ts";
import type { RfmSegment } from "../domain/analytics/segments.ts";
import { InputError } from "./command.ts";
import type { GuestPurchase } from "./read-orders.ts";

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

function groupByCustomer(
  customerPurchases: readonly CustomerOrder[],
): CustomerAnalysisInput[] {
  const byCustomer = new Map<string, CustomerOrder[]>();
  for (const order of customerPurchases) {
    const orders = byCustomer.get(order.customerKey);
    if (orders) orders.push(order);
    else byCustomer.set(order.customerKey, [order]);
  }
  return [...byCustomer.keys()].sort().map((customerKey) => ({
    customerKey,
    orders: byCustomer.get(customerKey) as CustomerOrder[],
    rankState: null,
  }));
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
  const analysis = analyzeShopCustomers(
    groupByCustomer(customerPurchases),
    asOn,
    options.rankPolicy,
    {
      prediction: {
        horizonDays: options.horizonDays,
        annualDiscountRate: options.annualDiscountRate,
      },
    },
  );
  if (analysis.kpis.customerCount === 0)
    throw new InputError(`no customer orders on or before ${asOn}`);
  const guestsInRange = guestPurchases.filter(
    (purchase) => purchase.occurredOn <= asOn,
  );
  let guestRevenueMinor = 0;
  for (const guest of guestsInRange) guestRevenueMinor += guest.amountMinor;
  const orderCount = analysis.kpis.orderCount + guestsInRange.length;
  const { model } = analysis.scoring;
  return {
    asOn,
    customerCount: analysis.kpis.customerCount,
    repeatCustomerCount: model.repeatCustomerCount,
    orderCount,
    guestOrderCount: guestsInRange.length,
    ordersAfterAsOfCount:
      customerPurchases.length + guestPurchases.length - orderCount,
    revenueMinor: analysis.kpis.netSpendMinor + guestRevenueMinor,
    model,
    rfmScale: analysis.scoring.rfmScale,
    rankDistribution: analysis.kpis.rankDistribution,
    repeatRate: analysis.kpis.repeatRate,
    paretoShare: analysis.kpis.paretoShare,
    f2Conversion: analysis.kpis.f2Conversion.windows,
    customers: analysis.customers.map((customer): CustomerAnalysis => {
      // Every customer the CLI analyses has an order by asOn, a summary, a score and a prediction.
      const summary = customer.summary as NonNullable<typeof customer.summary>;
      const score = customer.score as NonNullable<typeof customer.score>;
      const prediction = customer.prediction as NonNullable<
        typeof customer.prediction
      >;
      return {
        customerId: customer.customerKey,
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
        segment: customer.segment as RfmSegment,
        rankKey: customer.rank.state.rankKey,
        aliveProbability: prediction.aliveProbability,
        expectedPurchases: prediction.expectedPurchases,
        expectedOrderValueMinor: prediction.expectedOrderValueMinor,
        clvMinor: prediction.clvMinor,
        expectedNextOrderOn: prediction.expectedNextOrderOn,
      };
    }),
  };
}
