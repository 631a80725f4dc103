import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyOrderUpdate,
  applyRefund,
  countsTowardCustomerAnalytics,
  isAwaitingOrder,
  netRevenueMinor,
  type OrderFact,
  type OrderState,
  type RefundFact,
} from "../orders.ts";
import {
  ACTIVE_CUSTOMER_DAYS,
  analyzeCustomer,
  analyzeShop,
  countSegmentSizes,
  fitShopScoring,
  hasCustomerAnalysis,
  listCustomersAffectedByOrder,
  summarizeCustomer,
  type CustomerAnalysis,
  type CustomerAnalysisInput,
  type CustomerOrder,
  type ShopScoring,
} from "./customer-analytics.ts";
import type { RankChange } from "./ranks/evaluate-rank.ts";
import type { RankPolicy } from "./ranks/rank-policy.ts";
import { buildThreeRankPolicy } from "./ranks/rank-policy.fixture.ts";
import { createLocalDateReader } from "./shop-calendar.ts";

const POLICY = buildThreeRankPolicy();

function customerOrder(
  customerKey: string,
  orderKey: string,
  occurredOn: string,
  amountMinor: number,
): CustomerOrder {
  return { customerKey, orderKey, occurredOn, amountMinor, taxMinor: 0 };
}

describe("analyzeCustomer", () => {
  const orders = [
    customerOrder("c1", "o1", "2024-01-10", 30_000),
    customerOrder("c1", "o2", "2024-03-01", 25_000),
  ];
  const input: CustomerAnalysisInput = {
    customerKey: "c1",
    orders,
    rankState: null,
  };

  it("ranks and summarises a customer before the shop has a scoring, leaving RFM and predictions empty", () => {
    const analysis = analyzeCustomer(input, "2024-03-04", POLICY, null);
    expect(analysis.summary?.orderCount).toBe(2);
    expect(analysis.score).toBeNull();
    expect(analysis.segment).toBeNull();
    expect(analysis.shopifyRfmGroup).toBe("PROSPECTS");
    expect(analysis.prediction).toBeNull();
    // the second order is still settling: silver now, gold pending on 03-08
    expect(analysis.rank.state.rankKey).toBe("silver");
    expect(analysis.pendingRank).toEqual({
      rankKey: "gold",
      confirmedOn: "2024-03-08",
    });
    expect(analysis.gapToNextRank).toEqual({
      rankKey: "gold",
      netSpendMinor: 0,
      orders: 3,
      combine: "any",
    });
    expect(analysis.gapToKeepRank).toEqual({
      rankKey: "silver",
      netSpendMinor: 0,
      orders: null,
      combine: "any",
      reviewOn: "2024-07-01",
      orderByOn: "2024-06-24",
    });
  });

  it("scores on the given scoring and names the segment and Shopify's RFM group", () => {
    // GIVEN a scoring fitted on c1 and a one-time buyer from 2023: one cut point per dimension
    const scoring = fitShopScoring([
      summarizeCustomer(orders, "2024-03-04")!,
      summarizeCustomer(
        [customerOrder("c2", "o3", "2023-06-01", 1_000)],
        "2024-03-04",
      )!,
    ]);
    expect(scoring.rfmScale).toEqual({
      recencyDays: [3, null, null, null],
      orderCount: [2, null, null, null],
      netSpendMinor: [55_000, null, null, null],
    });
    // THEN c1 scores 2 on each, which the R×F grid calls hibernating (Shopify's DORMANT)
    const analysis = analyzeCustomer(input, "2024-03-04", POLICY, scoring);
    expect(analysis.score).toEqual({ recency: 2, frequency: 2, monetary: 2 });
    expect(analysis.segment).toBe("hibernating");
    expect(analysis.shopifyRfmGroup).toBe("DORMANT");
    expect(analysis.prediction).toMatchObject({
      method: "heuristic",
      heuristicReason: "TOO_FEW_REPEAT_CUSTOMERS",
      recencyDays: 3,
    });
  });

  it("sets and removes a manual override, recording each as a manual_override change", () => {
    const override = {
      rankKey: "gold",
      reason: "ambassador",
      setBy: "staff-1",
      setAt: new Date("2024-02-01T00:00:00Z"),
    };
    const set = analyzeCustomer(input, "2024-02-01", POLICY, null, {
      kind: "setOverride",
      override,
    });
    expect(set.rank.state).toMatchObject({
      rankKey: "gold",
      manualOverride: override,
    });
    expect(set.rank.change).toMatchObject({
      fromRankKey: "regular",
      toRankKey: "gold",
      reason: "manual_override",
    });
    expect(set.pendingRank).toBeNull();
    const removed = analyzeCustomer(
      { ...input, rankState: set.rank.state },
      "2024-02-02",
      POLICY,
      null,
      { kind: "removeOverride" },
    );
    expect(removed.rank.state).toMatchObject({
      rankKey: "silver",
      manualOverride: null,
    });
    expect(removed.rank.change).toMatchObject({
      fromRankKey: "gold",
      toRankKey: "silver",
      reason: "manual_override",
      manualOverride: override,
    });
  });

  it("keeps a customer whose orders were all cancelled while they hold a rank state", () => {
    const state = analyzeCustomer(input, "2024-03-20", POLICY, null).rank.state;
    const cancelled = { customerKey: "c1", orders: [], rankState: state };
    const analysis = analyzeCustomer(cancelled, "2024-03-21", POLICY, null);
    expect(hasCustomerAnalysis(cancelled, analysis.summary)).toBe(true);
    expect(analysis.summary).toBeNull();
    // refundDowngrade at_next_review: the rank is kept until 07-01
    expect(analysis.rank.state.rankKey).toBe("gold");
    expect(hasCustomerAnalysis({ ...cancelled, rankState: null }, null)).toBe(
      false,
    );
  });
});

describe("countSegmentSizes", () => {
  it("counts every segment in the map's order, zeros included, and skips customers without one", () => {
    const sizes = countSegmentSizes(["lost", "new", "lost", null]);
    expect(sizes).toHaveLength(11);
    expect(sizes[0]).toEqual({ segment: "champions", customerCount: 0 });
    expect(sizes.find((size) => size.segment === "lost")?.customerCount).toBe(
      2,
    );
    expect(sizes.reduce((sum, size) => sum + size.customerCount, 0)).toBe(3);
  });
});

describe("analyzeShop KPIs", () => {
  it("counts a customer as active while their last order is at most 365 days old", () => {
    const asOn = "2024-12-31";
    const inputs = [
      ["today", "2024-12-31"],
      ["a-year-ago", "2024-01-01"], // 365 days before asOn
      ["a-day-longer", "2023-12-31"], // 366 days
    ].map(([customerKey, occurredOn]) => ({
      customerKey: customerKey as string,
      orders: [
        customerOrder(
          customerKey as string,
          `${customerKey}-1`,
          occurredOn as string,
          1000,
        ),
      ],
      rankState: null,
    }));
    const { kpis } = analyzeShop(inputs, asOn, POLICY);
    expect(ACTIVE_CUSTOMER_DAYS).toBe(365);
    expect(kpis.customerCount).toBe(3);
    expect(kpis.activeCustomerCount).toBe(2);
  });
});

// ---- incremental application equals the full recompute -----------------------------------------

const SHOP_ZONE = "Asia/Tokyo";
const localDateOf = createLocalDateReader(SHOP_ZONE);
const START_MS = Date.UTC(2025, 11, 20);
const DAY_MS = 86_400_000;
const CUSTOMERS = ["gid://c/1", "gid://c/2", "gid://c/3", "gid://c/4"];

type OrderPlan = {
  customerIndex: number | null;
  dayOffset: number;
  minuteOfDay: number;
  totalMinor: number;
  test: boolean;
  arrivalDelayDays: number;
  arrivalKey: number;
  change: null | {
    kind: "cancel" | "reassign";
    toCustomerIndex: number;
    delayDays: number;
    arrivalKey: number;
  };
  refunds: { share: number; delayDays: number; arrivalKey: number }[];
};

type Delivery = {
  arrivalDay: number;
  arrivalKey: number;
  apply: (stored: OrderState | null) => OrderState;
  orderGid: string;
};

const orderPlan: fc.Arbitrary<OrderPlan> = fc.record({
  customerIndex: fc.option(fc.integer({ min: 0, max: CUSTOMERS.length - 1 }), {
    freq: 6,
  }),
  dayOffset: fc.integer({ min: 0, max: 40 }),
  minuteOfDay: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  totalMinor: fc.integer({ min: 500, max: 40_000 }),
  test: fc.integer({ min: 0, max: 9 }).map((draw) => draw === 0),
  arrivalDelayDays: fc.integer({ min: 0, max: 10 }),
  arrivalKey: fc.integer(),
  change: fc.option(
    fc.record({
      kind: fc.constantFrom("cancel" as const, "reassign" as const),
      toCustomerIndex: fc.integer({ min: 0, max: CUSTOMERS.length - 1 }),
      delayDays: fc.integer({ min: 0, max: 30 }),
      arrivalKey: fc.integer(),
    }),
    { freq: 3 },
  ),
  refunds: fc.array(
    fc.record({
      share: fc.double({ min: 0.05, max: 1, noNaN: true }),
      delayDays: fc.integer({ min: 0, max: 30 }),
      arrivalKey: fc.integer(),
    }),
    { maxLength: 2 },
  ),
});

function planDeliveries(plans: readonly OrderPlan[]): Delivery[] {
  const deliveries: Delivery[] = [];
  plans.forEach((plan, index) => {
    const orderGid = `gid://o/${index + 1}`;
    const placedAt = new Date(
      START_MS + plan.dayOffset * DAY_MS + plan.minuteOfDay * 60_000,
    );
    const base: OrderFact = {
      orderGid,
      name: `#${index + 1}`,
      customerGid:
        plan.customerIndex === null
          ? null
          : (CUSTOMERS[plan.customerIndex] as string),
      createdAt: placedAt,
      updatedAt: placedAt,
      processedAt: placedAt,
      cancelledAt: null,
      test: plan.test,
      financialStatus: "paid",
      currency: "JPY",
      presentmentCurrency: "JPY",
      totalMinor: plan.totalMinor,
      presentmentTotalMinor: plan.totalMinor,
      subtotalMinor: plan.totalMinor,
      discountMinor: 0,
      taxMinor: Math.floor(plan.totalMinor / 11),
      taxesIncluded: true,
      lineItems: [],
      refunds: [],
    };
    const placedDay = plan.dayOffset;
    deliveries.push({
      arrivalDay: placedDay + plan.arrivalDelayDays,
      arrivalKey: plan.arrivalKey,
      orderGid,
      apply: (stored) => applyOrderUpdate(stored, base),
    });
    if (plan.change !== null) {
      const change = plan.change;
      const changedAt = new Date(
        placedAt.getTime() + (change.delayDays * DAY_MS + 1000),
      );
      const changed: OrderFact =
        change.kind === "cancel"
          ? { ...base, updatedAt: changedAt, cancelledAt: changedAt }
          : {
              ...base,
              updatedAt: changedAt,
              customerGid: CUSTOMERS[change.toCustomerIndex] as string,
            };
      deliveries.push({
        arrivalDay: placedDay + change.delayDays,
        arrivalKey: change.arrivalKey,
        orderGid,
        apply: (stored) => applyOrderUpdate(stored, changed),
      });
    }
    plan.refunds.forEach((refundPlan, refundIndex) => {
      const refund: RefundFact = {
        refundGid: `gid://r/${index + 1}-${refundIndex}`,
        orderGid,
        createdAt: new Date(placedAt.getTime() + refundPlan.delayDays * DAY_MS),
        amountMinor: Math.round(plan.totalMinor * refundPlan.share),
        presentmentAmountMinor: Math.round(plan.totalMinor * refundPlan.share),
      };
      deliveries.push({
        arrivalDay: placedDay + refundPlan.delayDays,
        arrivalKey: refundPlan.arrivalKey,
        orderGid,
        apply: (stored) => applyRefund(stored, refund),
      });
    });
  });
  return deliveries.sort(
    (a, b) => a.arrivalDay - b.arrivalDay || a.arrivalKey - b.arrivalKey,
  );
}

type RecordedChange = { customerKey: string; change: RankChange };

/** One simulated shop: stored orders, stored analytics rows and the scoring of the last full recompute. */
class SimulatedShop {
  readonly orders = new Map<string, OrderState>();
  readonly rows = new Map<string, CustomerAnalysis>();
  scoring: ShopScoring | null = null;
  private readonly policy: RankPolicy;

  constructor(policy: RankPolicy) {
    this.policy = policy;
  }

  private inputOf(customerKey: string): CustomerAnalysisInput {
    const orders: CustomerOrder[] = [];
    for (const state of this.orders.values()) {
      if (isAwaitingOrder(state) || state.customerGid !== customerKey) continue;
      if (!countsTowardCustomerAnalytics(state)) continue;
      orders.push({
        customerKey,
        orderKey: state.orderGid,
        occurredOn: localDateOf(state.processedAt),
        amountMinor: netRevenueMinor(state),
        taxMinor: state.taxMinor,
      });
    }
    return {
      customerKey,
      orders,
      rankState: this.rows.get(customerKey)?.rank.state ?? null,
    };
  }

  private knownCustomers(): string[] {
    const keys = new Set(this.rows.keys());
    for (const state of this.orders.values())
      if (!isAwaitingOrder(state) && state.customerGid !== null)
        keys.add(state.customerGid);
    return [...keys].sort();
  }

  /** Stores what has something to store; returns the rank changes, by customer. */
  private store(
    analyses: readonly CustomerAnalysis[],
    inputs: ReadonlyMap<string, CustomerAnalysisInput>,
  ): RecordedChange[] {
    const changes: RecordedChange[] = [];
    for (const analysis of analyses) {
      const input = inputs.get(analysis.customerKey)!;
      if (!hasCustomerAnalysis(input, analysis.summary)) continue;
      // A stored row keeps the rank state; the change becomes a RankChange record of its own.
      this.rows.set(analysis.customerKey, {
        ...analysis,
        rank: { state: analysis.rank.state, change: null },
      });
      if (analysis.rank.change !== null)
        changes.push({
          customerKey: analysis.customerKey,
          change: analysis.rank.change,
        });
    }
    return changes.sort((a, b) => (a.customerKey < b.customerKey ? -1 : 1));
  }

  /** The full recompute: every customer, on a newly fitted scoring or on the stored one. */
  recomputeAll(asOn: string, refit: boolean): RecordedChange[] {
    const inputs = this.knownCustomers().map((key) => this.inputOf(key));
    const shop = analyzeShop(
      inputs,
      asOn,
      this.policy,
      refit || this.scoring === null ? {} : { scoring: this.scoring },
    );
    this.scoring = shop.scoring;
    return this.store(
      shop.customers,
      new Map(inputs.map((input) => [input.customerKey, input])),
    );
  }

  /** What an ingested order, refund or cancellation does: its customers re-analysed on the stored scoring. */
  recomputeCustomers(
    customerKeys: readonly string[],
    asOn: string,
  ): RecordedChange[] {
    const inputs = customerKeys.map((key) => this.inputOf(key));
    return this.store(
      inputs.map((input) =>
        analyzeCustomer(input, asOn, this.policy, this.scoring),
      ),
      new Map(inputs.map((input) => [input.customerKey, input])),
    );
  }

  receive(delivery: Delivery): string[] {
    const before = this.orders.get(delivery.orderGid) ?? null;
    const after = delivery.apply(before);
    this.orders.set(delivery.orderGid, after);
    return listCustomersAffectedByOrder(before, after);
  }
}

describe("incremental analysis", () => {
  it("equals a full recompute on the stored scoring after every delivery, whatever the history and arrival order", () => {
    const policies: RankPolicy[] = [
      POLICY,
      buildThreeRankPolicy(
        { minOrders: 3 },
        { inactivityStepDown: { months: 1 }, refundDowngrade: "immediate" },
      ),
      buildThreeRankPolicy(
        {},
        {
          confirmationDelayDays: 0,
          window: { kind: "calendar_year" },
          downgradeReviewDates: ["01-01"],
        },
      ),
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...policies),
        fc.array(orderPlan, { minLength: 1, maxLength: 14 }),
        (policy, plans) => {
          const incremental = new SimulatedShop(policy);
          const full = new SimulatedShop(policy);
          let day: number | null = null;
          for (const delivery of planDeliveries(plans)) {
            const asOn = localDateOf(
              START_MS + delivery.arrivalDay * DAY_MS + 12 * 3_600_000,
            );
            if (day !== delivery.arrivalDay) {
              // a new shop-local day: the daily recompute refits the scoring in both shops
              day = delivery.arrivalDay;
              expect(incremental.recomputeAll(asOn, true)).toEqual(
                full.recomputeAll(asOn, true),
              );
            }
            const affected = incremental.receive(delivery);
            full.receive(delivery);
            const incrementalChanges = incremental.recomputeCustomers(
              affected,
              asOn,
            );
            // THEN re-analysing every customer finds the same rows and the same rank changes
            expect(full.recomputeAll(asOn, false)).toEqual(incrementalChanges);
            expect(incremental.rows).toEqual(full.rows);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
