import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  computeAliveProbability,
  computeBgNbdLogLikelihood,
  computeExpectedPurchases,
  computeExpectedPurchasesForNewCustomer,
  computeMedianTimeToNextPurchase,
  computeTypicalInterval,
  fitBgNbd,
  type BgNbdParams,
  type RepeatHistory,
} from "./bg-nbd.ts";

// The published CDNOW fit in weeks (Fader, Hardie & Lee 2005).
const CDNOW: BgNbdParams = {
  r: 0.2425967,
  alpha: 4.4136589,
  a: 0.7929869,
  b: 2.4261643,
};

const histories = fc
  .tuple(
    fc.integer({ min: 0, max: 60 }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0, max: 500, noNaN: true }),
  )
  .map(([x, share, observed]): RepeatHistory => ({
    repeatPurchases: x,
    timeToLastPurchase: x === 0 ? 0 : share * observed,
    timeObserved: observed,
  }));

const params = fc
  .tuple(
    fc.double({ min: 0.05, max: 20, noNaN: true }),
    fc.double({ min: 0.1, max: 500, noNaN: true }),
    fc.double({ min: 0.05, max: 20, noNaN: true }),
    fc.double({ min: 0.05, max: 20, noNaN: true }),
  )
  .map(([r, alpha, a, b]): BgNbdParams => ({ r, alpha, a, b }));

describe("computeBgNbdLogLikelihood", () => {
  it("adds up per customer, so a duplicated population has twice the log-likelihood", () => {
    const population: RepeatHistory[] = [
      { repeatPurchases: 0, timeToLastPurchase: 0, timeObserved: 30 },
      { repeatPurchases: 2, timeToLastPurchase: 30.43, timeObserved: 38.86 },
      { repeatPurchases: 26, timeToLastPurchase: 30.85714, timeObserved: 31 },
    ];
    const single = computeBgNbdLogLikelihood(population, CDNOW);
    expect(
      computeBgNbdLogLikelihood([...population, ...population], CDNOW),
    ).toBeCloseTo(2 * single, 9);
    expect(single).toBeCloseTo(
      population.reduce(
        (sum, history) => sum + computeBgNbdLogLikelihood([history], CDNOW),
        0,
      ),
      9,
    );
  });

  it("rejects a last purchase after the end of observation", () => {
    expect(() =>
      computeBgNbdLogLikelihood(
        [{ repeatPurchases: 1, timeToLastPurchase: 5, timeObserved: 4 }],
        CDNOW,
      ),
    ).toThrow(
      "Model inputs must be finite, with 0 <= time to last purchase <= time observed.",
    );
  });
});

describe("fitBgNbd", () => {
  it("reports parameters at bounds when nobody ever came back", () => {
    const population = Array.from({ length: 300 }, (_, index) => ({
      repeatPurchases: 0,
      timeToLastPurchase: 0,
      timeObserved: 10 + (index % 50),
    }));
    const fit = fitBgNbd(population);
    expect(fit.ok).toBe(false);
    expect(fit.ok ? null : fit.reason).toBe("PARAMETERS_AT_BOUNDS");
  });
});

describe("computeAliveProbability", () => {
  it.each([
    [
      { repeatPurchases: 26, timeToLastPurchase: 30.85714, timeObserved: 31 },
      0.9688523,
    ],
    [{ repeatPurchases: 0, timeToLastPurchase: 0, timeObserved: 38.86 }, 1],
  ])("gives %o a probability of %d of being alive", (history, expected) => {
    expect(computeAliveProbability(CDNOW, history)).toBeCloseTo(expected, 6);
  });

  it("falls as the time since the last purchase grows", () => {
    const probabilities = [31, 20, 10, 2].map((last) =>
      computeAliveProbability(CDNOW, {
        repeatPurchases: 3,
        timeToLastPurchase: last,
        timeObserved: 31,
      }),
    );
    for (let index = 1; index < probabilities.length; index += 1)
      expect(probabilities[index]).toBeLessThan(
        probabilities[index - 1] as number,
      );
  });

  it("lies in [0, 1] for any parameters and history", () => {
    fc.assert(
      fc.property(params, histories, (model, history) => {
        const probability = computeAliveProbability(model, history);
        expect(probability).toBeGreaterThanOrEqual(0);
        expect(probability).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe("computeExpectedPurchases", () => {
  it("equals E[X(t)] for a customer observed for no time yet", () => {
    for (const time of [1, 39, 78]) {
      expect(
        computeExpectedPurchases(
          CDNOW,
          { repeatPurchases: 0, timeToLastPurchase: 0, timeObserved: 0 },
          time,
        ),
      ).toBeCloseTo(computeExpectedPurchasesForNewCustomer(CDNOW, time), 10);
    }
  });

  it("is continuous through a = 1, where the formula is 0/0", () => {
    const history = {
      repeatPurchases: 3,
      timeToLastPurchase: 20,
      timeObserved: 30,
    };
    const near = (a: number): number =>
      computeExpectedPurchases({ ...CDNOW, a }, history, 52);
    expect(near(1)).toBeCloseTo((near(1 - 1e-4) + near(1 + 1e-4)) / 2, 5);
  });

  it("is zero over a zero horizon", () => {
    expect(
      computeExpectedPurchases(
        CDNOW,
        { repeatPurchases: 2, timeToLastPurchase: 30.43, timeObserved: 38.86 },
        0,
      ),
    ).toBe(0);
  });

  it("is non-negative and grows with the horizon", () => {
    fc.assert(
      fc.property(
        params,
        histories,
        fc.double({ min: 0.1, max: 400, noNaN: true }),
        (model, history, horizon) => {
          const shorter = computeExpectedPurchases(model, history, horizon);
          const longer = computeExpectedPurchases(
            model,
            history,
            horizon * 1.5,
          );
          expect(shorter).toBeGreaterThanOrEqual(0);
          expect(longer).toBeGreaterThanOrEqual(shorter * (1 - 1e-9));
        },
      ),
    );
  });
});

describe("computeExpectedPurchasesForNewCustomer", () => {
  it("never falls with time and stays below the Poisson rate times time", () => {
    fc.assert(
      fc.property(
        params,
        fc.double({ min: 0.1, max: 400, noNaN: true }),
        (model, time) => {
          const expected = computeExpectedPurchasesForNewCustomer(model, time);
          expect(expected).toBeGreaterThan(0);
          expect(expected).toBeLessThanOrEqual(
            (model.r / model.alpha) * time * (1 + 1e-9),
          );
          // Where nearly everyone drops out at once the curve is flat to machine precision.
          expect(
            computeExpectedPurchasesForNewCustomer(model, time * 2),
          ).toBeGreaterThanOrEqual(expected * (1 - 1e-12));
        },
      ),
    );
  });
});

describe("computeTypicalInterval", () => {
  it("is (α + T) / (r + x)", () => {
    expect(
      computeTypicalInterval(CDNOW, {
        repeatPurchases: 26,
        timeToLastPurchase: 30.85714,
        timeObserved: 31,
      }),
    ).toBeCloseTo(35.4136589 / 26.2425967, 12);
  });
});

describe("computeMedianTimeToNextPurchase", () => {
  it("leaves an even chance of no purchase under the gamma-Poisson posterior", () => {
    const history = {
      repeatPurchases: 4,
      timeToLastPurchase: 20,
      timeObserved: 25,
    };
    const median = computeMedianTimeToNextPurchase(CDNOW, history);
    const ageAlpha = CDNOW.alpha + history.timeObserved;
    expect(
      (ageAlpha / (ageAlpha + median)) ** (CDNOW.r + history.repeatPurchases),
    ).toBeCloseTo(0.5, 12);
  });
});
