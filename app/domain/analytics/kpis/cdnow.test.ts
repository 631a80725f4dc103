// The second-purchase facts of ../shared/data/README.md on the full CDNOW master (23,570 customers
// who first bought in Q1 1997, followed to 1998-06-30). The definitions that reproduce them: a
// purchase is a purchase day (every row counts, $0.00 rows too); "within N days" means the second
// purchase day is at most N days after the first; shares are of all customers; the median is over
// the customers with a second purchase day by 1998-06-30 (78 weeks after 1997-01-01).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Purchase } from "../purchase-summary.ts";
import {
  computeDaysToSecondPurchase,
  computeF2Conversion,
  computeRepeatRate,
} from "./second-purchase.ts";

const MASTER = new URL(
  "../../../../../shared/data/cdnow/CDNOW_master.txt",
  import.meta.url,
);
const END_ON = "1998-06-30";

function readMaster(): Purchase[] {
  return readFileSync(MASTER, "utf8")
    .split("\r\n")
    .filter((line) => /^\s*\d/.test(line))
    .map((line) => {
      const [id, yyyymmdd, , dollars] = line.trim().split(/\s+/) as [
        string,
        string,
        string,
        string,
      ];
      return {
        customerKey: id,
        occurredOn: `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`,
        amountMinor: Math.round(Number(dollars) * 100),
      };
    });
}

const purchases = readMaster();

function percent(ratio: number | null): number {
  return Math.round((ratio as number) * 100);
}

describe("second-purchase KPIs on CDNOW", () => {
  it("finds 51 % who never make a second purchase day within 78 weeks", () => {
    const rate = computeRepeatRate(purchases, END_ON);
    expect(rate).toMatchObject({
      customerCount: 23_570,
      repeatCustomerCount: 11_516,
    });
    expect(percent(1 - (rate.repeatRatio as number))).toBe(51);
  });

  it("finds 29 % back within 90 days and 46 % within a year", () => {
    const { windows, cohorts } = computeF2Conversion(
      purchases,
      END_ON,
      [90, 365],
    );
    expect(cohorts.map((cohort) => cohort.cohortMonth)).toEqual([
      "1997-01",
      "1997-02",
      "1997-03",
    ]);
    expect(
      windows.map(
        ({ convertedCount, maturingCohortCount, firstTimeBuyerCount }) => ({
          convertedCount,
          maturingCohortCount,
          firstTimeBuyerCount,
        }),
      ),
    ).toEqual([
      {
        convertedCount: 6_887,
        maturingCohortCount: 0,
        firstTimeBuyerCount: 23_570,
      },
      {
        convertedCount: 10_810,
        maturingCohortCount: 0,
        firstTimeBuyerCount: 23_570,
      },
    ]);
    expect(windows.map((window) => percent(window.f2ConversionRatio))).toEqual([
      29, 46,
    ]);
  });

  it("finds a median of 57 days from first to second purchase day", () => {
    expect(computeDaysToSecondPurchase(purchases, END_ON)).toMatchObject({
      customerCount: 11_516,
      medianDays: 57,
    });
  });
});
