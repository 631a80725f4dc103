import { describe, expect, it } from "vitest";
import { generateShop } from "./generate.ts";
import type { ShopState } from "./state.ts";
import { refundedTotalOf } from "./state.ts";

const NOW = new Date("2026-06-01T00:00:00Z");
// Two years of 365.25 days before NOW.
const TWO_YEARS_AGO = "2024-05-31T12:00:00Z";

function shopOf(customers: number, seed: number): ShopState {
  return generateShop({
    domain: "gen-test.myshopify.com",
    name: "Gen Test",
    customers,
    seed,
    now: NOW,
  });
}

describe("generateShop", () => {
  it("builds the identical shop from the same seed and a different one from another seed", () => {
    const first = shopOf(500, 11);
    const second = shopOf(500, 11);
    expect([...second.customers.values()]).toEqual([
      ...first.customers.values(),
    ]);
    expect([...second.orders.values()]).toEqual([...first.orders.values()]);
    expect([...shopOf(500, 12).orders.keys()]).not.toEqual([
      ...first.orders.keys(),
    ]);
  });

  describe("a 10,000-customer JPY shop", () => {
    const state = shopOf(10_000, 2026);
    const orders = [...state.orders.values()];
    const customers = [...state.customers.values()];
    const buyers = customers.filter((customer) => customer.orderIds.length > 0);
    const share = (count: number, of: number) => count / of;

    it("has 10,000 customers and about two orders per customer", () => {
      expect(state.customers.size).toBe(10_000);
      expect(orders.length).toBeGreaterThan(15_000);
      expect(orders.length).toBeLessThan(35_000);
    });

    it("has 50-70 % one-time buyers and a loyal tail of customers with 10+ orders", () => {
      const oneTime = buyers.filter(
        (customer) => customer.orderIds.length === 1,
      ).length;
      expect(share(oneTime, buyers.length)).toBeGreaterThan(0.5);
      expect(share(oneTime, buyers.length)).toBeLessThan(0.7);
      expect(
        buyers.filter((customer) => customer.orderIds.length >= 10).length,
      ).toBeGreaterThan(50);
    });

    it("mixes guests, refunds, cancellations, test orders and a second currency at realistic rates", () => {
      const guests = orders.filter(
        (order) => order.customerId === null && !order.test,
      ).length;
      const refunded = orders.filter(
        (order) => order.refunds.length > 0 && order.cancelledAt === null,
      ).length;
      const cancelled = orders.filter(
        (order) => order.cancelledAt !== null,
      ).length;
      const tests = orders.filter((order) => order.test).length;
      const secondCurrency = orders.filter(
        (order) => order.presentmentCurrencyCode === "USD",
      ).length;
      expect(share(guests, orders.length)).toBeGreaterThan(0.04);
      expect(share(guests, orders.length)).toBeLessThan(0.06);
      expect(share(refunded, orders.length)).toBeGreaterThan(0.02);
      expect(share(refunded, orders.length)).toBeLessThan(0.04);
      expect(share(cancelled, orders.length)).toBeGreaterThan(0.01);
      expect(share(cancelled, orders.length)).toBeLessThan(0.02);
      expect(share(tests, orders.length)).toBeGreaterThan(0.003);
      expect(share(tests, orders.length)).toBeLessThan(0.007);
      expect(share(secondCurrency, orders.length)).toBeGreaterThan(0.07);
      expect(share(secondCurrency, orders.length)).toBeLessThan(0.15);
    });

    it("has partial and full refunds, none exceeding the order total", () => {
      const withRefunds = orders.filter((order) => order.refunds.length > 0);
      expect(
        withRefunds.some(
          (order) => order.financialStatus === "partially_refunded",
        ),
      ).toBe(true);
      expect(
        withRefunds.some((order) => order.financialStatus === "refunded"),
      ).toBe(true);
      for (const order of withRefunds) {
        expect(refundedTotalOf(order).shopMinor).toBeLessThanOrEqual(
          order.total.shopMinor,
        );
        expect(refundedTotalOf(order).presentmentMinor).toBeLessThanOrEqual(
          order.total.presentmentMinor,
        );
      }
    });

    it("names most customers in kanji and some in English, with ja and en locales", () => {
      const kanji = customers.filter((customer) =>
        /\p{Script=Han}/u.test(customer.lastName),
      );
      expect(share(kanji.length, customers.length)).toBeGreaterThan(0.75);
      expect(
        kanji.every(
          (customer) =>
            customer.locale === "ja" && customer.email?.endsWith("@example.jp"),
        ),
      ).toBe(true);
      const english = customers.filter((customer) => customer.locale === "en");
      expect(english.length).toBeGreaterThan(500);
      expect(
        english.every((customer) => /^[A-Z][a-z]+$/.test(customer.lastName)),
      ).toBe(true);
      expect(new Set(customers.map((customer) => customer.email)).size).toBe(
        customers.length,
      );
    });

    it("keeps order totals consistent per currency and baskets around ¥3,000-15,000", () => {
      for (const order of orders) {
        for (const side of ["shopMinor", "presentmentMinor"] as const) {
          expect(order.lineItemsTotal[side] - order.totalDiscounts[side]).toBe(
            order.subtotal[side],
          );
          expect(order.subtotal[side] + order.shipping[side]).toBe(
            order.total[side],
          );
          const lineSum = order.lineItems.reduce(
            (sum, line) => sum + line.unitPrice[side] * line.quantity,
            0,
          );
          expect(lineSum).toBe(order.lineItemsTotal[side]);
        }
      }
      const totals = orders
        .map((order) => order.total.shopMinor)
        .sort((a, b) => a - b);
      const median = totals[Math.floor(totals.length / 2)]!;
      expect(median).toBeGreaterThan(3000);
      expect(median).toBeLessThan(15_000);
    });

    it("places every order within the two years before now, in creation order with rising names", () => {
      let previous = "";
      let previousNumber = 1000;
      for (const order of orders) {
        expect(
          order.createdAt >= TWO_YEARS_AGO &&
            order.createdAt <= "2026-06-01T00:00:00Z",
        ).toBe(true);
        expect(order.createdAt >= previous).toBe(true);
        expect(order.orderNumber).toBe(previousNumber + 1);
        previous = order.createdAt;
        previousNumber = order.orderNumber;
      }
      expect(orders[0]!.name).toBe("#1001");
    });

    it("creates each buyer's account before their first order and lists their orders oldest first", () => {
      for (const customer of buyers) {
        const own = customer.orderIds.map((orderId) =>
          state.orders.get(orderId)!,
        );
        expect(customer.createdAt <= own[0]!.createdAt).toBe(true);
        expect(own.every((order) => order.customerId === customer.id)).toBe(
          true,
        );
        expect(own.map((order) => order.createdAt)).toEqual(
          own.map((order) => order.createdAt).sort(),
        );
      }
    });

    it("mixes email marketing consent states", () => {
      const states = new Set(
        customers.map((customer) => customer.emailMarketingConsent.state),
      );
      expect([...states].sort()).toEqual([
        "NOT_SUBSCRIBED",
        "PENDING",
        "SUBSCRIBED",
        "UNSUBSCRIBED",
      ]);
    });
  });

  it("generates 200,000 customers with about half a million orders", () => {
    const state = shopOf(200_000, 1);
    expect(state.customers.size).toBe(200_000);
    expect(state.orders.size).toBeGreaterThan(350_000);
    expect(state.orders.size).toBeLessThan(650_000);
  }, 120_000);

  it("generates a USD shop with cent prices and yen as the second currency", () => {
    const state = generateShop({
      domain: "us.myshopify.com",
      name: "US",
      customers: 300,
      seed: 5,
      now: NOW,
      currencyCode: "USD",
      ianaTimezone: "America/New_York",
    });
    const orders = [...state.orders.values()];
    expect(state.shop.presentmentCurrencyCodes).toEqual(["USD", "JPY"]);
    expect(
      state.products.every((product) => product.priceMinor % 100 === 99),
    ).toBe(true);
    expect(
      orders.every(
        (order) =>
          order.total.shopMinor ===
          order.subtotal.shopMinor +
            order.shipping.shopMinor +
            order.totalTax.shopMinor,
      ),
    ).toBe(true);
  });
});
