// One customer's analytics and the shop's, composed from the analytics core (product.md §2): purchase
// summary, RFM on the shop's scale, segment, rank with its pending rank-up and gaps, predictions, and
// the shop KPIs. The CLI, the daily full recompute and the update on each order all call these, so a
// customer's analysis depends only on their orders, their stored rank state, the as-of date and the
// shop's scoring (docs/decisions/011).
import { isAwaitingOrder, type OrderState } from "../orders.ts";
import { fitShopModel, predictCustomer } from "./clv/clv.ts";
import type { CustomerPrediction, ShopModel } from "./clv/clv.ts";
import { computeParetoShare } from "./kpis/concentration.ts";
import type { ParetoShare } from "./kpis/concentration.ts";
import {
  computeSecondPurchaseKpis,
} from "./kpis/second-purchase.ts";
import type {
  DaysToSecondPurchase,
  F2Conversion,
  RepeatRate,
} from "./kpis/second-purchase.ts";
import { summarizePurchases } from "./purchase-summary.ts";
import type { Purchase, PurchaseSummary } from "./purchase-summary.ts";
import {
  evaluateRank,
  removeManualOverride,
  type ManualOverride,
  type RankEvaluation,
  type RankState,
} from "./ranks/evaluate-rank.ts";
import { findPendingRank, type PendingRank } from "./ranks/pending-rank.ts";
import {
  computeGapToKeepRank,
  computeGapToNextRank,
  type KeepRankGap,
  type RankGap,
} from "./ranks/rank-gaps.ts";
import type { RankPolicy } from "./ranks/rank-policy.ts";
import type { RankPurchase } from "./ranks/rank-qualification.ts";
import {
  countRankDistribution,
  type RankAssignment,
  type RankCount,
} from "./ranks/rank-reports.ts";
import {
  computeQuantileScale,
  scoreCustomers,
  scoreFrequency,
  scoreMonetary,
  scoreRecency,
} from "./rfm.ts";
import type { RfmScale, RfmScaleOption, RfmScore } from "./rfm.ts";
import {
  RFM_SEGMENTS,
  SHOPIFY_RFM_GROUP_WITHOUT_ORDERS,
  assignSegment,
  shopifyRfmGroupFor,
} from "./segments.ts";
import type { RfmSegment, ShopifyRfmGroup } from "./segments.ts";

/** A customer's countable order as analytics and ranks read it: shop-local day, net amount, its tax. */
export type CustomerOrder = Purchase & {
  /** The order's stable key (its GID in the app). */
  readonly orderKey: string;
  /** Tax inside amountMinor. */
  readonly taxMinor: number;
};

export type PredictionSettings = {
  readonly horizonDays: number;
  /** Yearly discount rate for CLV, e.g. 0.1 for 10 %. */
  readonly annualDiscountRate: number;
};

export const DEFAULT_PREDICTION_SETTINGS: PredictionSettings = {
  horizonDays: 365,
  annualDiscountRate: 0.1,
};

/**
 * What a full recompute fixes for the whole shop, because it depends on every customer: the RFM
 * cut points and the fitted purchase and spend models. Between two full recomputes a customer is
 * scored with the stored one.
 */
export type ShopScoring = {
  readonly rfmMethod: RfmScaleOption["method"];
  readonly rfmScale: RfmScale;
  readonly model: ShopModel;
  readonly prediction: PredictionSettings;
};

export type CustomerAnalysisInput = {
  readonly customerKey: string;
  /** The customer's countable orders: cancelled, voided and test orders left out, refunds netted. */
  readonly orders: readonly CustomerOrder[];
  /** The stored rank state; null when the customer has never been ranked. */
  readonly rankState: RankState | null;
};

/** What happens to the rank besides replaying the rules: nothing, or an override set or removed. */
export type RankInstruction =
  | { readonly kind: "evaluate" }
  | { readonly kind: "setOverride"; readonly override: ManualOverride }
  | { readonly kind: "removeOverride" };

export type CustomerAnalysis = {
  readonly customerKey: string;
  readonly asOn: string;
  /** null when no countable order was placed by asOn. */
  readonly summary: PurchaseSummary | null;
  /** null without a summary or without a shop scoring yet. */
  readonly score: RfmScore | null;
  readonly segment: RfmSegment | null;
  readonly shopifyRfmGroup: ShopifyRfmGroup;
  readonly rank: RankEvaluation;
  readonly pendingRank: PendingRank | null;
  readonly gapToNextRank: RankGap | null;
  readonly gapToKeepRank: KeepRankGap | null;
  readonly prediction: CustomerPrediction | null;
};

const EVALUATE: RankInstruction = { kind: "evaluate" };

/**
 * The customers whose analytics an order's new state can change: its customer before and after
 * (an order can be moved to another customer), whether or not it counted then or counts now.
 */
export function listCustomersAffectedByOrder(
  before: OrderState | null,
  after: OrderState,
): string[] {
  const customers = new Set<string>();
  for (const state of [before, after])
    if (state !== null && !isAwaitingOrder(state) && state.customerGid !== null)
      customers.add(state.customerGid);
  return [...customers];
}

/** The customer's purchase summary as of asOn; null when no countable order was placed by then. */
export function summarizeCustomer(
  orders: readonly CustomerOrder[],
  asOn: string,
): PurchaseSummary | null {
  return summarizePurchases(orders, asOn)[0] ?? null;
}

/** Whether the customer has anything to store: a purchase by asOn or a rank state. */
export function hasCustomerAnalysis(
  input: CustomerAnalysisInput,
  summary: PurchaseSummary | null,
): boolean {
  return summary !== null || input.rankState !== null;
}

/** The shop's RFM scale (per-shop quantiles, or a merchant's fixed cut points) and fitted models. */
export function fitShopScoring(
  summaries: readonly PurchaseSummary[],
  prediction: PredictionSettings = DEFAULT_PREDICTION_SETTINGS,
  rfm: RfmScaleOption = { method: "quantiles" },
): ShopScoring {
  return {
    rfmMethod: rfm.method,
    // scoreCustomers checks a fixed scale; with no customers it scores nobody.
    rfmScale:
      rfm.method === "fixed"
        ? scoreCustomers([], rfm).scale
        : computeQuantileScale(summaries),
    model: fitShopModel(summaries),
    prediction,
  };
}

/** The orders as the rank rules read them. */
export function toRankPurchases(
  orders: readonly CustomerOrder[],
): RankPurchase[] {
  return orders.map((order) => ({
    orderKey: order.orderKey,
    occurredOn: order.occurredOn,
    netAmountMinor: order.amountMinor,
    taxMinor: order.taxMinor,
  }));
}

function lowestRankState(
  policy: RankPolicy,
  asOn: string,
  manualOverride: ManualOverride | null,
): RankState {
  return {
    rankKey: (policy.ranks[0] as { key: string }).key,
    since: null,
    evaluatedOn: asOn,
    policyVersion: policy.version,
    manualOverride,
  };
}

function applyRankInstruction(
  policy: RankPolicy,
  purchases: readonly RankPurchase[],
  state: RankState | null,
  asOn: string,
  instruction: RankInstruction,
): RankEvaluation {
  if (instruction.kind === "setOverride")
    return evaluateRank(
      policy,
      purchases,
      state === null
        ? lowestRankState(policy, asOn, instruction.override)
        : { ...state, manualOverride: instruction.override },
      asOn,
    );
  if (instruction.kind === "removeOverride" && state?.manualOverride)
    return removeManualOverride(policy, purchases, state, asOn);
  return evaluateRank(policy, purchases, state, asOn);
}

/**
 * Everything stored about one customer as of asOn. `summary` is summarizeCustomer(input.orders,
 * asOn), passed in when the caller already has it; without a scoring (before the shop's first full
 * recompute) scores, segment and predictions are null.
 */
export function analyzeCustomer(
  input: CustomerAnalysisInput,
  asOn: string,
  policy: RankPolicy,
  scoring: ShopScoring | null,
  instruction: RankInstruction = EVALUATE,
  summary: PurchaseSummary | null = summarizeCustomer(input.orders, asOn),
): CustomerAnalysis {
  const purchases = toRankPurchases(input.orders);
  const rank = applyRankInstruction(
    policy,
    purchases,
    input.rankState,
    asOn,
    instruction,
  );
  const rankKey = rank.state.rankKey;
  const score =
    summary === null || scoring === null
      ? null
      : {
          recency: scoreRecency(summary.recencyDays, scoring.rfmScale),
          frequency: scoreFrequency(summary.orderCount, scoring.rfmScale),
          monetary: scoreMonetary(summary.netSpendMinor, scoring.rfmScale),
        };
  const segment = score === null ? null : assignSegment(score);
  return {
    customerKey: input.customerKey,
    asOn,
    summary,
    score,
    segment,
    shopifyRfmGroup:
      segment === null
        ? SHOPIFY_RFM_GROUP_WITHOUT_ORDERS
        : shopifyRfmGroupFor(segment),
    rank,
    pendingRank: findPendingRank(policy, purchases, rank.state, asOn),
    gapToNextRank: computeGapToNextRank(policy, purchases, rankKey, asOn),
    gapToKeepRank: computeGapToKeepRank(policy, purchases, rankKey, asOn),
    prediction:
      summary === null || scoring === null
        ? null
        : predictCustomer(scoring.model, summary, scoring.prediction),
  };
}

export type SegmentSize = {
  readonly segment: RfmSegment;
  readonly customerCount: number;
};

export const SEGMENTS = Object.keys(RFM_SEGMENTS) as RfmSegment[];

/** Customers per segment, every segment in the map's order, zeros included. */
export function countSegmentSizes(
  segments: Iterable<RfmSegment | null>,
): SegmentSize[] {
  const counts = new Map<RfmSegment, number>();
  for (const segment of segments)
    if (segment !== null) counts.set(segment, (counts.get(segment) ?? 0) + 1);
  return SEGMENTS.map((segment) => ({
    segment,
    customerCount: counts.get(segment) ?? 0,
  }));
}

/** A customer is active while their last order is at most this many days old (a year of seasons). */
export const ACTIVE_CUSTOMER_DAYS = 365;

/** The KPIs that rest on orders alone, before any customer is ranked or scored. */
export type PurchaseKpis = {
  readonly asOn: string;
  /** Customers with a countable order by asOn. */
  readonly customerCount: number;
  /** Customers whose last order is at most ACTIVE_CUSTOMER_DAYS before asOn. */
  readonly activeCustomerCount: number;
  readonly orderCount: number;
  readonly netSpendMinor: number;
  readonly repeatRate: RepeatRate;
  readonly f2Conversion: F2Conversion;
  readonly daysToSecondPurchase: DaysToSecondPurchase;
  readonly paretoShare: ParetoShare;
};

export type ShopKpis = PurchaseKpis & {
  readonly rankDistribution: RankCount[];
  readonly segmentSizes: SegmentSize[];
};

export function computePurchaseKpis(
  purchases: Iterable<Purchase>,
  summaries: readonly PurchaseSummary[],
  asOn: string,
): PurchaseKpis {
  let orderCount = 0;
  let netSpendMinor = 0;
  let activeCustomerCount = 0;
  for (const summary of summaries) {
    orderCount += summary.orderCount;
    netSpendMinor += summary.netSpendMinor;
    if (summary.recencyDays <= ACTIVE_CUSTOMER_DAYS) activeCustomerCount += 1;
  }
  return {
    asOn,
    customerCount: summaries.length,
    activeCustomerCount,
    orderCount,
    netSpendMinor,
    ...computeSecondPurchaseKpis(purchases, asOn),
    paretoShare: computeParetoShare(
      summaries.map((summary) => ({
        customerKey: summary.customerKey,
        netSpendMinor: summary.netSpendMinor,
      })),
    ),
  };
}

/** The purchase KPIs with the ranks and segments just assigned. */
export function completeShopKpis(
  purchaseKpis: PurchaseKpis,
  policy: RankPolicy,
  ranks: readonly RankAssignment[],
  segments: Iterable<RfmSegment | null>,
): ShopKpis {
  return {
    ...purchaseKpis,
    rankDistribution: countRankDistribution(policy, ranks),
    segmentSizes: countSegmentSizes(segments),
  };
}

export type ShopAnalysis = {
  readonly asOn: string;
  readonly scoring: ShopScoring;
  /** One per customer with a summary or a rank state, in input order. */
  readonly customers: CustomerAnalysis[];
  readonly kpis: ShopKpis;
};

export type ShopAnalysisOptions = {
  readonly prediction?: PredictionSettings;
  readonly rfm?: RfmScaleOption;
  /** Score with this stored scoring instead of fitting one (what the incremental path does). */
  readonly scoring?: ShopScoring;
};

/** The full recompute of one shop in memory: fit the scoring on every customer, then analyse each. */
export function analyzeShop(
  inputs: readonly CustomerAnalysisInput[],
  asOn: string,
  policy: RankPolicy,
  options: ShopAnalysisOptions = {},
): ShopAnalysis {
  const summaries = inputs.map((input) =>
    summarizeCustomer(input.orders, asOn),
  );
  const present = summaries.filter(
    (summary): summary is PurchaseSummary => summary !== null,
  );
  const scoring =
    options.scoring ?? fitShopScoring(present, options.prediction, options.rfm);
  const customers: CustomerAnalysis[] = [];
  inputs.forEach((input, index) => {
    const summary = summaries[index] as PurchaseSummary | null;
    if (!hasCustomerAnalysis(input, summary)) return;
    customers.push(
      analyzeCustomer(input, asOn, policy, scoring, EVALUATE, summary),
    );
  });
  return {
    asOn,
    scoring,
    customers,
    kpis: completeShopKpis(
      computePurchaseKpis(
        inputs.flatMap((input) => input.orders),
        present,
        asOn,
      ),
      policy,
      customers.map((customer) => ({
        customerKey: customer.customerKey,
        rankKey: customer.rank.state.rankKey,
      })),
      customers.map((customer) => customer.segment),
    ),
  };
}
