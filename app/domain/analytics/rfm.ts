// RFM scores 1-5 (product.md §2): Recency = days since the last order, Frequency = orders,
// Monetary = net spend. Per-shop quantile cut points by default, fixed cut points as an option;
// every score is read off cut points the UI can show, so equal values always get equal scores.
import { NON_MONOTONIC_CUT_POINTS, assertAnalytics } from "./errors.ts";
import type { PurchaseSummary } from "./purchase-summary.ts";

export type RfmScoreValue = 1 | 2 | 3 | 4 | 5;

export type RfmScore = {
  readonly recency: RfmScoreValue;
  readonly frequency: RfmScoreValue;
  readonly monetary: RfmScoreValue;
};

/**
 * Cut points for scores 2, 3, 4 and 5. For frequency and monetary a value earns score k when it is
 * at least the k-th cut point; for recency (fewer days is better) when it is at most the cut point.
 * null means no value earns that score (a quantile scale with fewer distinct values than scores).
 */
export type CutPoints = readonly [
  number | null,
  number | null,
  number | null,
  number | null,
];

export type RfmScale = {
  readonly recencyDays: CutPoints;
  readonly orderCount: CutPoints;
  readonly netSpendMinor: CutPoints;
};

export type RfmScaleOption =
  | { readonly method: "quantiles" }
  | { readonly method: "fixed"; readonly scale: RfmScale };

export type ScoredCustomer = {
  readonly customerKey: string;
  readonly score: RfmScore;
};

export type RfmScoring = {
  readonly method: "quantiles" | "fixed";
  readonly scale: RfmScale;
  readonly customers: ScoredCustomer[];
};

type Direction = "higherIsBetter" | "lowerIsBetter";

const SCORES = 5;

/** The score of one value on one dimension; usable for a single customer between full recomputes. */
export function scoreValue(
  value: number,
  cutPoints: CutPoints,
  direction: Direction,
): RfmScoreValue {
  let score = 1;
  for (const cut of cutPoints) {
    if (cut === null) continue;
    if (direction === "higherIsBetter" ? value >= cut : value <= cut)
      score += 1;
  }
  return score as RfmScoreValue;
}

export function scoreRecency(
  recencyDays: number,
  scale: RfmScale,
): RfmScoreValue {
  return scoreValue(recencyDays, scale.recencyDays, "lowerIsBetter");
}

export function scoreFrequency(
  orderCount: number,
  scale: RfmScale,
): RfmScoreValue {
  return scoreValue(orderCount, scale.orderCount, "higherIsBetter");
}

export function scoreMonetary(
  netSpendMinor: number,
  scale: RfmScale,
): RfmScoreValue {
  return scoreValue(netSpendMinor, scale.netSpendMinor, "higherIsBetter");
}

/**
 * Quantile cut points that never split a tie: distinct values are walked from worst to best and
 * each score takes about an equal share of the customers not yet scored, closing a score when the
 * next block of equal values would overshoot its share by more than leaving it short. A block that
 * alone exceeds a share (one-time buyers in a small shop) becomes one score, and the rest of the
 * customers are shared among the remaining scores.
 */
export function computeQuantileCutPoints(
  values: readonly number[],
  direction: Direction,
): CutPoints {
  const sorted = [...values].sort((left, right) =>
    direction === "higherIsBetter" ? left - right : right - left,
  );
  const blocks: { value: number; count: number }[] = [];
  for (const value of sorted) {
    const last = blocks[blocks.length - 1];
    if (last && last.value === value) last.count += 1;
    else blocks.push({ value, count: 1 });
  }
  const cuts: (number | null)[] = [null, null, null, null];
  let score = 1;
  let unscored = sorted.length;
  let groupSize = 0;
  let share = unscored / SCORES;
  for (const block of blocks) {
    const overshoot = groupSize + block.count - share;
    const shortfall = share - groupSize;
    if (groupSize > 0 && score < SCORES && overshoot > shortfall) {
      unscored -= groupSize;
      score += 1;
      share = unscored / (SCORES - score + 1);
      groupSize = 0;
      cuts[score - 2] = block.value;
    }
    groupSize += block.count;
  }
  return cuts as unknown as CutPoints;
}

export function computeQuantileScale(
  summaries: readonly PurchaseSummary[],
): RfmScale {
  return {
    recencyDays: computeQuantileCutPoints(
      summaries.map((summary) => summary.recencyDays),
      "lowerIsBetter",
    ),
    orderCount: computeQuantileCutPoints(
      summaries.map((summary) => summary.orderCount),
      "higherIsBetter",
    ),
    netSpendMinor: computeQuantileCutPoints(
      summaries.map((summary) => summary.netSpendMinor),
      "higherIsBetter",
    ),
  };
}

function assertFixedCutPoints(
  cutPoints: CutPoints,
  direction: Direction,
): void {
  let previous: number | null = null;
  for (const cut of cutPoints) {
    assertAnalytics(
      cut !== null && Number.isFinite(cut),
      NON_MONOTONIC_CUT_POINTS,
    );
    if (previous !== null) {
      assertAnalytics(
        direction === "higherIsBetter" ? cut >= previous : cut <= previous,
        NON_MONOTONIC_CUT_POINTS,
      );
    }
    previous = cut;
  }
}

/** Scores every summarised customer on the shop's quantile scale, or on a merchant's fixed scale. */
export function scoreCustomers(
  summaries: readonly PurchaseSummary[],
  option: RfmScaleOption = { method: "quantiles" },
): RfmScoring {
  let scale: RfmScale;
  if (option.method === "fixed") {
    assertFixedCutPoints(option.scale.recencyDays, "lowerIsBetter");
    assertFixedCutPoints(option.scale.orderCount, "higherIsBetter");
    assertFixedCutPoints(option.scale.netSpendMinor, "higherIsBetter");
    scale = option.scale;
  } else {
    scale = computeQuantileScale(summaries);
  }
  const customers = summaries.map((summary) => ({
    customerKey: summary.customerKey,
    score: {
      recency: scoreRecency(summary.recencyDays, scale),
      frequency: scoreFrequency(summary.orderCount, scale),
      monetary: scoreMonetary(summary.netSpendMinor, scale),
    },
  }));
  return { method: option.method, scale, customers };
}
