// Per-shop purchase and spend models and per-customer predictions (product.md §2): P(alive),
// expected purchases and CLV over a horizon, expected next-order date. BG/NBD + Gamma-Gamma when the
// shop has enough returning customers and the fit is sound; otherwise the heuristic of heuristic.ts.
import { addDays } from "../calendar-days.ts";
import { INVALID_HORIZON, assertAnalytics } from "../errors.ts";
import type { PurchaseSummary } from "../purchase-summary.ts";
import {
  computeAliveProbability,
  computeExpectedPurchases,
  computeMedianTimeToNextPurchase,
  computeTypicalInterval,
  fitBgNbd,
  type BgNbdParams,
  type RepeatHistory,
} from "./bg-nbd.ts";
import {
  computeExpectedSpend,
  fitGammaGamma,
  type GammaGammaParams,
} from "./gamma-gamma.ts";
import {
  computeMedianIntervalDays,
  estimateAliveProbability,
  estimateExpectedPurchases,
  estimateIntervalDays,
  estimateMedianDaysToNextPurchase,
} from "./heuristic.ts";

export type HeuristicReason =
  "TOO_FEW_REPEAT_CUSTOMERS" | "NOT_CONVERGED" | "PARAMETERS_AT_BOUNDS";

export type SpendFallbackReason =
  | "TOO_FEW_REPEAT_CUSTOMERS"
  | "NOT_CONVERGED"
  | "PARAMETERS_AT_BOUNDS"
  | "NO_FINITE_MEAN";

/** BG/NBD parameters are in days (α in days). */
export type PurchaseModel =
  | {
      readonly method: "bgNbd";
      readonly params: BgNbdParams;
      readonly logLikelihood: number;
    }
  | {
      readonly method: "heuristic";
      readonly reason: HeuristicReason;
      readonly medianIntervalDays: number | null;
    };

/** Gamma-Gamma parameters are in minor units (γ in minor units). */
export type SpendModel =
  | {
      readonly method: "gammaGamma";
      readonly params: GammaGammaParams;
      readonly logLikelihood: number;
    }
  | {
      readonly method: "customerAverage";
      readonly reason: SpendFallbackReason;
    };

export type ShopModel = {
  readonly purchases: PurchaseModel;
  readonly spend: SpendModel;
  readonly repeatCustomerCount: number;
};

/** Below this many returning customers the fits are too unstable to trust (cf. product.md §2). */
export const DEFAULT_MIN_REPEAT_CUSTOMERS = 200;

export function toRepeatHistory(summary: PurchaseSummary): RepeatHistory {
  return {
    repeatPurchases: summary.frequency,
    timeToLastPurchase: summary.activeSpanDays,
    timeObserved: summary.customerAgeDays,
  };
}

export function fitShopModel(
  summaries: readonly PurchaseSummary[],
  minRepeatCustomers = DEFAULT_MIN_REPEAT_CUSTOMERS,
): ShopModel {
  const returning = summaries.filter((summary) => summary.frequency > 0);
  const heuristic = (reason: HeuristicReason): PurchaseModel => ({
    method: "heuristic",
    reason,
    medianIntervalDays: computeMedianIntervalDays(summaries),
  });
  let purchases: PurchaseModel;
  if (returning.length < minRepeatCustomers) {
    purchases = heuristic("TOO_FEW_REPEAT_CUSTOMERS");
  } else {
    const fit = fitBgNbd(summaries.map(toRepeatHistory));
    purchases = fit.ok
      ? {
          method: "bgNbd",
          params: fit.params,
          logLikelihood: fit.logLikelihood,
        }
      : heuristic(fit.reason);
  }
  return {
    purchases,
    spend: fitSpendModel(returning, minRepeatCustomers),
    repeatCustomerCount: returning.length,
  };
}

function fitSpendModel(
  returning: readonly PurchaseSummary[],
  minRepeatCustomers: number,
): SpendModel {
  // The model describes positive spend; refunded-to-zero histories carry no information about it.
  const spenders = returning.filter((summary) => summary.repeatSpendMinor > 0);
  if (spenders.length < minRepeatCustomers)
    return { method: "customerAverage", reason: "TOO_FEW_REPEAT_CUSTOMERS" };
  const fit = fitGammaGamma(
    spenders.map((summary) => ({
      repeatPurchases: summary.frequency,
      meanSpend: summary.repeatSpendMinor / summary.frequency,
    })),
  );
  return fit.ok
    ? {
        method: "gammaGamma",
        params: fit.params,
        logLikelihood: fit.logLikelihood,
      }
    : { method: "customerAverage", reason: fit.reason };
}

export type PredictionOptions = {
  readonly horizonDays: number;
  /** Yearly discount rate for CLV, e.g. 0.1 for 10 %. */
  readonly annualDiscountRate: number;
  /** Length of one discounting period; a twelfth of a year by default. */
  readonly periodDays?: number;
};

export type CustomerPrediction = {
  readonly customerKey: string;
  readonly method: "bgNbd" | "heuristic";
  readonly heuristicReason: HeuristicReason | null;
  readonly spendMethod: "gammaGamma" | "customerAverage";
  readonly horizonDays: number;
  readonly recencyDays: number;
  /** Mean days between orders while the customer is active; null when the shop has no repeat orders yet. */
  readonly typicalIntervalDays: number | null;
  readonly aliveProbability: number | null;
  /** Expected purchase days within the horizon. */
  readonly expectedPurchases: number | null;
  /** Expected spend per purchase day, rounded to a whole minor unit. */
  readonly expectedOrderValueMinor: number;
  /** Discounted value of the expected purchases within the horizon, rounded to a whole minor unit. */
  readonly clvMinor: number | null;
  /** Median date of the next order if the customer is still active. */
  readonly expectedNextOrderOn: string | null;
};

const DAYS_PER_YEAR = 365;

/**
 * Discounted value of purchases over the horizon, with value per purchase `orderValue`:
 *   CLV = Σ_{k=1..K} [E(t_k) − E(t_{k−1})] · orderValue · (1 + annualRate)^(−t_k / 365)
 * where E(t) is the cumulative expected purchases by day t, t_k = min(k · periodDays, horizonDays)
 * and K = ⌈horizonDays / periodDays⌉: each period's purchases are discounted from its end.
 */
export function discountPurchaseValue(
  cumulativeExpectedPurchases: (days: number) => number,
  orderValue: number,
  horizonDays: number,
  annualDiscountRate: number,
  periodDays = DAYS_PER_YEAR / 12,
): number {
  assertAnalytics(
    horizonDays > 0 &&
      periodDays > 0 &&
      Number.isFinite(horizonDays) &&
      Number.isFinite(periodDays),
    INVALID_HORIZON,
  );
  // The tolerance keeps 12 × (365 / 12) from spilling into a thirteenth, empty period.
  const periods = Math.ceil(horizonDays / periodDays - 1e-9);
  let value = 0;
  let previous = 0;
  for (let period = 1; period <= periods; period += 1) {
    const end = Math.min(period * periodDays, horizonDays);
    const cumulative = cumulativeExpectedPurchases(end);
    value +=
      (cumulative - previous) *
      orderValue *
      Math.pow(1 + annualDiscountRate, -end / DAYS_PER_YEAR);
    previous = cumulative;
  }
  return value;
}

function expectOrderValue(spend: SpendModel, summary: PurchaseSummary): number {
  if (spend.method === "customerAverage")
    return summary.netSpendMinor / summary.purchaseDayCount;
  // A customer refunded below zero is treated as spending nothing per repeat order, not less.
  const meanSpend =
    summary.frequency > 0
      ? Math.max(summary.repeatSpendMinor / summary.frequency, 0)
      : 0;
  return computeExpectedSpend(spend.params, summary.frequency, meanSpend);
}

/** What BG/NBD predicts from a customer's (x, t_x, T) alone; CLV is its discounted purchases times the order value. */
type PurchaseForecast = {
  readonly typicalIntervalDays: number;
  readonly aliveProbability: number;
  readonly expectedPurchases: number;
  /** Expected purchases over the horizon, each discounted from the end of its period. */
  readonly discountedPurchases: number;
  readonly medianDaysToNextPurchase: number;
};

// Customers with the same history get the same forecast, and in a shop most one-time buyers share
// theirs with hundreds of others (x = 0, t_x = 0, the same T in days): forecasts are remembered per
// fitted parameters, the memo cleared when it grows past any one shop's distinct histories.
const FORECAST_MEMO_LIMIT = 500_000;
const forecastsByParams = new WeakMap<BgNbdParams, Map<string, PurchaseForecast>>();

function forecastPurchases(params: BgNbdParams, history: RepeatHistory, options: PredictionOptions): PurchaseForecast {
  const { horizonDays, annualDiscountRate, periodDays } = options;
  let forecasts = forecastsByParams.get(params);
  if (forecasts === undefined) forecastsByParams.set(params, (forecasts = new Map()));
  const key = `${horizonDays}|${annualDiscountRate}|${periodDays}|${history.repeatPurchases}|${history.timeToLastPurchase}|${history.timeObserved}`;
  const known = forecasts.get(key);
  if (known !== undefined) return known;
  const cumulative = (days: number): number => computeExpectedPurchases(params, history, days);
  const forecast = {
    typicalIntervalDays: computeTypicalInterval(params, history),
    aliveProbability: computeAliveProbability(params, history),
    expectedPurchases: cumulative(horizonDays),
    discountedPurchases: discountPurchaseValue(cumulative, 1, horizonDays, annualDiscountRate, periodDays),
    medianDaysToNextPurchase: computeMedianTimeToNextPurchase(params, history),
  };
  if (forecasts.size >= FORECAST_MEMO_LIMIT) forecasts.clear();
  forecasts.set(key, forecast);
  return forecast;
}

export function predictCustomer(
  model: ShopModel,
  summary: PurchaseSummary,
  options: PredictionOptions,
): CustomerPrediction {
  const { horizonDays, annualDiscountRate, periodDays } = options;
  assertAnalytics(
    horizonDays > 0 && Number.isFinite(horizonDays),
    INVALID_HORIZON,
  );
  const asOn = addDays(summary.lastPurchaseOn, summary.recencyDays);
  const orderValue = expectOrderValue(model.spend, summary);
  const shared = {
    customerKey: summary.customerKey,
    spendMethod: model.spend.method,
    horizonDays,
    recencyDays: summary.recencyDays,
    expectedOrderValueMinor: Math.round(orderValue),
  };
  const purchases = model.purchases;
  if (purchases.method === "bgNbd") {
    const forecast = forecastPurchases(purchases.params, toRepeatHistory(summary), options);
    return {
      ...shared,
      method: "bgNbd",
      heuristicReason: null,
      typicalIntervalDays: forecast.typicalIntervalDays,
      aliveProbability: forecast.aliveProbability,
      expectedPurchases: forecast.expectedPurchases,
      clvMinor: Math.round(orderValue * forecast.discountedPurchases),
      expectedNextOrderOn: addDays(asOn, forecast.medianDaysToNextPurchase),
    };
  }
  const heuristicShared = {
    ...shared,
    method: "heuristic" as const,
    heuristicReason: purchases.reason,
  };
  if (purchases.medianIntervalDays === null) {
    return {
      ...heuristicShared,
      typicalIntervalDays: null,
      aliveProbability: null,
      expectedPurchases: null,
      clvMinor: null,
      expectedNextOrderOn: null,
    };
  }
  const intervalDays = estimateIntervalDays(
    summary,
    purchases.medianIntervalDays,
  );
  const aliveProbability = estimateAliveProbability(
    summary.recencyDays,
    intervalDays,
  );
  const cumulative = (days: number): number =>
    estimateExpectedPurchases(aliveProbability, intervalDays, days);
  return {
    ...heuristicShared,
    typicalIntervalDays: intervalDays,
    aliveProbability,
    expectedPurchases: cumulative(horizonDays),
    clvMinor: Math.round(
      discountPurchaseValue(
        cumulative,
        orderValue,
        horizonDays,
        annualDiscountRate,
        periodDays,
      ),
    ),
    expectedNextOrderOn: addDays(
      asOn,
      estimateMedianDaysToNextPurchase(intervalDays),
    ),
  };
}
