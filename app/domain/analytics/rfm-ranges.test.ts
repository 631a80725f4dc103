import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listScoreRanges } from "./rfm-ranges.ts";
import type { PurchaseSummary } from "./purchase-summary.ts";
import {
  computeQuantileScale,
  scoreFrequency,
  scoreRecency,
  type CutPoints,
  type RfmScale,
} from "./rfm.ts";

/** The fields a scale reads; the rest of the summary does not matter here. */
function summary(
  customerKey: string,
  recencyDays: number,
  orderCount: number,
): PurchaseSummary {
  return {
    customerKey,
    orderCount,
    purchaseDayCount: orderCount,
    firstPurchaseOn: "2024-01-01",
    lastPurchaseOn: "2024-01-01",
    netSpendMinor: 1,
    averageOrderValueMinor: 1,
    frequency: orderCount - 1,
    recencyDays,
    activeSpanDays: 0,
    customerAgeDays: recencyDays,
    repeatSpendMinor: 0,
  };
}

const scale = (
  recencyDays: CutPoints,
  orderCount: CutPoints,
  netSpendMinor: CutPoints = [100, 200, 300, 400],
): RfmScale => ({ recencyDays, orderCount, netSpendMinor });

describe("listScoreRanges", () => {
  it("reads a full scale into five adjacent ranges per dimension", () => {
    const ranges = listScoreRanges(scale([448, 275, 150, 56], [2, 3, 4, 6]));
    expect(ranges.recencyDays).toEqual([
      { score: 1, from: 449, to: null, empty: false },
      { score: 2, from: 276, to: 448, empty: false },
      { score: 3, from: 151, to: 275, empty: false },
      { score: 4, from: 57, to: 150, empty: false },
      { score: 5, from: null, to: 56, empty: false },
    ]);
    expect(ranges.orderCount).toEqual([
      { score: 1, from: null, to: 1, empty: false },
      { score: 2, from: 2, to: 2, empty: false },
      { score: 3, from: 3, to: 3, empty: false },
      { score: 4, from: 4, to: 5, empty: false },
      { score: 5, from: 6, to: null, empty: false },
    ]);
  });

  it("marks the scores a small shop never reaches as empty", () => {
    // most customers ordered once: frequency only separates one order from two or more
    const ranges = listScoreRanges(
      scale([30, 10, null, null], [2, null, null, null]),
    );
    expect(
      ranges.orderCount.map((range) => [
        range.score,
        range.from,
        range.to,
        range.empty,
      ]),
    ).toEqual([
      [1, null, 1, false],
      [2, 2, null, false],
      [3, null, null, true],
      [4, null, null, true],
      [5, null, null, true],
    ]);
    expect(ranges.recencyDays.slice(0, 3)).toEqual([
      { score: 1, from: 31, to: null, empty: false },
      { score: 2, from: 11, to: 30, empty: false },
      { score: 3, from: null, to: 10, empty: false },
    ]);
  });

  it("puts every value in the range of the score the scale gives it", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            recencyDays: fc.integer({ min: 0, max: 800 }),
            orderCount: fc.integer({ min: 1, max: 20 }),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        fc.integer({ min: 0, max: 900 }),
        fc.integer({ min: 1, max: 25 }),
        (customers, recencyDays, orderCount) => {
          const fitted = computeQuantileScale(
            customers.map((customer, index) =>
              summary(String(index), customer.recencyDays, customer.orderCount),
            ),
          );
          const ranges = listScoreRanges(fitted);
          const contains = (
            range: { from: number | null; to: number | null; empty: boolean },
            value: number,
          ) =>
            !range.empty &&
            (range.from === null || value >= range.from) &&
            (range.to === null || value <= range.to);
          expect(
            ranges.recencyDays
              .filter((range) => contains(range, recencyDays))
              .map((range) => range.score),
          ).toEqual([scoreRecency(recencyDays, fitted)]);
          expect(
            ranges.orderCount
              .filter((range) => contains(range, orderCount))
              .map((range) => range.score),
          ).toEqual([scoreFrequency(orderCount, fitted)]);
        },
      ),
    );
  });
});
