import { describe, expect, it } from "vitest";
import { summarizePurchases, type Purchase } from "../purchase-summary.ts";
import {
  computeMedianIntervalDays,
  estimateAliveProbability,
  estimateExpectedPurchases,
  estimateIntervalDays,
  estimateMedianDaysToNextPurchase,
} from "./heuristic.ts";

const purchase = (customerKey: string, occurredOn: string): Purchase => ({
  customerKey,
  occurredOn,
  amountMinor: 1000,
});

describe("computeMedianIntervalDays", () => {
  it.each<[string, Purchase[], number | null]>([
    [
      "nobody came back",
      [purchase("a", "2024-01-01"), purchase("b", "2024-01-05")],
      null,
    ],
    [
      "one returning customer",
      [
        purchase("a", "2024-01-01"),
        purchase("a", "2024-01-11"),
        purchase("b", "2024-01-05"),
      ],
      10,
    ],
    [
      "an odd number of returning customers, each counted once",
      [
        ...["2024-01-01", "2024-01-03", "2024-01-05", "2024-01-07"].map((on) =>
          purchase("a", on),
        ),
        purchase("b", "2024-01-01"),
        purchase("b", "2024-01-31"),
        purchase("c", "2024-01-01"),
        purchase("c", "2024-03-01"),
      ],
      30,
    ],
    [
      "an even number of returning customers",
      [
        purchase("a", "2024-01-01"),
        purchase("a", "2024-01-21"),
        purchase("b", "2024-01-01"),
        purchase("b", "2024-01-31"),
      ],
      25,
    ],
  ])("is right when %s", (_, purchases, expected) => {
    expect(
      computeMedianIntervalDays(summarizePurchases(purchases, "2024-03-31")),
    ).toBe(expected);
  });
});

describe("estimateIntervalDays", () => {
  it("counts the shop median as one extra gap", () => {
    const [summary] = summarizePurchases(
      [purchase("a", "2024-01-01"), purchase("a", "2024-01-02")],
      "2024-02-01",
    );
    expect(
      estimateIntervalDays(summary as NonNullable<typeof summary>, 59),
    ).toBe(30);
  });
});

describe("estimateAliveProbability", () => {
  it.each([
    [0, 30, 1],
    [30, 30, Math.exp(-1)],
    [90, 30, Math.exp(-3)],
  ])(
    "after %i quiet days at a %i-day pace is %d",
    (recency, interval, expected) => {
      expect(estimateAliveProbability(recency, interval)).toBeCloseTo(
        expected,
        15,
      );
    },
  );
});

describe("estimateExpectedPurchases", () => {
  it("is the steady-pace count weighted by the chance of being active", () => {
    expect(estimateExpectedPurchases(0.5, 30, 360)).toBe(6);
  });
});

describe("estimateMedianDaysToNextPurchase", () => {
  it("is the median of an exponential wait", () => {
    expect(estimateMedianDaysToNextPurchase(10)).toBeCloseTo(
      6.931471805599453,
      15,
    );
  });
});
