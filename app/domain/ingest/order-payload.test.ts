import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { countsTowardShopTotals, netRevenueMinor } from "../orders.ts";
import { parseOrderPayload } from "./order-payload.ts";

const FIXTURES = new URL(
  "../../../../shared/fixtures/shopify-webhooks/",
  import.meta.url,
);
const readFixture = (name: string) =>
  readFileSync(new URL(name, FIXTURES), "utf8");
const ORDER_FIXTURE = "orders-create.docs-example.2026-04.json";
const docsOrder = readFixture(ORDER_FIXTURE);
const docsRefund = readFixture("refunds-create.docs-example.2026-04.json");
const at = (iso: string) => new Date(iso);

describe("parseOrderPayload", () => {
  it("reads Shopify's documented orders/create example", () => {
    expect(parseOrderPayload(docsOrder)).toEqual({
      ok: true,
      order: {
        orderGid: "gid://shopify/Order/820982911946154508",
        name: "#9999",
        customerGid: "gid://shopify/Customer/115310627314723954",
        createdAt: at("2022-01-01T00:00:00Z"),
        updatedAt: at("2022-01-01T00:00:00Z"),
        processedAt: at("2022-01-01T00:00:00Z"),
        cancelledAt: at("2022-01-01T00:00:00Z"),
        test: true,
        financialStatus: "voided",
        currency: "USD",
        presentmentCurrency: "USD",
        totalMinor: 40495,
        presentmentTotalMinor: 40495,
        subtotalMinor: 40495,
        discountMinor: 2000,
        taxMinor: 0,
        taxesIncluded: false,
        lineItems: [
          {
            lineItemGid: "gid://shopify/LineItem/487817672276298554",
            productGid: "gid://shopify/Product/788032119674292900",
            variantGid: null,
            title: "Aviator sunglasses",
            quantity: 1,
            priceMinor: 8999,
            discountMinor: 0,
          },
          {
            lineItemGid: "gid://shopify/LineItem/789012345678901234",
            productGid: null,
            variantGid: null,
            title: "Lens Protection Plan (2 Year)",
            quantity: 1,
            priceMinor: 1999,
            discountMinor: 0,
          },
          {
            lineItemGid: "gid://shopify/LineItem/890123456789012345",
            productGid: null,
            variantGid: null,
            title: "Premium Leather Case",
            quantity: 1,
            priceMinor: 2499,
            discountMinor: 0,
          },
          {
            lineItemGid: "gid://shopify/LineItem/976318377106520349",
            productGid: "gid://shopify/Product/788032119674292900",
            variantGid: null,
            title: "Mid-century lounger",
            quantity: 1,
            priceMinor: 15999,
            discountMinor: 0,
          },
          {
            lineItemGid: "gid://shopify/LineItem/315789986012684393",
            productGid: "gid://shopify/Product/788032119674292900",
            variantGid: null,
            title: "Coffee table",
            quantity: 1,
            priceMinor: 11999,
            discountMinor: 0,
          },
        ],
        refunds: [],
      },
    });
  });

  it("keys on admin_graphql_api_id, not the rounded numeric id", () => {
    // The docs example's "id" was rounded to 820982911946154500 by a JavaScript round trip.
    const parsed = parseOrderPayload(docsOrder);
    expect(parsed.ok && parsed.order.orderGid).toBe(
      "gid://shopify/Order/820982911946154508",
    );
  });

  it("excludes the documented example from shop totals because it is a cancelled, voided test order", () => {
    const parsed = parseOrderPayload(docsOrder);
    expect(parsed.ok && countsTowardShopTotals(parsed.order)).toBe(false);
  });

  it("reads the refunds embedded in an order and nets them off", () => {
    // GIVEN the documented refund (two successful transactions, 75.00 + 10.00) inside the order
    const withRefund = docsOrder.replace(
      '"refunds": [],',
      `"refunds": [${docsRefund}],`,
    );
    const parsed = parseOrderPayload(withRefund);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.order.refunds).toEqual([
      {
        refundGid: "gid://shopify/Refund/890088186047892319",
        orderGid: "gid://shopify/Order/820982911946154500",
        createdAt: at("2022-01-01T00:00:00Z"),
        amountMinor: 8500,
        presentmentAmountMinor: 8500,
      },
    ]);
    expect(netRevenueMinor(parsed.order)).toBe(31995);
  });

  it("reads a guest order with a null customer", () => {
    const guest = JSON.parse(docsOrder) as Record<string, unknown>;
    guest.customer = null;
    const parsed = parseOrderPayload(JSON.stringify(guest));
    expect(parsed.ok && parsed.order.customerGid).toBeNull();
  });

  it("sums a line item's discount allocations in shop money", () => {
    const order = JSON.parse(docsOrder) as {
      line_items: { discount_allocations: unknown[] }[];
    };
    const allocation = (amount: string) => ({
      amount,
      discount_application_index: 0,
      amount_set: {
        shop_money: { amount, currency_code: "USD" },
        presentment_money: { amount, currency_code: "USD" },
      },
    });
    order.line_items[0]!.discount_allocations = [
      allocation("5.00"),
      allocation("2.50"),
    ];
    const parsed = parseOrderPayload(JSON.stringify(order));
    expect(parsed.ok && parsed.order.lineItems[0]?.discountMinor).toBe(750);
  });

  it.each([
    ["body that is not JSON", "{", { reason: "MALFORMED_JSON", path: "" }],
    [
      "order without a total",
      docsOrder.replace('"total_price_set"', '"total_price_set_removed"'),
      { reason: "UNEXPECTED_SHAPE", path: "total_price_set" },
    ],
    [
      "malformed amount",
      docsOrder.replace('"amount": "404.95"', '"amount": "404,95"'),
      { reason: "MALFORMED_MONEY", path: "subtotal_price_set" },
    ],
    [
      "line price in another currency",
      docsOrder.replace(
        '"amount": "89.99",\n          "currency_code": "USD"',
        '"amount": "89.99",\n          "currency_code": "EUR"',
      ),
      { reason: "MALFORMED_MONEY", path: "line_items.0.price_set" },
    ],
    [
      "malformed updated_at",
      docsOrder.replace(
        '"updated_at": "2021-12-31T19:00:00-05:00"',
        '"updated_at": "2021-12-31"',
      ),
      { reason: "MALFORMED_TIMESTAMP", path: "updated_at" },
    ],
  ])("rejects a %s", (_case, body, failure) => {
    expect(parseOrderPayload(body)).toEqual({ ok: false, ...failure });
  });

  it.each(readdirSync(FIXTURES).filter((name) => name !== ORDER_FIXTURE))(
    "rejects the %s payload of another topic",
    (name) => {
      expect(parseOrderPayload(readFixture(name))).toMatchObject({
        ok: false,
        reason: "UNEXPECTED_SHAPE",
      });
    },
  );
});
