import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  evaluateRank,
  removeManualOverride,
  type RankState,
} from "./evaluate-rank.ts";
import type { RankPolicy } from "./rank-policy.ts";
import { buildThreeRankPolicy } from "./rank-policy.fixture.ts";
import type { RankPurchase } from "./rank-qualification.ts";

const POLICY: RankPolicy = buildThreeRankPolicy();

function order(
  orderKey: string,
  occurredOn: string,
  netAmountMinor: number,
  taxMinor = 0,
): RankPurchase {
  return { orderKey, occurredOn, netAmountMinor, taxMinor };
}

describe("evaluateRank", () => {
  it("upgrades only once the confirmation delay has passed", () => {
    // GIVEN a ¥12,000 order on 03-01 and a 7-day settlement delay
    const purchases = [order("o1", "2024-03-01", 12_000)];
    // WHEN evaluated on day 6 and day 7 after the order
    const before = evaluateRank(POLICY, purchases, null, "2024-03-07");
    const after = evaluateRank(POLICY, purchases, before.state, "2024-03-08");
    // THEN the rank-up happens on 03-08, with the order as evidence
    expect(before.state.rankKey).toBe("regular");
    expect(before.change).toBeNull();
    expect(after.state).toEqual({
      rankKey: "silver",
      since: "2024-03-08",
      evaluatedOn: "2024-03-08",
      policyVersion: 1,
      manualOverride: null,
    });
    expect(after.change).toEqual({
      fromRankKey: "regular",
      toRankKey: "silver",
      direction: "up",
      reason: "threshold_reached",
      effectiveOn: "2024-03-08",
      policyVersion: 1,
      evidence: {
        windowStartOn: "2023-03-02",
        windowEndOn: "2024-03-01",
        netSpendMinor: 12_000,
        orderCount: 1,
        orders: [
          { orderKey: "o1", occurredOn: "2024-03-01", amountMinor: 12_000 },
        ],
      },
      manualOverride: null,
    });
  });

  it("reaches a rank on order count alone when the rank combines thresholds with any", () => {
    const purchases = ["01", "02", "03", "04", "05"].map((day) =>
      order(`o${day}`, `2024-02-${day}`, 2_000),
    );
    expect(
      evaluateRank(POLICY, purchases, null, "2024-03-01").state.rankKey,
    ).toBe("gold");
  });

  it("reads the tax-exclusive basis as net amount minus tax", () => {
    const policy: RankPolicy = { ...POLICY, basis: "tax_exclusive" };
    const purchases = [order("o1", "2024-03-01", 10_800, 980)];
    expect(
      evaluateRank(policy, purchases, null, "2024-04-01").state.rankKey,
    ).toBe("regular");
    expect(
      evaluateRank(POLICY, purchases, null, "2024-04-01").state.rankKey,
    ).toBe("silver");
  });

  it("keeps the rank after the window lapses until the next review date", () => {
    const purchases = [order("o1", "2023-03-01", 12_000)];
    const kept = evaluateRank(POLICY, purchases, null, "2024-06-30");
    const reviewed = evaluateRank(POLICY, purchases, kept.state, "2024-07-01");
    expect(kept.state.rankKey).toBe("silver");
    expect(reviewed.state.rankKey).toBe("regular");
    expect(reviewed.change).toMatchObject({
      direction: "down",
      reason: "scheduled_review",
      effectiveOn: "2024-07-01",
    });
  });

  it("steps down one rank per period without an order", () => {
    const policy: RankPolicy = {
      ...POLICY,
      window: { kind: "lifetime" },
      inactivityStepDown: { months: 6 },
    };
    const purchases = [order("o1", "2024-01-31", 60_000)];
    const gold = evaluateRank(policy, purchases, null, "2024-07-30");
    const silver = evaluateRank(policy, purchases, gold.state, "2024-07-31");
    const regular = evaluateRank(policy, purchases, silver.state, "2025-01-31");
    expect(gold.state.rankKey).toBe("gold");
    expect(silver.change).toMatchObject({
      fromRankKey: "gold",
      toRankKey: "silver",
      reason: "inactivity",
      effectiveOn: "2024-07-31",
    });
    expect(regular.change).toMatchObject({
      fromRankKey: "silver",
      toRankKey: "regular",
      reason: "inactivity",
      effectiveOn: "2025-01-31",
    });
  });

  it("holds a rank lost to a refund until the next review date", () => {
    // GIVEN a customer who became Silver and whose order is then refunded down to ¥2,000
    const earned = evaluateRank(
      POLICY,
      [order("o1", "2024-03-01", 12_000)],
      null,
      "2024-04-01",
    );
    const refunded = [order("o1", "2024-03-01", 2_000)];
    // WHEN re-evaluated before and on the next review date
    const held = evaluateRank(POLICY, refunded, earned.state, "2024-05-01");
    const reviewed = evaluateRank(POLICY, refunded, held.state, "2024-07-02");
    // THEN Silver holds until 07-01, then drops with the refund as the reason
    expect(held).toEqual({
      state: { ...earned.state, evaluatedOn: "2024-05-01" },
      change: null,
    });
    expect(reviewed.state.rankKey).toBe("regular");
    expect(reviewed.change).toMatchObject({
      fromRankKey: "silver",
      toRankKey: "regular",
      reason: "refund_or_cancellation",
      effectiveOn: "2024-07-01",
    });
  });

  it("drops at once after a refund when the policy says immediate", () => {
    const policy: RankPolicy = { ...POLICY, refundDowngrade: "immediate" };
    const earned = evaluateRank(
      policy,
      [order("o1", "2024-03-01", 12_000)],
      null,
      "2024-04-01",
    );
    const dropped = evaluateRank(policy, [], earned.state, "2024-05-01");
    expect(dropped.change).toMatchObject({
      toRankKey: "regular",
      reason: "refund_or_cancellation",
      effectiveOn: "2024-05-01",
    });
  });

  it("lets a manual override win until it is removed", () => {
    const purchases = [order("o1", "2024-03-01", 12_000)];
    const earned = evaluateRank(POLICY, purchases, null, "2024-04-01");
    const override = {
      rankKey: "gold",
      reason: "VIP apology",
      setBy: "staff-1",
      setAt: new Date("2024-04-02T00:00:00Z"),
    };
    const overridden = evaluateRank(
      POLICY,
      purchases,
      { ...earned.state, manualOverride: override },
      "2024-04-02",
    );
    const later = evaluateRank(
      POLICY,
      purchases,
      overridden.state,
      "2025-08-01",
    );
    const removed = removeManualOverride(
      POLICY,
      purchases,
      later.state,
      "2025-08-02",
    );
    expect(overridden.change).toMatchObject({
      fromRankKey: "silver",
      toRankKey: "gold",
      direction: "up",
      reason: "manual_override",
      manualOverride: override,
    });
    expect(later).toEqual({
      state: { ...overridden.state, evaluatedOn: "2025-08-01" },
      change: null,
    });
    expect(removed.state).toEqual({
      rankKey: "regular",
      since: "2025-07-01",
      evaluatedOn: "2025-08-02",
      policyVersion: 1,
      manualOverride: null,
    });
    expect(removed.change).toMatchObject({
      fromRankKey: "gold",
      toRankKey: "regular",
      reason: "manual_override",
      effectiveOn: "2025-08-02",
    });
  });

  it("records a new policy version as the reason of the change it causes", () => {
    const purchases = [order("o1", "2024-03-01", 12_000)];
    const earned = evaluateRank(POLICY, purchases, null, "2024-04-01");
    const stricter: RankPolicy = {
      ...POLICY,
      version: 2,
      ranks: POLICY.ranks.map((rank) =>
        rank.key === "silver" ? { ...rank, minNetSpendMinor: 20_000 } : rank,
      ),
    };
    const result = evaluateRank(
      stricter,
      purchases,
      earned.state,
      "2024-04-02",
    );
    expect(result.change).toMatchObject({
      fromRankKey: "silver",
      toRankKey: "regular",
      reason: "policy_changed",
      policyVersion: 2,
      effectiveOn: "2024-04-02",
    });
  });
});

const purchaseArbitrary = fc.record({
  dayOffset: fc.integer({ min: 0, max: 900 }),
  netAmountMinor: fc.integer({ min: 0, max: 40_000 }),
});

const policyArbitrary = fc
  .record({
    window: fc.constantFrom<RankPolicy["window"]>(
      { kind: "rolling_months", months: 6 },
      { kind: "calendar_year" },
      { kind: "lifetime" },
    ),
    confirmationDelayDays: fc.integer({ min: 0, max: 14 }),
    inactivityStepDown: fc.constantFrom<RankPolicy["inactivityStepDown"]>(
      null,
      { months: 3 },
    ),
  })
  .map((variant): RankPolicy => ({ ...POLICY, ...variant }));

function toPurchases(
  rows: { dayOffset: number; netAmountMinor: number }[],
): RankPurchase[] {
  return rows.map((row, index) => ({
    orderKey: `o${index}`,
    occurredOn: new Date(Date.UTC(2023, 0, 1 + row.dayOffset))
      .toISOString()
      .slice(0, 10),
    netAmountMinor: row.netAmountMinor,
    taxMinor: 0,
  }));
}

const AS_ON = "2025-07-15";
const RANK_ORDER = ["regular", "silver", "gold"];

describe("evaluateRank properties", () => {
  it("never lowers the rank when spend rises on the same dates", () => {
    fc.assert(
      fc.property(
        policyArbitrary,
        fc.array(
          fc.tuple(purchaseArbitrary, fc.integer({ min: 0, max: 30_000 })),
          { maxLength: 12 },
        ),
        (policy, rows) => {
          const base = toPurchases(rows.map(([row]) => row));
          const richer = base.map((purchase, index) => ({
            ...purchase,
            netAmountMinor:
              purchase.netAmountMinor + (rows[index] as [unknown, number])[1],
          }));
          const baseRank = evaluateRank(policy, base, null, AS_ON).state
            .rankKey;
          const richerRank = evaluateRank(policy, richer, null, AS_ON).state
            .rankKey;
          expect(RANK_ORDER.indexOf(richerRank)).toBeGreaterThanOrEqual(
            RANK_ORDER.indexOf(baseRank),
          );
        },
      ),
    );
  });

  it("gives the same state adding orders one by one as evaluating them all at once", () => {
    fc.assert(
      fc.property(
        policyArbitrary,
        fc.array(purchaseArbitrary, { maxLength: 12 }),
        (policy, rows) => {
          const purchases = toPurchases(rows);
          let state: RankState | null = null;
          for (let count = 1; count <= purchases.length; count++)
            state = evaluateRank(
              policy,
              purchases.slice(0, count),
              state,
              AS_ON,
            ).state;
          const full = evaluateRank(policy, purchases, null, AS_ON).state;
          expect(state ?? full).toEqual(full);
        },
      ),
    );
  });

  it("gives every change a reason and never upgrades before the delay has passed", () => {
    fc.assert(
      fc.property(
        policyArbitrary,
        fc.array(purchaseArbitrary, { maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 950 }), {
          minLength: 1,
          maxLength: 8,
        }),
        (policy, rows, evaluationOffsets) => {
          const purchases = toPurchases(rows);
          let state: RankState | null = null;
          for (const offset of [...evaluationOffsets].sort((a, b) => a - b)) {
            const asOn = new Date(Date.UTC(2023, 0, 1 + offset))
              .toISOString()
              .slice(0, 10);
            const result = evaluateRank(policy, purchases, state, asOn);
            if (result.change) {
              expect(result.change.reason).toMatch(
                /^(threshold_reached|scheduled_review|inactivity|refund_or_cancellation|manual_override|policy_changed)$/,
              );
              if (result.change.direction === "up") {
                for (const counted of result.change.evidence.orders) {
                  const settledOn = new Date(
                    Date.UTC(
                      Number(counted.occurredOn.slice(0, 4)),
                      Number(counted.occurredOn.slice(5, 7)) - 1,
                      Number(counted.occurredOn.slice(8, 10)) +
                        policy.confirmationDelayDays,
                    ),
                  )
                    .toISOString()
                    .slice(0, 10);
                  expect(settledOn <= result.change.effectiveOn).toBe(true);
                  expect(result.change.effectiveOn <= asOn).toBe(true);
                }
              }
            }
            state = result.state;
          }
        },
      ),
    );
  });
});
