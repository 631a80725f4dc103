import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jobShareBeside, restAfterJobMs } from "./pacing.ts";

describe("jobShareBeside", () => {
  it.each([
    [0, 1],
    [0.25, 0.7],
    [0.5, 0.4],
    [0.75, 0.1],
    [0.8, 0.05],
    [1, 0.05],
  ])("the HTTP side used %f → jobs may take %f", (httpShare, expected) => {
    expect(jobShareBeside(httpShare)).toBeCloseTo(expected, 10);
  });

  it("never gives jobs more when the HTTP side is busier, nor less than a twentieth", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b) => {
          const [less, more] = a <= b ? [a, b] : [b, a];
          return (
            jobShareBeside(more) <= jobShareBeside(less) &&
            jobShareBeside(more) >= 0.05
          );
        },
      ),
    );
  });
});

describe("restAfterJobMs", () => {
  it.each([
    [40, 1, 0],
    [40, 0.5, 40],
    [40, 0.05, 760],
  ])(
    "after a job of %i ms at a share of %f it rests %i ms",
    (jobMs, share, expected) => {
      expect(restAfterJobMs(jobMs, share)).toBeCloseTo(expected, 10);
    },
  );

  it("keeps jobs at their share of job plus rest", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 1000, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        (jobMs, share) => {
          expect(jobMs / (jobMs + restAfterJobMs(jobMs, share))).toBeCloseTo(
            share,
            9,
          );
        },
      ),
    );
  });
});
