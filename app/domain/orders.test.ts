import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyOrderUpdate,
  applyRefund,
  countsTowardCustomerAnalytics,
  countsTowardShopTotals,
  IMPORTED_REFUND_GID_PREFIX,
  isAwaitingOrder,
  netRevenueMinor,
  refundShopMinor,
} from "./orders.ts";
import type { OrderFact, OrderState, RefundFact } from "./orders.ts";

const ORDER_GID = "gid://shopify/Order/1001";

function anOrder(overrides: Partial<OrderFact> = {}): OrderFact {
  return {
    orderGid: ORDER_GID,
    name: "#1001",
    customerGid: "gid://shopify/Customer/7",
    createdAt: new Date("2025-03-01T01:00:00Z"),
    updatedAt: new Date("2025-03-01T01:00:00Z"),
    processedAt: new Date("2025-03-01T01:00:00Z"),
    cancelledAt: null,
    test: false,
    financialStatus: "paid",
    currency: "JPY",
    presentmentCurrency: "JPY",
    totalMinor: 12000,
    presentmentTotalMinor: 12000,
    subtotalMinor: 11000,
    discountMinor: 0,
    taxMinor: 1000,
    taxesIncluded: true,
    lineItems: [],
    refunds: [],
    ...overrides,
  };
}

function aRefund(overrides: Partial<RefundFact> = {}): RefundFact {
  return {
    refundGid: "gid://shopify/Refund/1",
    orderGid: ORDER_GID,
    createdAt: new Date("2025-03-05T00:00:00Z"),
    amountMinor: 3000,
    presentmentAmountMinor: 3000,
    ...overrides,
  };
}

describe("countsTowardShopTotals and countsTowardCustomerAnalytics", () => {
  it.each([
    ["a paid order with a customer", {}, true, true],
    ["a guest order", { customerGid: null }, true, false],
    [
      "a cancelled order",
      { cancelledAt: new Date("2025-03-02T00:00:00Z") },
      false,
      false,
    ],
    ["a voided order", { financialStatus: "voided" }, false, false],
    ["a test order", { test: true }, false, false],
    ["a fully refunded order", { financialStatus: "refunded" }, true, true],
  ])(
    "decides for %s",
    (_case, overrides: Partial<OrderFact>, shop, customer) => {
      const order = anOrder(overrides);
      expect(countsTowardShopTotals(order)).toBe(shop);
      expect(countsTowardCustomerAnalytics(order)).toBe(customer);
    },
  );
});

describe("netRevenueMinor", () => {
  it("subtracts refunds from the paid total", () => {
    const order = anOrder({
      refunds: [
        aRefund({ amountMinor: 3000 }),
        aRefund({ refundGid: "gid://shopify/Refund/2", amountMinor: 500 }),
      ],
    });
    expect(netRevenueMinor(order)).toBe(8500);
  });

  it("never goes below zero when refunds exceed the total", () => {
    expect(
      netRevenueMinor(anOrder({ refunds: [aRefund({ amountMinor: 15000 })] })),
    ).toBe(0);
  });

  it("converts a refund known only in the buyer's currency at the order's rate", () => {
    // GIVEN a shop in JPY and a buyer paying 80.00 USD for ¥12,000
    const order = anOrder({
      presentmentCurrency: "USD",
      presentmentTotalMinor: 8000,
    });
    const refund = aRefund({ amountMinor: null, presentmentAmountMinor: 2000 });
    // THEN a 20.00 USD refund is ¥3,000
    expect(refundShopMinor(order, refund)).toBe(3000);
    expect(netRevenueMinor({ ...order, refunds: [refund] })).toBe(9000);
  });

  it("is never more than the paid total nor below zero", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 10_000_000 }),
        fc.array(
          fc.record({
            amountMinor: fc.option(fc.integer({ min: -1000, max: 20_000_000 })),
            presentmentAmountMinor: fc.nat({ max: 20_000_000 }),
          }),
        ),
        (totalMinor, amounts) => {
          const refunds = amounts.map((amount, index) =>
            aRefund({ refundGid: `gid://shopify/Refund/${index}`, ...amount }),
          );
          const net = netRevenueMinor(
            anOrder({ totalMinor, presentmentTotalMinor: totalMinor, refunds }),
          );
          expect(net).toBeGreaterThanOrEqual(0);
          expect(net).toBeLessThanOrEqual(totalMinor);
        },
      ),
    );
  });
});

describe("applyOrderUpdate", () => {
  it("stores the first payload of an order", () => {
    expect(applyOrderUpdate(null, anOrder())).toEqual(anOrder());
  });

  it("replaces the stored order with a newer one", () => {
    const newer = anOrder({
      updatedAt: new Date("2025-03-02T00:00:00Z"),
      financialStatus: "partially_refunded",
    });
    expect(applyOrderUpdate(anOrder(), newer)).toEqual(newer);
  });

  it("ignores an orders/updated older than the stored order", () => {
    const stored = anOrder({
      updatedAt: new Date("2025-03-02T00:00:00Z"),
      cancelledAt: new Date("2025-03-02T00:00:00Z"),
    });
    expect(applyOrderUpdate(stored, anOrder())).toEqual(stored);
  });

  it("keeps the stored order on a tie but merges the refunds of both", () => {
    const stored = anOrder({ refunds: [aRefund()] });
    const incoming = anOrder({
      totalMinor: 1,
      refunds: [
        aRefund({
          refundGid: "gid://shopify/Refund/2",
          createdAt: new Date("2025-03-04T00:00:00Z"),
        }),
      ],
    });
    const merged = applyOrderUpdate(stored, incoming);
    expect(merged.totalMinor).toBe(12000);
    expect(merged.refunds.map((refund) => refund.refundGid)).toEqual([
      "gid://shopify/Refund/2",
      "gid://shopify/Refund/1",
    ]);
  });

  it("lands an order on the refunds that arrived before it", () => {
    const waiting = applyRefund(null, aRefund());
    const merged = applyOrderUpdate(waiting, anOrder());
    expect(merged).toEqual(anOrder({ refunds: [aRefund()] }));
    expect(netRevenueMinor(merged)).toBe(9000);
  });

  it("refuses to merge two different orders", () => {
    expect(() =>
      applyOrderUpdate(
        anOrder(),
        anOrder({ orderGid: "gid://shopify/Order/2" }),
      ),
    ).toThrow("Events of different orders cannot be merged.");
  });
});

function anImportedRefund(amountMinor: number): RefundFact {
  return aRefund({
    refundGid: `${IMPORTED_REFUND_GID_PREFIX}shopify-export:%231001`,
    createdAt: new Date("2025-03-02T00:00:00Z"),
    amountMinor,
    presentmentAmountMinor: amountMinor,
  });
}

describe("an imported order's refunded total", () => {
  it("counts until Shopify's own refunds of the order arrive, then gives way to them", () => {
    const imported = applyOrderUpdate(
      null,
      anOrder({ refunds: [anImportedRefund(5000)] }),
    );
    expect(netRevenueMinor(imported as OrderFact)).toBe(7000);
    const refunded = applyRefund(imported, aRefund({ amountMinor: 5000 }));
    expect(refunded.refunds.map((refund) => refund.refundGid)).toEqual([
      "gid://shopify/Refund/1",
    ]);
    expect(netRevenueMinor(refunded as OrderFact)).toBe(7000);
  });

  it("never replaces refunds Shopify already sent", () => {
    const fromWebhooks = applyOrderUpdate(
      null,
      anOrder({ refunds: [aRefund({ amountMinor: 3000 })] }),
    );
    const reimported = applyOrderUpdate(
      fromWebhooks,
      anOrder({ refunds: [anImportedRefund(5000)] }),
    );
    expect(reimported.refunds).toEqual([aRefund({ amountMinor: 3000 })]);
  });
});

describe("applyRefund", () => {
  it("keeps a refund that arrives before its order", () => {
    const state = applyRefund(null, aRefund());
    expect(state).toEqual({
      orderGid: ORDER_GID,
      awaitingOrder: true,
      refunds: [aRefund()],
    });
    expect(isAwaitingOrder(state)).toBe(true);
  });

  it("adds a refund to a stored order once, however often it is delivered", () => {
    const once = applyRefund(anOrder(), aRefund());
    expect(applyRefund(once, aRefund())).toEqual(once);
    expect(once).toEqual(anOrder({ refunds: [aRefund()] }));
  });

  it("prefers the copy of a refund that carries shop money", () => {
    const withoutShopMoney = aRefund({ amountMinor: null });
    expect(
      applyRefund(applyRefund(anOrder(), withoutShopMoney), aRefund()),
    ).toEqual(anOrder({ refunds: [aRefund()] }));
    expect(
      applyRefund(applyRefund(anOrder(), aRefund()), withoutShopMoney),
    ).toEqual(anOrder({ refunds: [aRefund()] }));
  });

  it("refuses a refund of another order", () => {
    expect(() =>
      applyRefund(anOrder(), aRefund({ orderGid: "gid://shopify/Order/2" })),
    ).toThrow("A refund can only be applied to its own order.");
  });
});

type OrderEvent =
  { kind: "order"; order: OrderFact } | { kind: "refund"; refund: RefundFact };

function applyEvent(state: OrderState | null, event: OrderEvent): OrderState {
  return event.kind === "order"
    ? applyOrderUpdate(state, event.order)
    : applyRefund(state, event.refund);
}

// One order's life: a create, updates with strictly later updated_at (each a different payload),
// refunds (some also embedded in later order payloads, some without shop money), then duplicates.
const orderHistory = fc
  .record({
    updates: fc.array(
      fc.record({
        totalMinor: fc.nat({ max: 100_000 }),
        financialStatus: fc.constantFrom(
          "paid",
          "partially_refunded",
          "refunded",
          "voided",
        ),
        cancelled: fc.boolean(),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    refunds: fc.array(
      fc.record({
        amountMinor: fc.option(fc.nat({ max: 50_000 })),
        presentmentAmountMinor: fc.nat({ max: 50_000 }),
        embedIn: fc.nat({ max: 5 }),
        dayOffset: fc.nat({ max: 30 }),
      }),
      { maxLength: 4 },
    ),
    // An earlier CSV import of the order, which knew only its refunded total.
    importedRefundMinor: fc.option(fc.nat({ max: 50_000 })),
  })
  .map(({ updates, refunds, importedRefundMinor }) => {
    const refundFacts = refunds.map((refund, index) => ({
      fact: aRefund({
        refundGid: `gid://shopify/Refund/${index + 1}`,
        createdAt: new Date(Date.UTC(2025, 2, 1 + refund.dayOffset)),
        amountMinor: refund.amountMinor,
        presentmentAmountMinor: refund.presentmentAmountMinor,
      }),
      embedIn: refund.embedIn,
    }));
    const orderEvents: OrderEvent[] = updates.map((update, index) => ({
      kind: "order",
      order: anOrder({
        updatedAt: new Date(Date.UTC(2025, 2, 1, index)),
        totalMinor: update.totalMinor,
        presentmentTotalMinor: update.totalMinor,
        financialStatus: update.financialStatus,
        cancelledAt: update.cancelled
          ? new Date(Date.UTC(2025, 2, 1, index))
          : null,
        refunds: refundFacts
          .filter((refund) => refund.embedIn <= index)
          .map((refund) => refund.fact),
      }),
    }));
    const refundEvents: OrderEvent[] = refundFacts.map((refund) => ({
      kind: "refund",
      refund: refund.fact,
    }));
    const importEvents: OrderEvent[] =
      importedRefundMinor === null
        ? []
        : [
            {
              kind: "order",
              order: anOrder({
                updatedAt: new Date(Date.UTC(2025, 1, 28)),
                refunds: [anImportedRefund(importedRefundMinor)],
              }),
            },
          ];
    return [...importEvents, ...orderEvents, ...refundEvents];
  })
  .chain((events) =>
    fc.tuple(
      fc.constant(events),
      fc.array(fc.constantFrom(...events), { maxLength: 4 }),
    ),
  )
  .chain(([events, duplicates]) => {
    const all = [...events, ...duplicates];
    return fc.tuple(
      fc.constant(all),
      fc.shuffledSubarray(all, {
        minLength: all.length,
        maxLength: all.length,
      }),
    );
  });

describe("applyOrderUpdate and applyRefund together", () => {
  it("end in the same state for any delivery order of one order's events", () => {
    fc.assert(
      fc.property(orderHistory, ([inOrder, shuffled]) => {
        expect(shuffled.reduce(applyEvent, null)).toEqual(
          inOrder.reduce(applyEvent, null),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("change nothing when an event is applied a second time", () => {
    fc.assert(
      fc.property(orderHistory, ([events]) => {
        let state: OrderState | null = null;
        for (const event of events) {
          state = applyEvent(state, event);
          expect(applyEvent(state, event)).toEqual(state);
        }
      }),
    );
  });

  it("never report net revenue above the paid total", () => {
    fc.assert(
      fc.property(orderHistory, ([, shuffled]) => {
        const state = shuffled.reduce(applyEvent, null);
        if (state === null || isAwaitingOrder(state))
          throw new Error("every history has an order payload");
        expect(netRevenueMinor(state)).toBeLessThanOrEqual(state.totalMinor);
        expect(netRevenueMinor(state)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
