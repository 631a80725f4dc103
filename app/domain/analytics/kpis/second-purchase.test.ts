import { describe, expect, it } from "vitest";
import type { Purchase } from "../purchase-summary.ts";
import {
  computeDaysToSecondPurchase,
  computeF2Conversion,
  computeRepeatRate,
} from "./second-purchase.ts";

function purchasesOf(table: Record<string, string[]>): Purchase[] {
  return Object.entries(table).flatMap(([customerKey, dates]) =>
    dates.map((occurredOn) => ({
      customerKey,
      occurredOn,
      amountMinor: 1_000,
    })),
  );
}

// Gaps from first to second purchase day: a 15, b 112 (its two 01-10 orders are one day), d 14, e 39.
const SHOP = purchasesOf({
  a: ["2024-03-01", "2024-01-20", "2024-01-05"],
  b: ["2024-01-10", "2024-01-10", "2024-05-01"],
  c: ["2024-01-31"],
  d: ["2024-02-01", "2024-02-15"],
  e: ["2024-02-20", "2024-03-30"],
  f: ["2024-06-01"],
});
const AS_ON = "2024-05-28";

describe("computeRepeatRate", () => {
  it("counts customers with two or more purchase days by the as-of date", () => {
    expect(computeRepeatRate(SHOP, AS_ON)).toEqual({
      customerCount: 5,
      repeatCustomerCount: 4,
      repeatRatio: 0.8,
    });
  });

  it("counts two orders on one day as one purchase day", () => {
    expect(computeRepeatRate(SHOP, "2024-04-30")).toEqual({
      customerCount: 5,
      repeatCustomerCount: 3,
      repeatRatio: 0.6,
    });
  });

  it("has no ratio without customers", () => {
    expect(computeRepeatRate([], AS_ON)).toEqual({
      customerCount: 0,
      repeatCustomerCount: 0,
      repeatRatio: null,
    });
  });
});

describe("computeF2Conversion", () => {
  it("reports each cohort window and leaves maturing windows without a ratio", () => {
    const result = computeF2Conversion(SHOP, AS_ON);
    expect(result.cohorts).toEqual([
      {
        cohortMonth: "2024-01",
        firstTimeBuyerCount: 3,
        windows: [
          {
            windowDays: 30,
            complete: true,
            convertedCount: 1,
            f2ConversionRatio: 1 / 3,
          },
          {
            windowDays: 60,
            complete: true,
            convertedCount: 1,
            f2ConversionRatio: 1 / 3,
          },
          {
            windowDays: 90,
            complete: true,
            convertedCount: 1,
            f2ConversionRatio: 1 / 3,
          },
          {
            windowDays: 180,
            complete: false,
            convertedCount: 2,
            f2ConversionRatio: null,
          },
        ],
      },
      {
        cohortMonth: "2024-02",
        firstTimeBuyerCount: 2,
        windows: [
          {
            windowDays: 30,
            complete: true,
            convertedCount: 1,
            f2ConversionRatio: 0.5,
          },
          {
            windowDays: 60,
            complete: true,
            convertedCount: 2,
            f2ConversionRatio: 1,
          },
          {
            windowDays: 90,
            complete: false,
            convertedCount: 2,
            f2ConversionRatio: null,
          },
          {
            windowDays: 180,
            complete: false,
            convertedCount: 2,
            f2ConversionRatio: null,
          },
        ],
      },
    ]);
  });

  it("sums complete cohorts per window and says how many still mature", () => {
    expect(computeF2Conversion(SHOP, AS_ON).windows).toEqual([
      {
        windowDays: 30,
        completeCohortCount: 2,
        maturingCohortCount: 0,
        firstTimeBuyerCount: 5,
        convertedCount: 2,
        f2ConversionRatio: 0.4,
      },
      {
        windowDays: 60,
        completeCohortCount: 2,
        maturingCohortCount: 0,
        firstTimeBuyerCount: 5,
        convertedCount: 3,
        f2ConversionRatio: 0.6,
      },
      {
        windowDays: 90,
        completeCohortCount: 1,
        maturingCohortCount: 1,
        firstTimeBuyerCount: 3,
        convertedCount: 1,
        f2ConversionRatio: 1 / 3,
      },
      {
        windowDays: 180,
        completeCohortCount: 0,
        maturingCohortCount: 2,
        firstTimeBuyerCount: 0,
        convertedCount: 0,
        f2ConversionRatio: null,
      },
    ]);
  });

  it("completes a window on the day the cohort's last member's window ends", () => {
    const [february] = computeF2Conversion(
      SHOP,
      "2024-05-29",
      [90],
    ).cohorts.slice(1);
    expect(february?.windows).toEqual([
      {
        windowDays: 90,
        complete: true,
        convertedCount: 2,
        f2ConversionRatio: 1,
      },
    ]);
  });
});

describe("computeDaysToSecondPurchase", () => {
  it("gives quartiles by interpolation and counts each inclusive bucket", () => {
    expect(computeDaysToSecondPurchase(SHOP, AS_ON)).toEqual({
      customerCount: 4,
      medianDays: 27,
      lowerQuartileDays: 14.75,
      upperQuartileDays: 57.25,
      buckets: [
        { fromDays: 1, toDays: 7, customerCount: 0 },
        { fromDays: 8, toDays: 14, customerCount: 1 },
        { fromDays: 15, toDays: 30, customerCount: 1 },
        { fromDays: 31, toDays: 60, customerCount: 1 },
        { fromDays: 61, toDays: 90, customerCount: 0 },
        { fromDays: 91, toDays: 180, customerCount: 1 },
        { fromDays: 181, toDays: 365, customerCount: 0 },
        { fromDays: 366, toDays: null, customerCount: 0 },
      ],
    });
  });

  it("has no quantiles without second purchases", () => {
    expect(
      computeDaysToSecondPurchase(
        purchasesOf({ c: ["2024-01-31"] }),
        AS_ON,
        [30],
      ),
    ).toEqual({
      customerCount: 0,
      medianDays: null,
      lowerQuartileDays: null,
      upperQuartileDays: null,
      buckets: [
        { fromDays: 1, toDays: 30, customerCount: 0 },
        { fromDays: 31, toDays: null, customerCount: 0 },
      ],
    });
  });
});
