import { describe, expect, it } from "vitest";
import {
  computeExpectedSpend,
  computeGammaGammaLogLikelihood,
  fitGammaGamma,
  type SpendHistory,
} from "./gamma-gamma.ts";

const PUBLISHED = { p: 6.25, q: 3.74, gamma: 15.44 };

describe("computeGammaGammaLogLikelihood", () => {
  it("matches the closed form for one customer", () => {
    // p = 2, q = 3, γ = 10, x = 1, m̄ = 20: Γ(5) / (Γ(2) Γ(3)) = 12, so
    // ln L = ln 12 + 3 ln 10 + ln 20 − 5 ln 30.
    const expected =
      Math.log(12) + 3 * Math.log(10) + Math.log(20) - 5 * Math.log(30);
    expect(
      computeGammaGammaLogLikelihood([{ repeatPurchases: 1, meanSpend: 20 }], {
        p: 2,
        q: 3,
        gamma: 10,
      }),
    ).toBeCloseTo(expected, 12);
  });

  it("rejects a customer without repeat purchases", () => {
    expect(() =>
      fitGammaGamma([{ repeatPurchases: 0, meanSpend: 10 }]),
    ).toThrow(
      "Model inputs must be finite, with 0 <= time to last purchase <= time observed.",
    );
  });
});

describe("fitGammaGamma", () => {
  it("reports no usable fit when every customer spends about the same", () => {
    const spends = [18, 19, 20, 21, 22];
    const histories: SpendHistory[] = Array.from(
      { length: 400 },
      (_, index) => ({
        repeatPurchases: 1 + (index % 4),
        meanSpend: spends[index % 5] as number,
      }),
    );
    // Without heterogeneity p, q and γ drift along a ridge toward the bounds.
    expect(fitGammaGamma(histories).ok).toBe(false);
  });
});

describe("computeExpectedSpend", () => {
  it.each([
    [0, 0, (6.25 * 15.44) / 2.74],
    [1, 20, (6.25 * (15.44 + 20)) / (6.25 + 2.74)],
    [10, 50, (6.25 * (15.44 + 500)) / (62.5 + 2.74)],
  ])("with x = %i and m̄ = %d is %d", (x, mean, expected) => {
    expect(computeExpectedSpend(PUBLISHED, x, mean)).toBeCloseTo(expected, 10);
  });

  it("moves from the population mean toward the customer's own mean as x grows", () => {
    const population = computeExpectedSpend(PUBLISHED, 0, 0);
    const estimates = [1, 5, 50, 5000].map((x) =>
      computeExpectedSpend(PUBLISHED, x, 100),
    );
    expect(population).toBeLessThan(estimates[0] as number);
    for (let index = 1; index < estimates.length; index += 1)
      expect(estimates[index]).toBeGreaterThan(estimates[index - 1] as number);
    expect(estimates[3]).toBeCloseTo(100, 0);
  });
});
