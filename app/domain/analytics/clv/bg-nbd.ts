// BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"), fitted per shop by
// maximum likelihood; checked against the published CDNOW fit in cdnow.test.ts. Times are in one
// unit of the caller's choice (days in the app, weeks in the paper); α carries that unit.
import { INVALID_MODEL_INPUT, assertAnalytics } from "../errors.ts";
import { evaluateHypergeometric2F1 } from "./hypergeometric.ts";
import { minimizeNelderMead } from "./optimize.ts";
import { lnGamma, logAddExp } from "./special-functions.ts";

/** One customer's calibration history in the paper's notation: x, t_x and T. */
export type RepeatHistory = {
  /** x: repeat purchases (purchase days after the first). */
  readonly repeatPurchases: number;
  /** t_x: time from the first purchase to the last. */
  readonly timeToLastPurchase: number;
  /** T: time from the first purchase to the end of observation. */
  readonly timeObserved: number;
};

export type BgNbdParams = {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
};

export type BgNbdFit =
  | {
      readonly ok: true;
      readonly params: BgNbdParams;
      readonly logLikelihood: number;
    }
  | {
      readonly ok: false;
      readonly reason: "NOT_CONVERGED" | "PARAMETERS_AT_BOUNDS";
      readonly params: BgNbdParams;
    };

/** Histories with identical (x, t_x, T) share one likelihood term, weighted by their count. */
type GroupedHistories = {
  readonly repeatPurchases: Float64Array;
  readonly weight: Float64Array;
  /** Index of each group's x in distinctRepeatPurchases. */
  readonly repeatIndex: Int32Array;
  readonly distinctRepeatPurchases: Float64Array;
  /** Index of each group's T in distinctTimeObserved, and of its t_x in distinctTimeToLastPurchase. */
  readonly observedIndex: Int32Array;
  readonly distinctTimeObserved: Float64Array;
  readonly lastPurchaseIndex: Int32Array;
  readonly distinctTimeToLastPurchase: Float64Array;
};

/** The distinct values, ascending, and the index of each value among them. */
function indexDistinct(values: Float64Array): { distinct: Float64Array; index: Int32Array } {
  const distinct = Float64Array.from(new Set(values)).sort();
  const indexOf = new Map<number, number>();
  distinct.forEach((value, index) => indexOf.set(value, index));
  return { distinct, index: Int32Array.from(values, (value) => indexOf.get(value) as number) };
}

function assertHistory(history: RepeatHistory): void {
  const {
    repeatPurchases: x,
    timeToLastPurchase: tX,
    timeObserved: t,
  } = history;
  assertAnalytics(
    Number.isInteger(x) && x >= 0 && tX >= 0 && tX <= t && Number.isFinite(t),
    INVALID_MODEL_INPUT,
  );
  assertAnalytics(x > 0 || tX === 0, INVALID_MODEL_INPUT);
}

function groupHistories(histories: readonly RepeatHistory[]): GroupedHistories {
  const counts = new Map<string, { history: RepeatHistory; count: number }>();
  for (const history of histories) {
    assertHistory(history);
    const key = `${history.repeatPurchases}|${history.timeToLastPurchase}|${history.timeObserved}`;
    const entry = counts.get(key);
    if (entry) entry.count += 1;
    else counts.set(key, { history, count: 1 });
  }
  const entries = [...counts.values()];
  const repeats = indexDistinct(Float64Array.from(entries, (entry) => entry.history.repeatPurchases));
  const observed = indexDistinct(Float64Array.from(entries, (entry) => entry.history.timeObserved));
  const lastPurchase = indexDistinct(Float64Array.from(entries, (entry) => entry.history.timeToLastPurchase));
  return {
    repeatPurchases: Float64Array.from(entries, (entry) => entry.history.repeatPurchases),
    weight: Float64Array.from(entries, (entry) => entry.count),
    repeatIndex: repeats.index,
    distinctRepeatPurchases: repeats.distinct,
    observedIndex: observed.index,
    distinctTimeObserved: observed.distinct,
    lastPurchaseIndex: lastPurchase.index,
    distinctTimeToLastPurchase: lastPurchase.distinct,
  };
}

/**
 * Returns a function of the parameters giving the total log-likelihood (FHL 2005 eq. 6, in logs):
 *   ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
 *          + ln[ (α+T)^−(r+x) + 1{x>0} a/(b+x−1) (α+t_x)^−(r+x) ]
 * The x-only terms are computed once per distinct x, and ln(α+T) and ln(α+t_x) once per distinct T and
 * t_x (times in whole days repeat across thousands of customers); buffers are allocated once, not per call.
 */
function createLogLikelihood(
  groups: GroupedHistories,
): (params: BgNbdParams) => number {
  const distinctCount = groups.distinctRepeatPurchases.length;
  const sharedTerm = new Float64Array(distinctCount);
  const repeatTerm = new Float64Array(distinctCount);
  const logAlphaObserved = new Float64Array(groups.distinctTimeObserved.length);
  const logAlphaLastPurchase = new Float64Array(groups.distinctTimeToLastPurchase.length);
  return ({ r, alpha, a, b }) => {
    const base =
      -lnGamma(r) + r * Math.log(alpha) + lnGamma(a + b) - lnGamma(b);
    for (let index = 0; index < distinctCount; index += 1) {
      const x = groups.distinctRepeatPurchases[index] as number;
      sharedTerm[index] =
        base + lnGamma(r + x) + lnGamma(b + x) - lnGamma(a + b + x);
      repeatTerm[index] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : -Infinity;
    }
    for (let index = 0; index < logAlphaObserved.length; index += 1)
      logAlphaObserved[index] = Math.log(alpha + (groups.distinctTimeObserved[index] as number));
    for (let index = 0; index < logAlphaLastPurchase.length; index += 1)
      logAlphaLastPurchase[index] = Math.log(alpha + (groups.distinctTimeToLastPurchase[index] as number));
    let total = 0;
    for (let group = 0; group < groups.weight.length; group += 1) {
      const x = groups.repeatPurchases[group] as number;
      const index = groups.repeatIndex[group] as number;
      const exponent = r + x;
      const survived = -exponent * (logAlphaObserved[groups.observedIndex[group] as number] as number);
      const inner =
        x > 0
          ? logAddExp(
              survived,
              (repeatTerm[index] as number) -
                exponent * (logAlphaLastPurchase[groups.lastPurchaseIndex[group] as number] as number),
            )
          : survived;
      total +=
        (groups.weight[group] as number) *
        ((sharedTerm[index] as number) + inner);
    }
    return total;
  };
}

export function computeBgNbdLogLikelihood(
  histories: readonly RepeatHistory[],
  params: BgNbdParams,
): number {
  return createLogLikelihood(groupHistories(histories))(params);
}

const LOG_BOUND = Math.log(1e4);
const BOUND_MARGIN = 0.01;

/**
 * Maximum-likelihood fit over log-parameters (so every parameter stays positive). r, a and b are
 * bounded to [1e-4, 1e4] and α to that range times the mean observation time; a fit that ends
 * within 1 % of a bound, or that did not converge, is reported as not ok with the reason.
 */
export function fitBgNbd(histories: readonly RepeatHistory[]): BgNbdFit {
  const groups = groupHistories(histories);
  const logLikelihood = createLogLikelihood(groups);
  let observedTotal = 0;
  for (const history of histories) observedTotal += history.timeObserved;
  const timeScale = Math.max(
    observedTotal / Math.max(histories.length, 1),
    Number.MIN_VALUE,
  );
  const logTimeScale = Math.log(timeScale);
  const center = [0, logTimeScale, 0, 0];
  const toParams = (point: ArrayLike<number>): BgNbdParams => ({
    r: Math.exp(point[0] as number),
    alpha: Math.exp(point[1] as number),
    a: Math.exp(point[2] as number),
    b: Math.exp(point[3] as number),
  });
  const isInside = (point: ArrayLike<number>): boolean =>
    center.every(
      (middle, axis) => Math.abs((point[axis] as number) - middle) <= LOG_BOUND,
    );
  const result = minimizeNelderMead(
    (point) => (isInside(point) ? -logLikelihood(toParams(point)) : Infinity),
    center,
  );
  const params = toParams(result.point);
  if (!result.converged) return { ok: false, reason: "NOT_CONVERGED", params };
  const atBound = center.some(
    (middle, axis) =>
      Math.abs((result.point[axis] as number) - middle) >=
      LOG_BOUND - BOUND_MARGIN,
  );
  if (atBound) return { ok: false, reason: "PARAMETERS_AT_BOUNDS", params };
  return { ok: true, params, logLikelihood: -result.value };
}

/** P(alive | x, t_x, T) (FHL 2005 eq. 11); 1 for a customer without repeat purchases. */
export function computeAliveProbability(
  params: BgNbdParams,
  history: RepeatHistory,
): number {
  const { r, alpha, a, b } = params;
  const x = history.repeatPurchases;
  if (x === 0) return 1;
  const logOdds =
    Math.log(a) -
    Math.log(b + x - 1) +
    (r + x) *
      (Math.log(alpha + history.timeObserved) -
        Math.log(alpha + history.timeToLastPurchase));
  return 1 / (1 + Math.exp(logOdds));
}

// Both formulas divide by a − 1 and are 0/0 at a = 1 with a finite limit; evaluating just beside
// it keeps the expectation finite without a separate limiting formula.
const UNIT_A_OFFSET = 1e-7;

function awayFromUnit(a: number): number {
  return Math.abs(a - 1) < UNIT_A_OFFSET ? 1 + UNIT_A_OFFSET : a;
}

/** 1 − sign · e^logAbs, without cancellation when the product is close to 1. */
function oneMinus(sign: number, logAbs: number): number {
  return sign > 0 ? -Math.expm1(logAbs) : 1 - sign * Math.exp(logAbs);
}

/** E[X(t)]: expected repeat purchases in (0, t] of a customer just acquired (FHL 2005 eq. 9). */
export function computeExpectedPurchasesForNewCustomer(
  params: BgNbdParams,
  time: number,
): number {
  const { r, alpha, b } = params;
  const a = awayFromUnit(params.a);
  if (time === 0) return 0;
  const hypergeometric = evaluateHypergeometric2F1(
    r,
    b,
    a + b - 1,
    time / (alpha + time),
  );
  return (
    ((a + b - 1) / (a - 1)) *
    oneMinus(
      hypergeometric.sign,
      r * (Math.log(alpha) - Math.log(alpha + time)) + hypergeometric.logAbs,
    )
  );
}

/** E[Y(t) | x, t_x, T]: expected purchases in the next `horizon` time units (FHL 2005 eq. 10). */
export function computeExpectedPurchases(
  params: BgNbdParams,
  history: RepeatHistory,
  horizon: number,
): number {
  const { r, alpha, b } = params;
  const a = awayFromUnit(params.a);
  if (horizon === 0) return 0;
  const x = history.repeatPurchases;
  const ageAlpha = alpha + history.timeObserved;
  const hypergeometric = evaluateHypergeometric2F1(
    r + x,
    b + x,
    a + b + x - 1,
    horizon / (ageAlpha + horizon),
  );
  const logTail =
    (r + x) * (Math.log(ageAlpha) - Math.log(ageAlpha + horizon)) +
    hypergeometric.logAbs;
  const numerator =
    ((a + b + x - 1) / (a - 1)) * oneMinus(hypergeometric.sign, logTail);
  if (x === 0) return numerator;
  const deadOdds = Math.exp(
    Math.log(a) -
      Math.log(b + x - 1) +
      (r + x) *
        (Math.log(ageAlpha) - Math.log(alpha + history.timeToLastPurchase)),
  );
  return numerator / (1 + deadOdds);
}

/**
 * Posterior mean time between purchases of the customer while still active, (α + T) / (r + x),
 * the reciprocal of E[λ | x, T] under the model's gamma-Poisson purchasing.
 */
export function computeTypicalInterval(
  params: BgNbdParams,
  history: RepeatHistory,
): number {
  return (
    (params.alpha + history.timeObserved) / (params.r + history.repeatPurchases)
  );
}

/**
 * Median time from the end of observation to the next purchase if the customer is still active:
 * the posterior predictive P(no purchase in t) = ((α+T)/(α+T+t))^(r+x) equals ½ at
 * t = (α + T)(2^(1/(r+x)) − 1).
 */
export function computeMedianTimeToNextPurchase(
  params: BgNbdParams,
  history: RepeatHistory,
): number {
  return (
    (params.alpha + history.timeObserved) *
    Math.expm1(Math.LN2 / (params.r + history.repeatPurchases))
  );
}
