// The demo scenario: "Kizuna Demo Store", a Japanese tea shop in yen and Asia/Tokyo with two years of
// seeded history (style.md §7.6.1: fixed seed, ja and en names). Same `now` and seed → same shop.

import { generateShop } from "../shop/generate.ts";
import type { ShopState } from "../shop/state.ts";

export const DEMO_SHOP_DOMAIN = "kizuna-demo.myshopify.com";
export const DEMO_SHOP_NAME = "Kizuna Demo Store 絆茶房";

export interface DemoShopOptions {
  now: Date;
  customers?: number;
  seed?: number;
}

export function buildDemoShop({
  now,
  customers = 3000,
  seed = 2026,
}: DemoShopOptions): ShopState {
  return generateShop({
    domain: DEMO_SHOP_DOMAIN,
    name: DEMO_SHOP_NAME,
    customers,
    seed,
    now,
    years: 2,
    currencyCode: "JPY",
    ianaTimezone: "Asia/Tokyo",
  });
}
