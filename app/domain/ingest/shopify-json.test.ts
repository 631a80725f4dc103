import { describe, expect, it } from "vitest";
import { parseShopifyJson, readMoneySet } from "./shopify-json.ts";

describe("parseShopifyJson", () => {
  it("keeps the exact digits of ids beyond 2^53", () => {
    // GIVEN an id that a JavaScript number would round to 820982911946154500
    const parsed = parseShopifyJson(
      '{"id":820982911946154508,"order_id":9007199254740993,"line_item":{"product_id":12}}',
    );
    expect(parsed).toEqual({
      ok: true,
      json: {
        id: "820982911946154508",
        order_id: "9007199254740993",
        line_item: { product_id: "12" },
      },
    });
  });

  it("leaves other numbers and non-numeric ids alone", () => {
    const parsed = parseShopifyJson(
      '{"quantity":3,"subtotal":89.99,"payment_id":"#9999.","parent_id":null,"grams":1000}',
    );
    expect(parsed).toEqual({
      ok: true,
      json: {
        quantity: 3,
        subtotal: 89.99,
        payment_id: "#9999.",
        parent_id: null,
        grams: 1000,
      },
    });
  });

  it("reports a body that is not JSON", () => {
    expect(parseShopifyJson('{"id":')).toEqual({
      ok: false,
      reason: "MALFORMED_JSON",
      path: "",
    });
  });
});

describe("readMoneySet", () => {
  const set = {
    shop_money: { amount: "12000", currency_code: "JPY" },
    presentment_money: { amount: "80.00", currency_code: "USD" },
  };

  it("reads shop and presentment money in their own exponents", () => {
    expect(
      readMoneySet(set, { shop: "JPY", presentment: "USD" }, "total_price_set"),
    ).toEqual({ ok: true, shopMinor: 12000, presentmentMinor: 8000 });
  });

  it("rejects money in a currency other than the order's", () => {
    expect(
      readMoneySet(set, { shop: "USD", presentment: "USD" }, "total_price_set"),
    ).toEqual({
      ok: false,
      reason: "MALFORMED_MONEY",
      path: "total_price_set",
    });
  });
});
