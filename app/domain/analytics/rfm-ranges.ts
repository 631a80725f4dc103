// The values each RFM score stands for, read off the shop's cut points (rfm.ts), so the merchant can
// see the thresholds in use (product.md §2: "explain its thresholds in the UI"). Cut points fill from
// score 2 upwards; a null cut point means no customer reaches that score, as in small shops where
// most customers have ordered once and several frequency scores stay empty.
import type { CutPoints, RfmScale, RfmScoreValue } from "./rfm.ts";

export type ScoreRange = {
  readonly score: RfmScoreValue;
  /** Inclusive; null: no lower bound. */
  readonly from: number | null;
  /** Inclusive; null: no upper bound. */
  readonly to: number | null;
  /** No value earns this score on this scale. */
  readonly empty: boolean;
};

export type RfmScaleRanges = {
  /** Days since the last order: score 5 is the most recent. */
  readonly recencyDays: ScoreRange[];
  readonly orderCount: ScoreRange[];
  readonly netSpendMinor: ScoreRange[];
};

const SCORES: readonly RfmScoreValue[] = [1, 2, 3, 4, 5];

/** Ranges of whole values for scores 1–5; "higher" dimensions earn score k from cut point k on. */
function rangesUpwards(cutPoints: CutPoints): ScoreRange[] {
  return SCORES.map((score) => {
    const from = score === 1 ? null : cutPoints[score - 2];
    const next = score === 5 ? null : cutPoints[score - 1];
    if (score > 1 && from === null)
      return { score, from: null, to: null, empty: true };
    return {
      score,
      from: from ?? null,
      to: next === null || next === undefined ? null : next - 1,
      empty: false,
    };
  });
}

/** Recency earns score k at most cut point k days ago (fewer days is better). */
function rangesDownwards(cutPoints: CutPoints): ScoreRange[] {
  return SCORES.map((score) => {
    const to = score === 1 ? null : cutPoints[score - 2];
    const next = score === 5 ? null : cutPoints[score - 1];
    if (score > 1 && to === null)
      return { score, from: null, to: null, empty: true };
    return {
      score,
      from: next === null || next === undefined ? null : next + 1,
      to: to ?? null,
      empty: false,
    };
  });
}

/** Every score's range of whole values on each dimension, score 1 first. */
export function listScoreRanges(scale: RfmScale): RfmScaleRanges {
  return {
    recencyDays: rangesDownwards(scale.recencyDays),
    orderCount: rangesUpwards(scale.orderCount),
    netSpendMinor: rangesUpwards(scale.netSpendMinor),
  };
}
