import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  summarizePurchases,
  type Purchase,
  type PurchaseSummary,
} from "../purchase-summary.ts";
import { computeAliveProbability, computeExpectedPurchases } from "./bg-nbd.ts";
import { computeExpectedSpend } from "./gamma-gamma.ts";
import {
  discountPurchaseValue,
  fitShopModel,
  predictCustomer,
  toRepeatHistory,
  type ShopModel,
} from "./clv.ts";

const purchase = (
  customerKey: string,
  occurredOn: string,
  amountMinor: number,
): Purchase => ({ customerKey, occurredOn, amountMinor });

// a: x = 1 over 30 days; b: x = 2 over 40 days (20 per gap); c: one order. Median interval 25 days.
const SMALL_SHOP = summarizePurchases(
  [
    purchase("a", "2024-01-01", 4000),
    purchase("a", "2024-01-31", 2000),
    purchase("b", "2024-01-01", 1000),
    purchase("b", "2024-01-21", 1000),
    purchase("b", "2024-02-10", 1000),
    purchase("c", "2024-01-15", 5000),
  ],
  "2024-03-01",
);
const [CUSTOMER_A, , CUSTOMER_C] = SMALL_SHOP as [
  PurchaseSummary,
  PurchaseSummary,
  PurchaseSummary,
];

// The published CDNOW fits, converted to days and cents.
const CDNOW_MODEL: ShopModel = {
  purchases: {
    method: "bgNbd",
    params: { r: 0.2425967, alpha: 4.4136589 * 7, a: 0.7929869, b: 2.4261643 },
    logLikelihood: -9582.43,
  },
  spend: {
    method: "gammaGamma",
    params: { p: 6.25, q: 3.74, gamma: 1544 },
    logLikelihood: -4055.92,
  },
  repeatCustomerCount: 946,
};

describe("discountPurchaseValue", () => {
  it("discounts each period's purchases from the period's end", () => {
    // One purchase a year worth 1000, two yearly periods at 10 %: 1000/1.1 + 1000/1.21.
    expect(
      discountPurchaseValue((days) => days / 365, 1000, 730, 0.1, 365),
    ).toBeCloseTo(1000 / 1.1 + 1000 / 1.21, 9);
  });

  it("counts a final partial period up to the horizon", () => {
    expect(
      discountPurchaseValue((days) => days / 100, 10, 400, 0, 365),
    ).toBeCloseTo(40, 12);
  });

  it("uses twelve monthly periods over a year by default", () => {
    const ends: number[] = [];
    discountPurchaseValue((days) => (ends.push(days), 0), 1, 365, 0.1);
    expect(ends).toHaveLength(12);
    expect(ends[11]).toBe(365);
  });

  it("never exceeds the undiscounted value", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 2000, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (horizon, rate) => {
          const cumulative = (days: number): number => Math.sqrt(days);
          const discounted = discountPurchaseValue(
            cumulative,
            100,
            horizon,
            rate,
          );
          expect(discounted).toBeGreaterThanOrEqual(0);
          expect(discounted).toBeLessThanOrEqual(
            cumulative(horizon) * 100 * (1 + 1e-12),
          );
        },
      ),
    );
  });

  it("rejects a horizon that is not positive", () => {
    expect(() => discountPurchaseValue(() => 0, 1, 0, 0.1)).toThrow(
      "A prediction horizon and its period must be positive and finite.",
    );
  });
});

describe("fitShopModel", () => {
  it("falls back to the heuristic with the shop's median interval when few customers came back", () => {
    expect(fitShopModel(SMALL_SHOP)).toEqual({
      purchases: {
        method: "heuristic",
        reason: "TOO_FEW_REPEAT_CUSTOMERS",
        medianIntervalDays: 25,
      },
      spend: { method: "customerAverage", reason: "TOO_FEW_REPEAT_CUSTOMERS" },
      repeatCustomerCount: 2,
    });
  });

  it("has no median interval when nobody came back", () => {
    const model = fitShopModel(
      summarizePurchases([purchase("a", "2024-01-01", 100)], "2024-02-01"),
    );
    expect(model.purchases).toEqual({
      method: "heuristic",
      reason: "TOO_FEW_REPEAT_CUSTOMERS",
      medianIntervalDays: null,
    });
  });
});

describe("predictCustomer", () => {
  const options = { horizonDays: 365, annualDiscountRate: 0 };

  it("explains a small-shop customer with the steady-pace rule", () => {
    // GIVEN customer a: interval (30 + 25) / 2 = 27.5 days, last order 30 days before 2024-03-01
    const prediction = predictCustomer(
      fitShopModel(SMALL_SHOP),
      CUSTOMER_A,
      options,
    );
    const alive = Math.exp(-30 / 27.5);
    expect(prediction).toEqual({
      customerKey: "a",
      method: "heuristic",
      heuristicReason: "TOO_FEW_REPEAT_CUSTOMERS",
      spendMethod: "customerAverage",
      horizonDays: 365,
      recencyDays: 30,
      typicalIntervalDays: 27.5,
      aliveProbability: alive,
      expectedPurchases: (alive * 365) / 27.5,
      expectedOrderValueMinor: 3000,
      clvMinor: Math.round(((alive * 365) / 27.5) * 3000),
      // 27.5 × ln 2 = 19.06 days after 2024-03-01
      expectedNextOrderOn: "2024-03-20",
    });
  });

  it("gives a one-time buyer of a small shop the shop's median pace", () => {
    const prediction = predictCustomer(
      fitShopModel(SMALL_SHOP),
      CUSTOMER_C,
      options,
    );
    expect(prediction.typicalIntervalDays).toBe(25);
    expect(prediction.aliveProbability).toBeCloseTo(Math.exp(-46 / 25), 12);
  });

  it("predicts nothing about future orders when nobody in the shop came back", () => {
    const [only] = summarizePurchases(
      [purchase("a", "2024-01-01", 1234)],
      "2024-02-01",
    ) as [PurchaseSummary];
    const prediction = predictCustomer(fitShopModel([only]), only, options);
    expect(prediction).toMatchObject({
      method: "heuristic",
      typicalIntervalDays: null,
      aliveProbability: null,
      expectedPurchases: null,
      clvMinor: null,
      expectedNextOrderOn: null,
      expectedOrderValueMinor: 1234,
    });
  });

  it("uses the fitted BG/NBD and Gamma-Gamma models when the shop has them", () => {
    const prediction = predictCustomer(CDNOW_MODEL, CUSTOMER_A, options);
    const history = toRepeatHistory(CUSTOMER_A);
    const params =
      CDNOW_MODEL.purchases.method === "bgNbd"
        ? CDNOW_MODEL.purchases.params
        : null;
    if (params === null) throw new Error("expected a BG/NBD model");
    const expectedPurchases = computeExpectedPurchases(params, history, 365);
    const orderValue = computeExpectedSpend(
      { p: 6.25, q: 3.74, gamma: 1544 },
      1,
      2000,
    );
    expect(prediction).toMatchObject({
      method: "bgNbd",
      heuristicReason: null,
      spendMethod: "gammaGamma",
      aliveProbability: computeAliveProbability(params, history),
      expectedPurchases,
      typicalIntervalDays: (params.alpha + 60) / (params.r + 1),
      expectedOrderValueMinor: Math.round(orderValue),
      clvMinor: Math.round(expectedPurchases * orderValue),
    });
  });

  it("discounts CLV below the undiscounted value", () => {
    const undiscounted = predictCustomer(CDNOW_MODEL, CUSTOMER_A, options)
      .clvMinor as number;
    const discounted = predictCustomer(CDNOW_MODEL, CUSTOMER_A, {
      horizonDays: 365,
      annualDiscountRate: 0.1,
    }).clvMinor as number;
    expect(discounted).toBeLessThan(undiscounted);
    expect(discounted).toBeGreaterThan(undiscounted / 1.1);
  });

  it("gives probabilities in [0, 1] and non-negative, growing expectations for any customer", () => {
    const customers = fc
      .array(
        fc.tuple(
          fc.integer({ min: 0, max: 700 }),
          fc.integer({ min: 100, max: 90_000 }),
        ),
        { minLength: 1, maxLength: 8 },
      )
      .map(
        (rows) =>
          summarizePurchases(
            rows.map(([offset, amount]) =>
              purchase(
                "x",
                `2022-${String(1 + (offset % 12)).padStart(2, "0")}-${String(1 + (offset % 28)).padStart(2, "0")}`,
                amount,
              ),
            ),
            "2023-06-30",
          )[0] as PurchaseSummary,
      );
    fc.assert(
      fc.property(
        customers,
        fc.integer({ min: 1, max: 1000 }),
        (summary, horizonDays) => {
          for (const model of [
            CDNOW_MODEL,
            fitShopModel([...SMALL_SHOP, summary]),
          ]) {
            const shorter = predictCustomer(model, summary, {
              horizonDays,
              annualDiscountRate: 0.1,
            });
            const longer = predictCustomer(model, summary, {
              horizonDays: horizonDays + 30,
              annualDiscountRate: 0.1,
            });
            expect(shorter.aliveProbability).toBeGreaterThanOrEqual(0);
            expect(shorter.aliveProbability).toBeLessThanOrEqual(1);
            expect(shorter.expectedPurchases).toBeGreaterThanOrEqual(0);
            expect(longer.expectedPurchases).toBeGreaterThanOrEqual(
              shorter.expectedPurchases as number,
            );
            expect(shorter.clvMinor).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });
});
