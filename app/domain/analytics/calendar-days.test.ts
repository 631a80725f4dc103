import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, daysBetween } from "./calendar-days.ts";

describe("daysBetween", () => {
  it.each([
    ["1997-01-01", "1997-09-30", 272],
    ["2024-02-28", "2024-03-01", 2],
    ["2023-02-28", "2023-03-01", 1],
    ["2024-03-09", "2024-03-11", 2],
    ["2024-01-10", "2024-01-01", -9],
    ["2024-05-05", "2024-05-05", 0],
  ])("counts whole days from %s to %s as %i", (fromOn, toOn, days) => {
    expect(daysBetween(fromOn, toOn)).toBe(days);
  });

  it.each(["2023-02-29", "2024-13-01", "2024-1-01", "20240101", "2024-04-31"])(
    "rejects %s",
    (on) => {
      expect(() => daysBetween(on, "2024-01-01")).toThrow(
        "A shop-local date must be a real calendar date written YYYY-MM-DD.",
      );
    },
  );
});

describe("addDays", () => {
  it.each([
    ["2024-02-28", 1, "2024-02-29"],
    ["2024-12-31", 1, "2025-01-01"],
    ["2024-03-01", -1, "2024-02-29"],
    ["2024-03-01", 2.6, "2024-03-04"],
  ])("moves %s by %d days to %s", (on, days, expected) => {
    expect(addDays(on, days)).toBe(expected);
  });

  it("is undone by daysBetween", () => {
    const dates = fc
      .integer({ min: 0, max: 60_000 })
      .map((offset) => addDays("1970-01-01", offset));
    fc.assert(
      fc.property(dates, fc.integer({ min: -5000, max: 5000 }), (on, days) => {
        expect(daysBetween(on, addDays(on, days))).toBe(days);
      }),
    );
  });
});
