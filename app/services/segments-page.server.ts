// The Segments page (product.md §5): the R × F grid with customers and net spend per cell, every
// segment with its size and share of spend, and the RFM thresholds behind them. Two indexed group-bys
// over the stored rows and the shop's summary; nothing is recomputed.
import { SEGMENTS } from "../domain/analytics/customer-analytics.ts";
import type { RfmScoreValue } from "../domain/analytics/rfm.ts";
import {
  assignSegment,
  type RfmSegment,
} from "../domain/analytics/segments.ts";
import {
  countRfmCells,
  sumCustomersBySegment,
} from "../models/analytics-customers.server.ts";
import { findShop } from "../models/shops.server.ts";
import { getShopAnalytics } from "./analytics/read-analytics.server.ts";
import {
  describeRfmThresholds,
  type RfmThresholds,
} from "./rfm-thresholds.server.ts";

export type RfmGridCell = {
  readonly recencyScore: RfmScoreValue;
  readonly frequencyScore: RfmScoreValue;
  readonly segment: RfmSegment;
  readonly customerCount: number;
  readonly netSpendMinor: number;
};

export type SegmentSummary = {
  readonly segment: RfmSegment;
  readonly customerCount: number;
  readonly netSpendMinor: number;
  /** The R × F cells the segment covers. */
  readonly cells: {
    readonly recencyScore: RfmScoreValue;
    readonly frequencyScore: RfmScoreValue;
  }[];
};

export type SegmentsOverview =
  | { readonly status: "notComputed" }
  | {
      readonly status: "ready";
      readonly currencyCode: string;
      /** Rows R = 5 … 1, columns F = 1 … 5; every cell, empty ones included. */
      readonly grid: RfmGridCell[][];
      readonly segments: SegmentSummary[];
      readonly customerCount: number;
      readonly netSpendMinor: number;
      readonly rfm: RfmThresholds;
    };

const SCORES: readonly RfmScoreValue[] = [1, 2, 3, 4, 5];

export async function getSegmentsOverview(
  shop: string,
): Promise<SegmentsOverview> {
  const [summary, gridCells, totals, record] = await Promise.all([
    getShopAnalytics(shop),
    countRfmCells(shop),
    sumCustomersBySegment(shop),
    findShop(shop),
  ]);
  if (summary === null) return { status: "notComputed" };
  const cellOf = (recencyScore: RfmScoreValue, frequencyScore: RfmScoreValue) =>
    gridCells.find(
      (cell) =>
        cell.recencyScore === recencyScore &&
        cell.frequencyScore === frequencyScore,
    );
  const rows = [...SCORES].reverse().map((recencyScore) =>
    SCORES.map((frequencyScore) => ({
      recencyScore,
      frequencyScore,
      segment: assignSegment({
        recency: recencyScore,
        frequency: frequencyScore,
        monetary: 1,
      }),
      customerCount: cellOf(recencyScore, frequencyScore)?.customerCount ?? 0,
      netSpendMinor: cellOf(recencyScore, frequencyScore)?.netSpendMinor ?? 0,
    })),
  );
  const cells = rows.flat();
  const segments = SEGMENTS.map((segment) => ({
    segment,
    customerCount: totals.get(segment)?.customerCount ?? 0,
    netSpendMinor: totals.get(segment)?.netSpendMinor ?? 0,
    cells: cells
      .filter((cell) => cell.segment === segment)
      .map(({ recencyScore, frequencyScore }) => ({
        recencyScore,
        frequencyScore,
      })),
  }));
  return {
    status: "ready",
    currencyCode: record?.currencyCode ?? "",
    grid: rows,
    segments,
    customerCount: segments.reduce(
      (sum, segment) => sum + segment.customerCount,
      0,
    ),
    netSpendMinor: segments.reduce(
      (sum, segment) => sum + segment.netSpendMinor,
      0,
    ),
    rfm: describeRfmThresholds(summary),
  };
}
