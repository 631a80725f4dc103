import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { summarizePurchases, type Purchase } from "./purchase-summary.ts";

const purchase = (
  customerKey: string,
  occurredOn: string,
  amountMinor: number,
): Purchase => ({ customerKey, occurredOn, amountMinor });

describe("summarizePurchases", () => {
  it("merges same-day orders into one purchase day and measures x, t_x and T in days", () => {
    // GIVEN two orders on the first day, one a week later and one on the as-of date
    const purchases = [
      purchase("a", "2024-01-01", 1000),
      purchase("a", "2024-01-01", 500),
      purchase("a", "2024-01-08", 2000),
      purchase("a", "2024-01-31", 700),
    ];
    // WHEN summarised as of 2024-01-31
    const [summary] = summarizePurchases(purchases, "2024-01-31");
    // THEN
    expect(summary).toEqual({
      customerKey: "a",
      orderCount: 4,
      purchaseDayCount: 3,
      firstPurchaseOn: "2024-01-01",
      lastPurchaseOn: "2024-01-31",
      netSpendMinor: 4200,
      averageOrderValueMinor: 1050,
      frequency: 2,
      recencyDays: 0,
      activeSpanDays: 30,
      customerAgeDays: 30,
      repeatSpendMinor: 2700,
    });
  });

  it("ignores purchases after the as-of date", () => {
    const purchases = [
      purchase("a", "2024-01-01", 1000),
      purchase("a", "2024-02-01", 3000),
      purchase("b", "2024-02-02", 10),
    ];
    expect(summarizePurchases(purchases, "2024-01-15")).toEqual([
      {
        customerKey: "a",
        orderCount: 1,
        purchaseDayCount: 1,
        firstPurchaseOn: "2024-01-01",
        lastPurchaseOn: "2024-01-01",
        netSpendMinor: 1000,
        averageOrderValueMinor: 1000,
        frequency: 0,
        recencyDays: 14,
        activeSpanDays: 0,
        customerAgeDays: 14,
        repeatSpendMinor: 0,
      },
    ]);
  });

  it("returns customers sorted by key whatever the input order", () => {
    const purchases = [
      purchase("c", "2024-01-03", 1),
      purchase("a", "2024-01-02", 1),
      purchase("b", "2024-01-01", 1),
    ];
    expect(
      summarizePurchases(purchases, "2024-01-03").map(
        (summary) => summary.customerKey,
      ),
    ).toEqual(["a", "b", "c"]);
  });

  it("rounds the average order value half up to a whole minor unit", () => {
    const purchases = [
      purchase("a", "2024-01-01", 1),
      purchase("a", "2024-01-02", 2),
    ];
    expect(
      summarizePurchases(purchases, "2024-01-02")[0]?.averageOrderValueMinor,
    ).toBe(2);
  });

  it("rejects amounts that are not whole minor units", () => {
    expect(() =>
      summarizePurchases([purchase("a", "2024-01-01", 10.5)], "2024-01-02"),
    ).toThrow("A purchase amount must be a safe integer of minor units.");
  });

  it("keeps the invariants of x, t_x, T and spend for any purchases", () => {
    const purchases = fc.array(
      fc.record({
        customerKey: fc.constantFrom("a", "b", "c"),
        occurredOn: fc
          .integer({ min: 1, max: 28 })
          .map((day) => `2024-02-${String(day).padStart(2, "0")}`),
        amountMinor: fc.integer({ min: -5000, max: 50_000 }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(purchases, (list) => {
        const summaries = summarizePurchases(list, "2024-02-28");
        expect(
          summaries.reduce((total, summary) => total + summary.orderCount, 0),
        ).toBe(list.length);
        for (const summary of summaries) {
          expect(summary.frequency).toBe(summary.purchaseDayCount - 1);
          expect(summary.purchaseDayCount).toBeLessThanOrEqual(
            summary.orderCount,
          );
          expect(summary.activeSpanDays).toBeGreaterThanOrEqual(
            summary.frequency,
          );
          expect(summary.activeSpanDays + summary.recencyDays).toBe(
            summary.customerAgeDays,
          );
          const own = list.filter(
            (entry) => entry.customerKey === summary.customerKey,
          );
          expect(summary.netSpendMinor).toBe(
            own.reduce((total, entry) => total + entry.amountMinor, 0),
          );
        }
      }),
    );
  });
});
