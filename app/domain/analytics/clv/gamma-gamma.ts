// Gamma-Gamma model of spend per purchase (Fader & Hardie 2013, "The Gamma-Gamma model of monetary
// value"), fitted by maximum likelihood on customers with repeat purchases; checked against the
// published CDNOW fit in cdnow.test.ts. Spend is in one unit of the caller's choice; γ carries it.
import { INVALID_MODEL_INPUT, assertAnalytics } from "../errors.ts";
import { minimizeNelderMead } from "./optimize.ts";
import { lnGamma } from "./special-functions.ts";

/** A customer with x > 0 repeat purchases averaging m̄ = meanSpend (> 0) each. */
export type SpendHistory = {
  readonly repeatPurchases: number;
  readonly meanSpend: number;
};

export type GammaGammaParams = {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
};

export type GammaGammaFit =
  | {
      readonly ok: true;
      readonly params: GammaGammaParams;
      readonly logLikelihood: number;
    }
  | {
      readonly ok: false;
      readonly reason:
        "NOT_CONVERGED" | "PARAMETERS_AT_BOUNDS" | "NO_FINITE_MEAN";
      readonly params: GammaGammaParams;
    };

/**
 * Returns a function of the parameters giving the total log-likelihood (Fader & Hardie 2013, in logs):
 *   Σ ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + m̄x)
 * The x-only terms are computed once per distinct x and ln m̄ once per customer, so each call costs
 * one logarithm per customer; buffers are allocated once, not per call.
 */
function createLogLikelihood(
  histories: readonly SpendHistory[],
): (params: GammaGammaParams) => number {
  for (const history of histories) {
    assertAnalytics(
      Number.isInteger(history.repeatPurchases) && history.repeatPurchases > 0,
      INVALID_MODEL_INPUT,
    );
    assertAnalytics(
      history.meanSpend > 0 && Number.isFinite(history.meanSpend),
      INVALID_MODEL_INPUT,
    );
  }
  const distinct = [
    ...new Set(histories.map((history) => history.repeatPurchases)),
  ];
  const indexOf = new Map(distinct.map((x, index) => [x, index]));
  const repeatIndex = Int32Array.from(
    histories,
    (history) => indexOf.get(history.repeatPurchases) as number,
  );
  const repeatPurchases = Float64Array.from(
    histories,
    (history) => history.repeatPurchases,
  );
  const meanSpend = Float64Array.from(
    histories,
    (history) => history.meanSpend,
  );
  const logMeanSpend = Float64Array.from(histories, (history) =>
    Math.log(history.meanSpend),
  );
  const sharedTerm = new Float64Array(distinct.length);
  return ({ p, q, gamma }) => {
    const base = -lnGamma(q) + q * Math.log(gamma);
    distinct.forEach((x, index) => {
      const shape = p * x;
      sharedTerm[index] =
        base + lnGamma(shape + q) - lnGamma(shape) + shape * Math.log(x);
    });
    let total = 0;
    for (let customer = 0; customer < meanSpend.length; customer += 1) {
      const x = repeatPurchases[customer] as number;
      const shape = p * x;
      total +=
        (sharedTerm[repeatIndex[customer] as number] as number) +
        (shape - 1) * (logMeanSpend[customer] as number) -
        (shape + q) * Math.log(gamma + (meanSpend[customer] as number) * x);
    }
    return total;
  };
}

export function computeGammaGammaLogLikelihood(
  histories: readonly SpendHistory[],
  params: GammaGammaParams,
): number {
  return createLogLikelihood(histories)(params);
}

const LOG_BOUND = Math.log(1e4);
const BOUND_MARGIN = 0.01;

/**
 * Maximum-likelihood fit over log-parameters. p and q are bounded to [1e-4, 1e4] and γ to that
 * range times the mean spend. The population mean spend pγ/(q−1) exists only for q > 1, so a fit
 * with q <= 1 is not ok ("NO_FINITE_MEAN") and the caller falls back to each customer's average.
 */
export function fitGammaGamma(
  histories: readonly SpendHistory[],
): GammaGammaFit {
  const logLikelihood = createLogLikelihood(histories);
  let spendTotal = 0;
  for (const history of histories) spendTotal += history.meanSpend;
  const center = [
    0,
    0,
    Math.log(
      Math.max(spendTotal / Math.max(histories.length, 1), Number.MIN_VALUE),
    ),
  ];
  const toParams = (point: ArrayLike<number>): GammaGammaParams => ({
    p: Math.exp(point[0] as number),
    q: Math.exp(point[1] as number),
    gamma: Math.exp(point[2] as number),
  });
  const isInside = (point: ArrayLike<number>): boolean =>
    center.every(
      (middle, axis) => Math.abs((point[axis] as number) - middle) <= LOG_BOUND,
    );
  const start = [0, Math.log(2), center[2] as number];
  const result = minimizeNelderMead(
    (point) => (isInside(point) ? -logLikelihood(toParams(point)) : Infinity),
    start,
  );
  const params = toParams(result.point);
  if (!result.converged) return { ok: false, reason: "NOT_CONVERGED", params };
  const atBound = center.some(
    (middle, axis) =>
      Math.abs((result.point[axis] as number) - middle) >=
      LOG_BOUND - BOUND_MARGIN,
  );
  if (atBound) return { ok: false, reason: "PARAMETERS_AT_BOUNDS", params };
  if (params.q <= 1) return { ok: false, reason: "NO_FINITE_MEAN", params };
  return { ok: true, params, logLikelihood: -result.value };
}

/**
 * E[M | x, m̄] (Fader & Hardie 2013 eq. 5): a weighted mean of the population mean pγ/(q−1) and the
 * customer's own m̄, with weight px/(px+q−1) on m̄. Without repeat purchases it is the population
 * mean. Requires q > 1.
 */
export function computeExpectedSpend(
  params: GammaGammaParams,
  repeatPurchases: number,
  meanSpend: number,
): number {
  const { p, q, gamma } = params;
  const shape = p * repeatPurchases;
  return (p * (gamma + meanSpend * repeatPurchases)) / (shape + q - 1);
}
