import { describe, expect, it } from "vitest";
import { lnGamma, logAddExp } from "./special-functions.ts";

describe("lnGamma", () => {
  it.each([
    [1, 0],
    [2, 0],
    [5, Math.log(24)],
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [0.1, 2.252712651734206],
    [171, Math.log(7.257415615307994e306)],
    [1e-8, 18.420680738180209],
  ])("gives ln Γ(%d) = %d", (x, expected) => {
    expect(lnGamma(x)).toBeCloseTo(expected, 11);
  });

  it("satisfies Γ(x + 1) = x Γ(x)", () => {
    for (const x of [0.013, 0.24, 0.79, 2.43, 17.5, 1234.5])
      expect(lnGamma(x + 1) - lnGamma(x)).toBeCloseTo(Math.log(x), 11);
  });

  it("rejects non-positive arguments", () => {
    expect(() => lnGamma(0)).toThrow(
      "lnGamma is defined here for positive finite arguments only.",
    );
  });
});

describe("logAddExp", () => {
  it.each([
    [0, 0, Math.LN2],
    [1000, 1000, 1000 + Math.LN2],
    [-1000, 0, 0],
    [-Infinity, -Infinity, -Infinity],
    [-Infinity, 3, 3],
  ])(
    "gives log(e^%d + e^%d) = %d without overflow",
    (left, right, expected) => {
      expect(logAddExp(left, right)).toBeCloseTo(expected, 12);
    },
  );
});
