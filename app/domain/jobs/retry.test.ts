import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { nextAttemptAt, retryDelayMs } from "./retry.ts";

describe("retryDelayMs", () => {
  it.each([
    [1, 5_000],
    [2, 10_000],
    [3, 20_000],
    [10, 2_560_000],
    [11, 3_600_000],
    [40, 3_600_000],
  ])("waits %i failed attempts -> %i ms", (attempts, expected) => {
    expect(retryDelayMs(attempts)).toBe(expected);
  });

  it("never shortens the wait as failures accumulate", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100 }), (attempts) => retryDelayMs(attempts + 1) >= retryDelayMs(attempts)));
  });
});

describe("nextAttemptAt", () => {
  const failedAt = new Date("2026-11-26T00:00:00Z");

  it("schedules the next attempt after the back-off delay", () => {
    expect(nextAttemptAt(failedAt, 2, 10)?.toISOString()).toBe("2026-11-26T00:00:10.000Z");
  });

  it("gives up once every attempt is used", () => {
    expect(nextAttemptAt(failedAt, 10, 10)).toBeNull();
  });
});
