import { describe, expect, it } from "vitest";
import { serverErrorRetryMs, throttleWaitMs } from "./rate-limits.ts";

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
