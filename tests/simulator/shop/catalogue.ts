// The simulated shop's product catalogue: a small D2C range of tea, ceramics and goods with Japanese and
// English titles. Prices are set in yen and converted for a USD shop at the simulator's fixed rate.

import type { ShopState, SimProduct } from "./state.ts";
import { allocateGid } from "./state.ts";

interface CatalogueEntry {
  title: string;
  sku: string;
  vendor: string;
  priceYen: number;
  /** Relative popularity: how often the generator puts it in a basket. */
  popularity: number;
}

const CATALOGUE: readonly CatalogueEntry[] = [
  {
    title: "宇治抹茶 スターターセット",
    sku: "KZ-TEA-001",
    vendor: "絆茶房",
    priceYen: 4800,
    popularity: 9,
  },
  {
    title: "有機煎茶 100g",
    sku: "KZ-TEA-002",
    vendor: "絆茶房",
    priceYen: 1620,
    popularity: 14,
  },
  {
    title: "ほうじ茶ティーバッグ 20包",
    sku: "KZ-TEA-003",
    vendor: "絆茶房",
    priceYen: 1080,
    popularity: 12,
  },
  {
    title: "玄米茶 200g",
    sku: "KZ-TEA-004",
    vendor: "絆茶房",
    priceYen: 1296,
    popularity: 8,
  },
  {
    title: "Gyokuro Premium 50g",
    sku: "KZ-TEA-005",
    vendor: "Kizuna Tea",
    priceYen: 3240,
    popularity: 5,
  },
  {
    title: "Matcha Latte Blend",
    sku: "KZ-TEA-006",
    vendor: "Kizuna Tea",
    priceYen: 2160,
    popularity: 7,
  },
  {
    title: "有田焼 湯呑み",
    sku: "KZ-CER-001",
    vendor: "有田窯",
    priceYen: 3850,
    popularity: 5,
  },
  {
    title: "美濃焼 急須",
    sku: "KZ-CER-002",
    vendor: "美濃窯",
    priceYen: 6600,
    popularity: 4,
  },
  {
    title: "Handmade Matcha Bowl",
    sku: "KZ-CER-003",
    vendor: "Kizuna Studio",
    priceYen: 8800,
    popularity: 2,
  },
  {
    title: "竹製 茶筅",
    sku: "KZ-TOOL-001",
    vendor: "奈良茶筌",
    priceYen: 2970,
    popularity: 6,
  },
  {
    title: "茶杓 と 茶漉しセット",
    sku: "KZ-TOOL-002",
    vendor: "絆茶房",
    priceYen: 1980,
    popularity: 4,
  },
  {
    title: "Cold Brew Bottle",
    sku: "KZ-TOOL-003",
    vendor: "Kizuna Studio",
    priceYen: 2750,
    popularity: 5,
  },
  {
    title: "和菓子 詰め合わせ",
    sku: "KZ-SWT-001",
    vendor: "京菓子 絆",
    priceYen: 2484,
    popularity: 6,
  },
  {
    title: "Yuzu Honey Jar",
    sku: "KZ-SWT-002",
    vendor: "Kizuna Pantry",
    priceYen: 1458,
    popularity: 4,
  },
  {
    title: "季節の茶葉 定期便ボックス",
    sku: "KZ-BOX-001",
    vendor: "絆茶房",
    priceYen: 5400,
    popularity: 3,
  },
  {
    title: "Gift Box: Tea Ceremony Set",
    sku: "KZ-BOX-002",
    vendor: "Kizuna Studio",
    priceYen: 12800,
    popularity: 1,
  },
];

/** Relative popularity of each catalogue product, index-aligned with `state.products`. */
export const PRODUCT_POPULARITY: readonly number[] = CATALOGUE.map(
  (entry) => entry.popularity,
);

/** The catalogue price in the shop currency: yen as is; dollars rounded to a .99 price point. */
function shopPriceMinor(state: ShopState, priceYen: number): number {
  if (state.shop.currencyCode === "JPY") return priceYen;
  return Math.max(1, Math.round(priceYen / 150)) * 100 - 1;
}

/** Adds the catalogue's products to the shop (GIDs allocated in catalogue order) and returns them. */
export function addCatalogue(state: ShopState): SimProduct[] {
  for (const entry of CATALOGUE) {
    state.products.push({
      id: allocateGid(state, "Product"),
      variantId: allocateGid(state, "ProductVariant"),
      title: entry.title,
      sku: entry.sku,
      vendor: entry.vendor,
      priceMinor: shopPriceMinor(state, entry.priceYen),
    });
  }
  return state.products;
}
