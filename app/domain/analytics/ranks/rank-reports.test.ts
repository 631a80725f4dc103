import { describe, expect, it } from "vitest";
import type { RankPolicy } from "./rank-policy.ts";
import { buildThreeRankPolicy } from "./rank-policy.fixture.ts";
import {
  countRankDistribution,
  countRankMigration,
  dryRunRankPolicy,
} from "./rank-reports.ts";

const POLICY: RankPolicy = buildThreeRankPolicy(
  { minOrders: undefined },
  { window: { kind: "lifetime" }, confirmationDelayDays: 0, downgradeReviewDates: ["01-01"] },
);

function customerSpending(customerKey: string, netAmountMinor: number) {
  return {
    customerKey,
    purchases: [
      {
        orderKey: `${customerKey}-1`,
        occurredOn: "2024-01-10",
        netAmountMinor,
        taxMinor: 0,
      },
    ],
    state: null,
  };
}

describe("dryRunRankPolicy", () => {
  it("counts each policy's ranks and lists who moves where", () => {
    const stricter: RankPolicy = {
      ...POLICY,
      version: 2,
      ranks: POLICY.ranks.map((rank) =>
        rank.key === "gold" ? { ...rank, minNetSpendMinor: 80_000 } : rank,
      ),
    };
    const customers = [
      customerSpending("c3", 60_000),
      customerSpending("c1", 70_000),
      customerSpending("c2", 90_000),
      customerSpending("c4", 12_000),
    ];
    expect(dryRunRankPolicy(POLICY, stricter, customers, "2024-02-01")).toEqual(
      {
        currentCounts: [
          { rankKey: "regular", customerCount: 0 },
          { rankKey: "silver", customerCount: 1 },
          { rankKey: "gold", customerCount: 3 },
        ],
        proposedCounts: [
          { rankKey: "regular", customerCount: 0 },
          { rankKey: "silver", customerCount: 3 },
          { rankKey: "gold", customerCount: 1 },
        ],
        movers: [
          { customerKey: "c1", fromRankKey: "gold", toRankKey: "silver" },
          { customerKey: "c3", fromRankKey: "gold", toRankKey: "silver" },
        ],
        moves: [{ fromRankKey: "gold", toRankKey: "silver", customerCount: 2 }],
      },
    );
  });
});

describe("countRankDistribution", () => {
  it("counts customers per rank in policy order with zeros", () => {
    expect(
      countRankDistribution(POLICY, [
        { customerKey: "a", rankKey: "gold" },
        { customerKey: "b", rankKey: "gold" },
      ]),
    ).toEqual([
      { rankKey: "regular", customerCount: 0 },
      { rankKey: "silver", customerCount: 0 },
      { rankKey: "gold", customerCount: 2 },
    ]);
  });
});

describe("countRankMigration", () => {
  it("fills the from × to matrix, with customers new since the first date under null", () => {
    const from = [
      { customerKey: "a", rankKey: "gold" },
      { customerKey: "b", rankKey: "gold" },
      { customerKey: "c", rankKey: "regular" },
    ];
    const to = [
      { customerKey: "a", rankKey: "silver" },
      { customerKey: "b", rankKey: "gold" },
      { customerKey: "c", rankKey: "silver" },
      { customerKey: "d", rankKey: "regular" },
    ];
    expect(countRankMigration(POLICY, from, to)).toEqual({
      rankKeys: [null, "regular", "silver", "gold"],
      customerCounts: [
        [0, 1, 0, 0],
        [0, 0, 1, 0],
        [0, 0, 0, 0],
        [0, 0, 1, 1],
      ],
    });
  });
});
