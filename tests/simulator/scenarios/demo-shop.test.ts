import { describe, expect, it } from "vitest";
import { buildDemoShop, DEMO_SHOP_DOMAIN } from "./demo-shop.ts";

const NOW = new Date("2026-11-26T00:00:00Z");

describe("buildDemoShop", () => {
  const state = buildDemoShop({ now: NOW });

  it("is a yen shop in Asia/Tokyo with 3,000 customers by default", () => {
    expect(state.shop).toMatchObject({
      domain: DEMO_SHOP_DOMAIN,
      currencyCode: "JPY",
      ianaTimezone: "Asia/Tokyo",
      presentmentCurrencyCodes: ["JPY", "USD"],
    });
    expect(state.customers.size).toBe(3000);
  });

  it("has customers with Japanese and with English names", () => {
    const locales = new Set(
      [...state.customers.values()].map((customer) => customer.locale),
    );
    expect([...locales].sort()).toEqual(["en", "ja"]);
  });

  it("is the same shop every time for the same now and seed", () => {
    const again = buildDemoShop({ now: NOW, customers: 3000, seed: 2026 });
    expect([...again.orders.values()]).toEqual([...state.orders.values()]);
  });
});
