import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { pauseBeforeCallMs, serverErrorRetryMs, throttleWaitMs } from "./rate-limits.ts";

const bucket = (currentlyAvailable: number, restoreRate = 100, maximumAvailable = 2000) => ({ maximumAvailable, currentlyAvailable, restoreRate });

describe("throttleWaitMs", () => {
  it.each([
    ["waits until the missing points are restored", 252, bucket(50), 3000],
    ["rounds a part of a second up", 101, bucket(0), 2000],
    ["waits at least a second even when the bucket already holds enough", 100, bucket(150), 1000],
    ["scales with the plan's restore rate", 1002, bucket(2, 1000, 20000), 1000],
  ])("%s", (_label, requested, status, expected) => {
    expect(throttleWaitMs(requested, status)).toBe(expected);
  });

  it("gives up on a query larger than the bucket or a bucket that does not refill", () => {
    expect(throttleWaitMs(2001, bucket(0))).toBeNull();
    expect(throttleWaitMs(10, bucket(0, 0))).toBeNull();
  });
});

describe("serverErrorRetryMs", () => {
  it("doubles from half a second up to eight seconds", () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(serverErrorRetryMs)).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });
});

describe("pauseBeforeCallMs", () => {
  it.each([
    ["does not wait when the bucket holds the call and the reserve", 10, bucket(200), 100, 0],
    ["waits for the points the call and the reserve still miss", 10, bucket(50), 100, 600],
    ["waits to the millisecond, not in whole seconds", 10, bucket(5), 0, 50],
    ["never asks for more than the bucket can hold", 10, bucket(0, 10, 30), 100, 3000],
    ["does not wait for a bucket that does not refill (the client's THROTTLED handling decides)", 10, bucket(0, 0), 0, 0],
  ])("%s", (_label, cost, status, reserve, expected) => {
    expect(pauseBeforeCallMs(cost, status, reserve)).toBe(expected);
  });

  it("leaves the bucket holding the call (up to its size) once the pause has passed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 1000 }), fc.nat(500), fc.nat(2000), (cost, maximum, rate, reserve, available) => {
        const status = { maximumAvailable: maximum, restoreRate: rate, currentlyAvailable: Math.min(available, maximum) };
        const refilled = Math.min(maximum, status.currentlyAvailable + (pauseBeforeCallMs(cost, status, reserve) / 1000) * rate);
        return refilled >= Math.min(cost + reserve, maximum);
      }),
    );
  });
});
