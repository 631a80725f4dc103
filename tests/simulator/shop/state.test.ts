import { describe, expect, it } from "vitest";
import {
  createShopState,
  currentTotalOf,
  formatMinorAsDecimal,
  gidOf,
  numericIdOf,
  toIsoInstant,
  toPresentmentMinor,
} from "./state.ts";
import type { SimOrder } from "./state.ts";

const NOW = new Date("2026-06-01T00:00:00Z");

describe("formatMinorAsDecimal", () => {
  it.each([
    [120000, "USD", "1200.00"],
    [5, "USD", "0.05"],
    [0, "USD", "0.00"],
    [-1999, "USD", "-19.99"],
    [1200, "JPY", "1200"],
    [0, "JPY", "0"],
  ] as const)("formats %i minor %s as %s", (minor, currency, expected) => {
    expect(formatMinorAsDecimal(minor, currency)).toBe(expected);
  });
});

describe("gids", () => {
  it("round-trips a numeric id through a GID", () => {
    expect(gidOf("Order", 5000000001)).toBe("gid://shopify/Order/5000000001");
    expect(numericIdOf("gid://shopify/Order/5000000001")).toBe(5000000001);
  });

  it("rejects a GID whose number is beyond 2^53", () => {
    expect(() => numericIdOf("gid://shopify/Order/820982911946154508")).toThrow(
      "not a simulator GID",
    );
  });
});

describe("toIsoInstant", () => {
  it("prints whole seconds in UTC with Z", () => {
    expect(toIsoInstant(new Date("2026-03-01T10:00:00.789+09:00"))).toBe(
      "2026-03-01T01:00:00Z",
    );
  });
});

describe("createShopState", () => {
  it("offers the shop currency first and one other presentment currency", () => {
    const state = createShopState(
      {
        domain: "a.myshopify.com",
        name: "A",
        currencyCode: "JPY",
        ianaTimezone: "Asia/Tokyo",
      },
      NOW,
    );
    expect(state.shop.presentmentCurrencyCodes).toEqual(["JPY", "USD"]);
    expect(state.shop.taxesIncluded).toBe(true);
    expect(state.shop.id).toBe("gid://shopify/Shop/60000000001");
    expect(state.nextOrderNumber).toBe(1001);
  });

  it("converts yen to US cents at the shop rate", () => {
    const state = createShopState(
      {
        domain: "a.myshopify.com",
        name: "A",
        currencyCode: "JPY",
        ianaTimezone: "Asia/Tokyo",
      },
      NOW,
    );
    expect(toPresentmentMinor(state.shop, 3000, "USD")).toBe(2010);
    expect(toPresentmentMinor(state.shop, 3000, "JPY")).toBe(3000);
  });
});

describe("currentTotalOf", () => {
  it("subtracts every refund from the total", () => {
    const order = {
      total: { shopMinor: 5000, presentmentMinor: 3350 },
      refunds: [
        { amount: { shopMinor: 1000, presentmentMinor: 670 } },
        { amount: { shopMinor: 500, presentmentMinor: 335 } },
      ],
    } as unknown as SimOrder;
    expect(currentTotalOf(order)).toEqual({
      shopMinor: 3500,
      presentmentMinor: 2345,
    });
  });
});
