import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addMonths,
  findNextReviewDate,
  listReviewDates,
  validateRankPolicy,
  windowStartOn,
  type RankPolicy,
} from "./rank-policy.ts";

const VALID: RankPolicy = {
  version: 3,
  ranks: [
    {
      key: "regular",
      name: { en: "Regular", ja: "レギュラー" },
      color: "#888888",
      combine: "any",
    },
    {
      key: "silver",
      name: { en: "Silver", ja: "シルバー" },
      color: "#C0C0C0",
      minNetSpendMinor: 10_000,
      combine: "any",
    },
    {
      key: "gold",
      name: { en: "Gold", ja: "ゴールド" },
      color: "#d4af37",
      minNetSpendMinor: 50_000,
      minOrders: 5,
      combine: "all",
    },
  ],
  basis: "tax_exclusive",
  window: { kind: "rolling_months", months: 12 },
  confirmationDelayDays: 7,
  downgradeReviewDates: ["07-01", "01-01"],
  inactivityStepDown: { months: 6 },
  refundDowngrade: "at_next_review",
};

describe("validateRankPolicy", () => {
  it("accepts a well-formed policy", () => {
    expect(validateRankPolicy(VALID)).toEqual([]);
  });

  it("reports each broken field with a stable code", () => {
    const broken: RankPolicy = {
      ...VALID,
      version: 0,
      ranks: [
        {
          key: "regular",
          name: { en: "Regular", ja: "" },
          color: "grey",
          minOrders: 1,
          combine: "any",
        },
        {
          key: "silver",
          name: { en: " ", ja: "シルバー" },
          color: "#C0C0C0",
          minNetSpendMinor: 10_000,
          combine: "any",
        },
        {
          key: "silver",
          name: { en: "Gold", ja: "ゴールド" },
          color: "#d4af37",
          minNetSpendMinor: 10_000,
          minOrders: 0.5,
          combine: "all",
        },
        {
          key: "",
          name: { en: "VIP", ja: "VIP" },
          color: "#000000",
          combine: "any",
        },
      ],
      window: { kind: "rolling_months", months: 0 },
      confirmationDelayDays: -1,
      downgradeReviewDates: ["02-29", "13-01", "07-01", "07-01"],
      inactivityStepDown: { months: 1.5 },
    };
    expect(validateRankPolicy(broken)).toEqual([
      { field: "version", code: "VERSION_INVALID" },
      { field: "ranks.0.name.ja", code: "RANK_NAME_EMPTY" },
      { field: "ranks.0.color", code: "RANK_COLOR_INVALID" },
      { field: "ranks.0", code: "LOWEST_RANK_HAS_THRESHOLD" },
      { field: "ranks.1.name.en", code: "RANK_NAME_EMPTY" },
      { field: "ranks.2.key", code: "RANK_KEY_DUPLICATE" },
      { field: "ranks.2.minNetSpendMinor", code: "THRESHOLD_NOT_INCREASING" },
      { field: "ranks.2.minOrders", code: "THRESHOLD_INVALID" },
      { field: "ranks.3.key", code: "RANK_KEY_EMPTY" },
      { field: "ranks.3", code: "RANK_THRESHOLD_MISSING" },
      { field: "window.months", code: "WINDOW_MONTHS_INVALID" },
      { field: "confirmationDelayDays", code: "CONFIRMATION_DELAY_INVALID" },
      { field: "downgradeReviewDates.0", code: "REVIEW_DATE_INVALID" },
      { field: "downgradeReviewDates.1", code: "REVIEW_DATE_INVALID" },
      { field: "downgradeReviewDates.3", code: "REVIEW_DATE_DUPLICATE" },
      { field: "inactivityStepDown.months", code: "INACTIVITY_MONTHS_INVALID" },
    ]);
  });

  it("reports a policy without ranks", () => {
    expect(validateRankPolicy({ ...VALID, ranks: [] })).toEqual([
      { field: "ranks", code: "RANKS_EMPTY" },
    ]);
  });
});

describe("addMonths", () => {
  it.each([
    ["2024-01-31", 1, "2024-02-29"],
    ["2023-01-31", 1, "2023-02-28"],
    ["2024-03-15", -12, "2023-03-15"],
    ["2024-11-30", 3, "2025-02-28"],
  ])("moves %s by %i months to %s", (on, months, expected) => {
    expect(addMonths(on, months)).toBe(expected);
  });

  it("agrees with the calendar of Date for any date and any move", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1901-01-01T00:00:00Z"),
          max: new Date("2199-12-31T00:00:00Z"),
          noInvalidDate: true,
        }),
        fc.integer({ min: -240, max: 240 }),
        (date, months) => {
          const on = date.toISOString().slice(0, 10);
          const [year, month, day] = on.split("-").map(Number) as [
            number,
            number,
            number,
          ];
          const lastDay = new Date(
            Date.UTC(year, month - 1 + months + 1, 0),
          ).getUTCDate();
          const expected = new Date(
            Date.UTC(year, month - 1 + months, Math.min(day, lastDay)),
          )
            .toISOString()
            .slice(0, 10);
          expect(addMonths(on, months)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("windowStartOn", () => {
  it("starts a 12-month window the day after the same date a year earlier", () => {
    expect(
      windowStartOn({ kind: "rolling_months", months: 12 }, "2024-06-30"),
    ).toBe("2023-07-01");
  });

  it("starts a calendar-year window on January 1 and a lifetime window nowhere", () => {
    expect(windowStartOn({ kind: "calendar_year" }, "2024-06-30")).toBe(
      "2024-01-01",
    );
    expect(windowStartOn({ kind: "lifetime" }, "2024-06-30")).toBeNull();
  });
});

describe("listReviewDates", () => {
  it("lists the review dates after the first date up to and including the last", () => {
    expect(listReviewDates(VALID, "2023-01-01", "2024-07-01")).toEqual([
      "2023-07-01",
      "2024-01-01",
      "2024-07-01",
    ]);
  });

  it("finds the next review date across a year end, or none without review dates", () => {
    expect(findNextReviewDate(VALID, "2024-07-01")).toBe("2025-01-01");
    expect(
      findNextReviewDate({ ...VALID, downgradeReviewDates: [] }, "2024-07-01"),
    ).toBeNull();
  });
});
