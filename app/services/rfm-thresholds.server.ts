// The RFM thresholds in use, as Home and Segments explain them to the merchant (product.md §2: the
// app "must handle ties and small shops sensibly and explain its thresholds in the UI").
import {
  listScoreRanges,
  type RfmScaleRanges,
} from "../domain/analytics/rfm-ranges.ts";
import type { ShopAnalyticsSummary } from "./analytics/read-analytics.server.ts";

export type RfmThresholds = {
  /** The day of the full recompute that fixed the thresholds. */
  readonly asOn: string;
  readonly method: "quantiles" | "fixed";
  /** Customers the thresholds were fitted on. */
  readonly customerCount: number;
  readonly ranges: RfmScaleRanges;
};

export function describeRfmThresholds(
  summary: ShopAnalyticsSummary,
): RfmThresholds {
  return {
    asOn: summary.asOn,
    method: summary.scoring.rfmMethod,
    customerCount: summary.customerCount,
    ranges: listScoreRanges(summary.scoring.rfmScale),
  };
}
