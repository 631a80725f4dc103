import { describe, expect, it } from "vitest";
import {
  evaluateHypergeometric2F1,
  hypergeometric2F1,
} from "./hypergeometric.ts";

const logHypergeometric2F1 = (
  a: number,
  b: number,
  c: number,
  z: number,
): number => evaluateHypergeometric2F1(a, b, c, z).logAbs;

describe("hypergeometric2F1", () => {
  it.each([0.1, 0.5, 0.9, 0.99, 0.999])(
    "equals −ln(1 − z) / z for a = b = 1, c = 2 at z = %d",
    (z) => {
      expect(hypergeometric2F1(1, 1, 2, z)).toBeCloseTo(
        -Math.log1p(-z) / z,
        10,
      );
    },
  );

  it.each([0.2, 0.7, 0.95])(
    "equals arcsin(√z) / √z for a = b = ½, c = 3/2 at z = %d",
    (z) => {
      expect(hypergeometric2F1(0.5, 0.5, 1.5, z)).toBeCloseTo(
        Math.asin(Math.sqrt(z)) / Math.sqrt(z),
        12,
      );
    },
  );

  it.each([
    [0.2425967, 0.5],
    [3.7, 0.9],
    [26.24, 0.99],
  ])("equals (1 − z)^−a when b = c (a = %d, z = %d)", (a, z) => {
    expect(logHypergeometric2F1(a, 4.2, 4.2, z)).toBeCloseTo(
      -a * Math.log1p(-z),
      9,
    );
  });

  it("is 1 at z = 0", () => {
    expect(hypergeometric2F1(2, 3, 4, 0)).toBe(1);
  });

  it("stays finite in log space where the value itself overflows", () => {
    // 2F1(a, b; b; z) = (1 − z)^−a: about 10^600 here.
    expect(logHypergeometric2F1(300, 302.4, 302.4, 0.99)).toBeCloseTo(
      -300 * Math.log1p(-0.99),
      8,
    );
  });

  it("agrees with and without Euler's transformation", () => {
    // a + b > c takes the transformed route; swapping in a larger c takes the direct one near it.
    const transformed = logHypergeometric2F1(2.5, 3.5, 5.9999999, 0.7);
    const direct = logHypergeometric2F1(2.5, 3.5, 6.0000001, 0.7);
    expect(transformed).toBeCloseTo(direct, 6);
  });

  it("keeps the sign of a negative value when c is negative", () => {
    // 2F1(1, 1; −½; ½) = 1 − 1 − 2 − … is negative; compare with the plain series.
    const z = 0.5;
    let term = 1;
    let sum = 1;
    for (let n = 0; n < 200; n += 1) {
      term *= ((1 + n) * (1 + n) * z) / ((-0.5 + n) * (n + 1));
      sum += term;
    }
    expect(sum).toBeLessThan(0);
    expect(hypergeometric2F1(1, 1, -0.5, z)).toBeCloseTo(sum, 12);
  });

  it.each([
    [1, 1, 2, 1],
    [1, 1, 0, 0.5],
    [1, 1, -2, 0.5],
  ])("rejects a = %d, b = %d, c = %d, z = %d", (a, b, c, z) => {
    expect(() => hypergeometric2F1(a, b, c, z)).toThrow(
      "2F1 is evaluated here for 0 <= z < 1 and c other than 0, -1, -2, … only.",
    );
  });
});
