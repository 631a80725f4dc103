import { describe, expect, it } from "vitest";
import type { Random } from "./random.ts";
import { createRandom } from "./random.ts";

function mean(draw: () => number, count: number): number {
  let sum = 0;
  for (let index = 0; index < count; index++) sum += draw();
  return sum / count;
}

describe("createRandom", () => {
  it("repeats the same sequence for the same seed", () => {
    const first = createRandom(42);
    const second = createRandom(42);
    const a = Array.from({ length: 5 }, () => first.next());
    const b = Array.from({ length: 5 }, () => second.next());
    expect(a).toEqual(b);
    expect(createRandom(43).next()).not.toBe(a[0]);
  });

  it("draws integers within the inclusive bounds", () => {
    const random = createRandom(1);
    const seen = new Set<number>();
    for (let index = 0; index < 1000; index++) seen.add(random.integer(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it.each([
    ["gamma(0.75, 4)", (random: Random) => random.gamma(0.75, 4), 3],
    ["gamma(3, 2)", (random: Random) => random.gamma(3, 2), 6],
    ["beta(1, 3)", (random: Random) => random.beta(1, 3), 0.25],
    ["exponential(2)", (random: Random) => random.exponential(2), 0.5],
  ] as const)("draws %s with the expected mean", (_name, draw, expected) => {
    const random = createRandom(7);
    expect(mean(() => draw(random), 50_000)).toBeCloseTo(expected, 1);
  });

  it("picks by weight", () => {
    const random = createRandom(9);
    let heavy = 0;
    for (let index = 0; index < 10_000; index++)
      if (random.pickWeighted(["a", "b"], [9, 1]) === "a") heavy += 1;
    expect(heavy / 10_000).toBeCloseTo(0.9, 1);
  });
});
