import { describe, expect, it } from "vitest";
import {
  computeParetoShare,
  countSegmentSizesOverTime,
} from "./concentration.ts";

describe("computeParetoShare", () => {
  it("takes the top 20 % by spend and breaks ties by customer key", () => {
    const spends = [
      ["c", 300],
      ["a", 500],
      ["b", 300],
      ["d", 100],
      ["e", 100],
      ["f", 0],
      ["g", 0],
      ["h", 0],
      ["i", 0],
      ["j", 0],
    ].map(([customerKey, netSpendMinor]) => ({
      customerKey: customerKey as string,
      netSpendMinor: netSpendMinor as number,
    }));
    expect(computeParetoShare(spends)).toEqual({
      customerCount: 10,
      topCustomerCount: 2,
      topNetSpendMinor: 800,
      totalNetSpendMinor: 1_300,
      shareRatio: 800 / 1_300,
    });
  });

  it("rounds the top group up without floating-point overshoot", () => {
    const spends = Array.from({ length: 15 }, (_, index) => ({
      customerKey: `c${String(index).padStart(2, "0")}`,
      netSpendMinor: 100,
    }));
    expect(computeParetoShare(spends).topCustomerCount).toBe(3);
    expect(computeParetoShare(spends.slice(0, 7)).topCustomerCount).toBe(2);
  });

  it("has no share when nobody has spent", () => {
    expect(computeParetoShare([]).shareRatio).toBeNull();
  });
});

describe("countSegmentSizesOverTime", () => {
  it("counts every listed segment per snapshot, oldest first", () => {
    const series = countSegmentSizesOverTime(
      [
        {
          takenOn: "2024-02-01",
          assignments: [
            { customerKey: "a", segment: "new" },
            { customerKey: "b", segment: "lost" },
          ],
        },
        {
          takenOn: "2024-01-01",
          assignments: [{ customerKey: "a", segment: "new" }],
        },
      ],
      ["new", "lost"] as const,
    );
    expect(series).toEqual([
      {
        takenOn: "2024-01-01",
        sizes: [
          { segment: "new", customerCount: 1 },
          { segment: "lost", customerCount: 0 },
        ],
      },
      {
        takenOn: "2024-02-01",
        sizes: [
          { segment: "new", customerCount: 1 },
          { segment: "lost", customerCount: 1 },
        ],
      },
    ]);
  });
});
