import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PurchaseSummary } from "./purchase-summary.ts";
import {
  computeQuantileCutPoints,
  scoreCustomers,
  scoreValue,
  type CutPoints,
  type RfmScale,
} from "./rfm.ts";

function summaryOf(
  customerKey: string,
  recencyDays: number,
  orderCount: number,
  netSpendMinor: number,
): PurchaseSummary {
  return {
    customerKey,
    orderCount,
    purchaseDayCount: orderCount,
    firstPurchaseOn: "2024-01-01",
    lastPurchaseOn: "2024-01-01",
    netSpendMinor,
    averageOrderValueMinor: Math.round(netSpendMinor / orderCount),
    frequency: orderCount - 1,
    recencyDays,
    activeSpanDays: orderCount - 1,
    customerAgeDays: recencyDays + orderCount - 1,
    repeatSpendMinor: 0,
  };
}

const FIXED_SCALE: RfmScale = {
  recencyDays: [365, 180, 90, 30],
  orderCount: [2, 3, 5, 10],
  netSpendMinor: [5_000, 10_000, 30_000, 100_000],
};

describe("scoreValue", () => {
  it.each([
    [0, 5],
    [30, 5],
    [31, 4],
    [90, 4],
    [91, 3],
    [180, 3],
    [365, 2],
    [366, 1],
  ])(
    "scores a recency of %i days as R%i on fixed cut points",
    (days, score) => {
      expect(scoreValue(days, FIXED_SCALE.recencyDays, "lowerIsBetter")).toBe(
        score,
      );
    },
  );

  it.each([
    [1, 1],
    [2, 2],
    [4, 3],
    [5, 4],
    [9, 4],
    [10, 5],
    [40, 5],
  ])("scores %i orders as F%i on fixed cut points", (orders, score) => {
    expect(scoreValue(orders, FIXED_SCALE.orderCount, "higherIsBetter")).toBe(
      score,
    );
  });

  it("skips scores whose cut point is null", () => {
    const cutPoints: CutPoints = [2, 3, null, null];
    expect(
      [1, 2, 3, 50].map((orders) =>
        scoreValue(orders, cutPoints, "higherIsBetter"),
      ),
    ).toEqual([1, 2, 3, 3]);
  });
});

describe("computeQuantileCutPoints", () => {
  it("splits ten distinct values into five scores of two", () => {
    expect(
      computeQuantileCutPoints(
        [10, 9, 8, 7, 6, 5, 4, 3, 2, 1],
        "higherIsBetter",
      ),
    ).toEqual([3, 5, 7, 9]);
  });

  it("orders recency cut points from most to fewest days", () => {
    expect(
      computeQuantileCutPoints(
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        "lowerIsBetter",
      ),
    ).toEqual([8, 6, 4, 2]);
  });

  it("puts all one-time buyers in F1 when 80 % bought once and shares the rest among F2-F5", () => {
    // GIVEN 100 customers: 80 with one order, 12 with two, 5 with three, 2 with four, 1 with seven
    const orders = [
      ...Array<number>(80).fill(1),
      ...Array<number>(12).fill(2),
      ...Array<number>(5).fill(3),
      4,
      4,
      7,
    ];
    // THEN each order count is its own score
    expect(computeQuantileCutPoints(orders, "higherIsBetter")).toEqual([
      2, 3, 4, 7,
    ]);
  });

  it("leaves the top scores unused when there are fewer distinct values than scores", () => {
    expect(computeQuantileCutPoints([1, 1, 1, 2, 2], "higherIsBetter")).toEqual(
      [2, null, null, null],
    );
  });

  it("gives everyone score 1 when all values are equal", () => {
    expect(computeQuantileCutPoints([3, 3, 3], "higherIsBetter")).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it("closes a score before a tie block that would overshoot its share by more than it falls short", () => {
    // F1's share is 2: adding the four 2s would overshoot it by 3, stopping leaves it 1 short, so F1
    // is [1]; the remaining 9 then share F2-F5 (2.25 each) and F2 is the tie block alone.
    expect(
      computeQuantileCutPoints(
        [1, 2, 2, 2, 2, 3, 4, 5, 6, 7],
        "higherIsBetter",
      ),
    ).toEqual([2, 3, 5, 7]);
  });
});

describe("scoreCustomers", () => {
  it("returns the quantile scale it used with the scores", () => {
    const summaries = [
      summaryOf("a", 5, 3, 9000),
      summaryOf("b", 40, 1, 1000),
      summaryOf("c", 200, 1, 3000),
    ];
    const scoring = scoreCustomers(summaries);
    expect(scoring.method).toBe("quantiles");
    expect(scoring.scale).toEqual({
      recencyDays: [40, 5, null, null],
      orderCount: [3, null, null, null],
      netSpendMinor: [3000, 9000, null, null],
    });
    expect(scoring.customers).toEqual([
      { customerKey: "a", score: { recency: 3, frequency: 2, monetary: 3 } },
      { customerKey: "b", score: { recency: 2, frequency: 1, monetary: 1 } },
      { customerKey: "c", score: { recency: 1, frequency: 1, monetary: 2 } },
    ]);
  });

  it("scores on a merchant's fixed scale", () => {
    const scoring = scoreCustomers(
      [summaryOf("a", 10, 12, 150_000), summaryOf("b", 400, 1, 100)],
      { method: "fixed", scale: FIXED_SCALE },
    );
    expect(scoring.customers.map((customer) => customer.score)).toEqual([
      { recency: 5, frequency: 5, monetary: 5 },
      { recency: 1, frequency: 1, monetary: 1 },
    ]);
  });

  it("rejects fixed cut points out of order", () => {
    const scale: RfmScale = { ...FIXED_SCALE, recencyDays: [30, 90, 180, 365] };
    expect(() => scoreCustomers([], { method: "fixed", scale })).toThrow(
      "Fixed RFM cut points must be finite and ordered from score 2 to score 5.",
    );
  });

  describe("properties", () => {
    const summaries = fc
      .array(
        fc.tuple(
          fc.integer({ min: 0, max: 800 }),
          fc.integer({ min: 1, max: 12 }),
          fc.integer({ min: -2000, max: 200_000 }),
        ),
        {
          minLength: 1,
          maxLength: 120,
        },
      )
      .map((rows) =>
        rows.map(([recency, orders, spend], index) =>
          summaryOf(`c${index}`, recency, orders, spend),
        ),
      );

    it("gives every score in 1..5", () => {
      fc.assert(
        fc.property(summaries, (list) => {
          for (const { score } of scoreCustomers(list).customers) {
            for (const value of [
              score.recency,
              score.frequency,
              score.monetary,
            ])
              expect([1, 2, 3, 4, 5]).toContain(value);
          }
        }),
      );
    });

    it("never raises the recency score as days since the last order grow", () => {
      fc.assert(
        fc.property(summaries, (list) => {
          const { scale } = scoreCustomers(list);
          const ordered = [...list].sort(
            (left, right) => left.recencyDays - right.recencyDays,
          );
          const scores = ordered.map((summary) =>
            scoreValue(summary.recencyDays, scale.recencyDays, "lowerIsBetter"),
          );
          for (let index = 1; index < scores.length; index += 1)
            expect(scores[index]).toBeLessThanOrEqual(
              scores[index - 1] as number,
            );
        }),
      );
    });

    it("gives equal values equal scores", () => {
      fc.assert(
        fc.property(summaries, (list) => {
          const scored = scoreCustomers(list).customers;
          list.forEach((left, leftIndex) =>
            list.forEach((right, rightIndex) => {
              if (left.orderCount === right.orderCount) {
                expect(scored[leftIndex]?.score.frequency).toBe(
                  scored[rightIndex]?.score.frequency,
                );
              }
              if (left.recencyDays === right.recencyDays) {
                expect(scored[leftIndex]?.score.recency).toBe(
                  scored[rightIndex]?.score.recency,
                );
              }
            }),
          );
        }),
      );
    });

    it("puts all one-time buyers in one F score when most customers bought once", () => {
      const shop = fc
        .tuple(
          fc.integer({ min: 8, max: 400 }),
          fc.array(fc.integer({ min: 2, max: 30 }), {
            minLength: 1,
            maxLength: 100,
          }),
        )
        .filter(([oneTime, repeat]) => oneTime >= 4 * repeat.length);
      fc.assert(
        fc.property(shop, ([oneTime, repeat]) => {
          const list = [
            ...Array.from({ length: oneTime }, (_, index) =>
              summaryOf(`o${index}`, 10, 1, 1000),
            ),
            ...repeat.map((orders, index) =>
              summaryOf(`r${index}`, 10, orders, 1000),
            ),
          ];
          const scores = scoreCustomers(list).customers.map(
            (customer) => customer.score.frequency,
          );
          expect(new Set(scores.slice(0, oneTime))).toEqual(new Set([1]));
          expect(scores.slice(oneTime).every((score) => score > 1)).toBe(true);
        }),
      );
    });

    it("gives each score about a fifth of customers when values are distinct", () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.integer(), { minLength: 5, maxLength: 300 }),
          (values) => {
            const cutPoints = computeQuantileCutPoints(
              values,
              "higherIsBetter",
            );
            const counts = [1, 2, 3, 4, 5].map(
              (score) =>
                values.filter(
                  (value) =>
                    scoreValue(value, cutPoints, "higherIsBetter") === score,
                ).length,
            );
            for (const count of counts)
              expect(Math.abs(count - values.length / 5)).toBeLessThanOrEqual(
                1,
              );
          },
        ),
      );
    });
  });
});
