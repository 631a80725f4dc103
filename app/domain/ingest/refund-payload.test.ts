import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRefundPayload } from "./refund-payload.ts";

const docsRefund = readFileSync(
  new URL(
    "../../../../shared/fixtures/shopify-webhooks/refunds-create.docs-example.2026-04.json",
    import.meta.url,
  ),
  "utf8",
);

const moneySet = (
  shop: string,
  shopCurrency: string,
  presentment: string,
  presentmentCurrency: string,
) => ({
  shop_money: { amount: shop, currency_code: shopCurrency },
  presentment_money: {
    amount: presentment,
    currency_code: presentmentCurrency,
  },
});

function aMultiCurrencyRefund(lineItems: unknown[]): string {
  return JSON.stringify({
    id: 1,
    order_id: 2,
    admin_graphql_api_id: "gid://shopify/Refund/1",
    created_at: "2025-03-05T09:00:00+09:00",
    total_duties_set: moneySet("0", "JPY", "0.00", "USD"),
    refund_line_items: lineItems,
    transactions: [
      { kind: "refund", status: "success", amount: "20.00" },
      { kind: "refund", status: "failure", amount: "20.00" },
    ],
  });
}

describe("parseRefundPayload", () => {
  it("reads Shopify's documented refunds/create example", () => {
    // Two successful refund transactions: 75.00 + 10.00. The line items (414.95) are not what was paid back.
    expect(parseRefundPayload(docsRefund)).toEqual({
      ok: true,
      refund: {
        refundGid: "gid://shopify/Refund/890088186047892319",
        orderGid: "gid://shopify/Order/820982911946154500",
        createdAt: new Date("2022-01-01T00:00:00Z"),
        amountMinor: 8500,
        presentmentAmountMinor: 8500,
      },
    });
  });

  it("builds the order GID from the raw digits of an order_id beyond 2^53", () => {
    // JSON.parse alone would turn 820982911946154508 into 820982911946154500.
    const body = docsRefund.replace(
      '"order_id": 820982911946154500,\n  "created_at"',
      '"order_id": 820982911946154508,\n  "created_at"',
    );
    const parsed = parseRefundPayload(body);
    expect(parsed.ok && parsed.refund.orderGid).toBe(
      "gid://shopify/Order/820982911946154508",
    );
  });

  it("converts to shop money at the rate of the refunded line items", () => {
    // GIVEN ¥12,000 of goods bought for 80.00 USD, and 20.00 USD paid back
    const body = aMultiCurrencyRefund([
      {
        subtotal_set: moneySet("11000", "JPY", "73.33", "USD"),
        total_tax_set: moneySet("1000", "JPY", "6.67", "USD"),
      },
    ]);
    expect(parseRefundPayload(body)).toEqual({
      ok: true,
      refund: {
        refundGid: "gid://shopify/Refund/1",
        orderGid: "gid://shopify/Order/2",
        createdAt: new Date("2025-03-05T00:00:00Z"),
        amountMinor: 3000,
        presentmentAmountMinor: 2000,
      },
    });
  });

  it("leaves shop money open when a foreign-currency refund has no line items to take a rate from", () => {
    const parsed = parseRefundPayload(aMultiCurrencyRefund([]));
    expect(parsed.ok && parsed.refund).toMatchObject({
      amountMinor: null,
      presentmentAmountMinor: 2000,
    });
  });

  it.each([
    [
      "a malformed transaction amount",
      docsRefund.replace('"amount": "75.00"', '"amount": "75.0.0"'),
      { reason: "MALFORMED_MONEY", path: "transactions.0.amount" },
    ],
    [
      "a missing order_id",
      docsRefund.replace(
        '"order_id": 820982911946154500,\n  "created_at"',
        '"created_at"',
      ),
      { reason: "UNEXPECTED_SHAPE", path: "order_id" },
    ],
    [
      "a malformed created_at",
      docsRefund.replace(
        '"created_at": "2021-12-31T19:00:00-05:00",\n  "note"',
        '"created_at": "soon",\n  "note"',
      ),
      { reason: "MALFORMED_TIMESTAMP", path: "created_at" },
    ],
  ])("rejects %s", (_case, body, failure) => {
    expect(parseRefundPayload(body)).toEqual({ ok: false, ...failure });
  });
});
