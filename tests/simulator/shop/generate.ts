// The seeded store generator: two years of retail history for a shop of 100 to 200,000 customers.
// Repeat buying follows the buy-till-you-die process BG/NBD assumes (Fader, Hardie & Lee 2005): each
// customer buys at a Poisson rate drawn from a gamma distribution and may drop out after each purchase
// with a probability drawn from a beta distribution. Same settings and seed → identical state.

import { addCatalogue, PRODUCT_POPULARITY } from "./catalogue.ts";
import {
  ENGLISH_FIRST_NAMES,
  ENGLISH_LAST_NAMES,
  JAPANESE_FAMILY_NAMES,
  JAPANESE_GIVEN_NAMES,
  JAPANESE_PLACES,
  US_PLACES,
} from "./names.ts";
import type { OrderLineSpec } from "./orders.ts";
import { applyCancel, applyRefund, buildOrder } from "./orders.ts";
import type { DiscountRule } from "./pricing.ts";
import type { Random } from "./random.ts";
import { createRandom } from "./random.ts";
import type {
  CancelReason,
  CurrencyCode,
  CustomerAccountState,
  EmailMarketingConsent,
  EmailMarketingState,
  ShopState,
  SimAddress,
  SimCustomer,
  SimProduct,
} from "./state.ts";
import { allocateGid, createShopState, toIsoInstant } from "./state.ts";

export interface GenerateShopSettings {
  domain: string;
  name: string;
  /** 100 … 200,000. */
  customers: number;
  seed: number;
  /** The end of the history; nothing happens after it. */
  now: Date;
  years?: number;
  currencyCode?: CurrencyCode;
  ianaTimezone?: string;
}

const DAY_MS = 86_400_000;
const YEAR_MS = 365.25 * DAY_MS;

/** BG/NBD parameters, tuned so ~60 % of buyers buy once and a loyal tail buys monthly. */
const PURCHASE_RATE_SHAPE = 0.75;
const PURCHASE_RATE_SCALE_PER_YEAR = 4.5;
const DROPOUT_BETA_A = 1.1;
const DROPOUT_BETA_B = 2.2;
/** Customers who signed up (newsletter, account) but never bought. */
const NEVER_BOUGHT_SHARE = 0.08;
const GUEST_ORDER_SHARE = 0.05;
const TEST_ORDER_SHARE = 0.005;
const CANCEL_SHARE = 0.015;
const REFUND_SHARE = 0.03;
/** December peaks 12 % above the mean, June dips as far below it. */
const SEASONALITY_AMPLITUDE = 0.12;

const DISCOUNTS: readonly {
  code: string;
  rule: DiscountRule;
  firstOrderOnly: boolean;
}[] = [
  {
    code: "WELCOME10",
    rule: { type: "percentage", percentage: 10 },
    firstOrderOnly: true,
  },
  {
    code: "KIZUNA15",
    rule: { type: "percentage", percentage: 15 },
    firstOrderOnly: false,
  },
  {
    code: "THANKYOU500",
    rule: { type: "fixed_amount", amountMinor: 500 },
    firstOrderOnly: false,
  },
];

const REFUND_NOTES = {
  ja: "配送中の破損のため返金",
  en: "Damaged in transit",
} as const;

const CANCEL_REASONS: readonly CancelReason[] = [
  "customer",
  "inventory",
  "fraud",
  "declined",
  "other",
];
const CANCEL_REASON_WEIGHTS: readonly number[] = [60, 15, 10, 10, 5];

interface CustomerProfile {
  japaneseName: boolean;
  secondCurrency: boolean;
  createdAtMs: number;
  purchaseTimesMs: number[];
}

function seasonalIntensity(atMs: number): number {
  const yearPhase = ((atMs / YEAR_MS) % 1) * 2 * Math.PI;
  // Epoch-year phase 0 is 1 January; shift the peak to mid-December.
  return (
    1 +
    SEASONALITY_AMPLITUDE * Math.cos(yearPhase + (17 / 365.25) * 2 * Math.PI)
  );
}

/** Purchase instants of one buyer from `firstMs` until dropout or `endMs` (Poisson process thinned by season). */
function drawPurchaseTimes(
  random: Random,
  firstMs: number,
  endMs: number,
): number[] {
  const ratePerMs =
    random.gamma(PURCHASE_RATE_SHAPE, PURCHASE_RATE_SCALE_PER_YEAR) / YEAR_MS;
  const dropout = random.beta(DROPOUT_BETA_A, DROPOUT_BETA_B);
  const peak = 1 + SEASONALITY_AMPLITUDE;
  const times = [firstMs];
  let atMs = firstMs;
  while (!random.chance(dropout)) {
    do atMs += random.exponential(ratePerMs * peak);
    while (atMs < endMs && !random.chance(seasonalIntensity(atMs) / peak));
    if (atMs >= endMs) break;
    times.push(atMs);
  }
  return times;
}

function drawProfile(
  random: Random,
  startMs: number,
  endMs: number,
  japaneseShare: number,
): CustomerProfile {
  const japaneseName = random.chance(japaneseShare);
  const secondCurrency = random.chance(
    japaneseName === japaneseShare >= 0.5 ? 0.06 : 0.45,
  );
  // A slowly growing shop: later sign-ups are a little likelier than early ones.
  const joinedMs = startMs + (endMs - startMs) * Math.pow(random.next(), 0.85);
  if (random.chance(NEVER_BOUGHT_SHARE))
    return {
      japaneseName,
      secondCurrency,
      createdAtMs: joinedMs,
      purchaseTimesMs: [],
    };
  const purchaseTimesMs = drawPurchaseTimes(random, joinedMs, endMs);
  // Accounts are created at checkout, a few minutes before the order.
  return {
    japaneseName,
    secondCurrency,
    createdAtMs: joinedMs - random.integer(60_000, 900_000),
    purchaseTimesMs,
  };
}

function drawConsent(
  random: Random,
  createdAtMs: number,
  endMs: number,
): EmailMarketingConsent {
  const state = random.pickWeighted<EmailMarketingState>(
    ["SUBSCRIBED", "NOT_SUBSCRIBED", "UNSUBSCRIBED", "PENDING"],
    [45, 38, 14, 3],
  );
  if (state === "NOT_SUBSCRIBED")
    return { state, optInLevel: "SINGLE_OPT_IN", consentUpdatedAt: null };
  const changedMs =
    state === "UNSUBSCRIBED"
      ? createdAtMs + random.next() * (endMs - createdAtMs)
      : createdAtMs;
  return {
    state,
    optInLevel:
      state === "PENDING" || random.chance(0.3)
        ? "CONFIRMED_OPT_IN"
        : "SINGLE_OPT_IN",
    consentUpdatedAt: toIsoInstant(changedMs),
  };
}

function drawAddress(
  state: ShopState,
  random: Random,
  firstName: string,
  lastName: string,
  inJapan: boolean,
): SimAddress {
  const place = random.pick(inJapan ? JAPANESE_PLACES : US_PLACES);
  const house = inJapan
    ? `${random.integer(1, 5)}-${random.integer(1, 20)}-${random.integer(1, 30)}`
    : `${random.integer(10, 4999)}`;
  return {
    id: allocateGid(state, "MailingAddress"),
    firstName,
    lastName,
    address1: inJapan ? `${place.street}${house}` : `${house} ${place.street}`,
    address2: null,
    city: place.city,
    province: place.province,
    provinceCode: place.provinceCode,
    zip: `${place.zipPrefix}${String(random.integer(0, inJapan ? 9999 : 99)).padStart(inJapan ? 4 : 2, "0")}`,
    countryCode: inJapan ? "JP" : "US",
    country: inJapan ? "Japan" : "United States",
    phone: null,
    company: null,
  };
}

function createCustomer(
  state: ShopState,
  random: Random,
  profile: CustomerProfile,
  sequence: number,
  endMs: number,
): SimCustomer {
  const inJapan = !profile.secondCurrency === (state.shop.countryCode === "JP");
  let firstName: string;
  let lastName: string;
  let email: string;
  if (profile.japaneseName) {
    const [family, familyRomaji] = random.pick(JAPANESE_FAMILY_NAMES);
    const [given, givenRomaji] = random.pick(JAPANESE_GIVEN_NAMES);
    firstName = given;
    lastName = family;
    email = `${givenRomaji}.${familyRomaji}${sequence}@example.jp`;
  } else {
    firstName = random.pick(ENGLISH_FIRST_NAMES);
    lastName = random.pick(ENGLISH_LAST_NAMES);
    email = `${firstName.toLowerCase()}.${lastName.toLowerCase()}${sequence}@example.com`;
  }
  const createdAt = toIsoInstant(profile.createdAtMs);
  const phone = random.chance(0.35)
    ? inJapan
      ? `+8190${String(random.integer(0, 99_999_999)).padStart(8, "0")}`
      : `+1206555${String(random.integer(0, 9999)).padStart(4, "0")}`
    : null;
  const hasAddress = profile.purchaseTimesMs.length > 0;
  return {
    id: allocateGid(state, "Customer"),
    firstName,
    lastName,
    email,
    phone,
    locale: profile.japaneseName ? "ja" : "en",
    tags: [],
    note: null,
    state: random.pickWeighted<CustomerAccountState>(
      ["ENABLED", "DISABLED", "INVITED"],
      [30, 68, 2],
    ),
    verifiedEmail: true,
    taxExempt: false,
    emailMarketingConsent: drawConsent(random, profile.createdAtMs, endMs),
    defaultAddress: hasAddress
      ? drawAddress(state, random, firstName, lastName, inJapan)
      : null,
    createdAt,
    updatedAt: createdAt,
    orderIds: [],
  };
}

function drawLines(
  random: Random,
  products: readonly SimProduct[],
): OrderLineSpec[] {
  const count = random.pickWeighted([1, 2, 3, 4], [52, 30, 13, 5]);
  const lines: OrderLineSpec[] = [];
  const chosen = new Set<SimProduct>();
  while (lines.length < count) {
    const product = random.pickWeighted(products, PRODUCT_POPULARITY);
    if (chosen.has(product)) continue;
    chosen.add(product);
    lines.push({
      productId: product.id,
      variantId: product.variantId,
      title: product.title,
      sku: product.sku,
      vendor: product.vendor,
      unitPriceMinor: product.priceMinor,
      quantity: random.pickWeighted([1, 2, 3], [84, 13, 3]),
    });
  }
  return lines;
}

function drawDiscount(
  random: Random,
  state: ShopState,
  firstOrder: boolean,
): { code: string; rule: DiscountRule } | null {
  if (!random.chance(firstOrder ? 0.18 : 0.08)) return null;
  const choice = random.pick(
    DISCOUNTS.filter(
      (discount) =>
        discount.firstOrderOnly === firstOrder || !discount.firstOrderOnly,
    ),
  );
  // Fixed amounts are set in yen; a USD shop gets the same code as $5.00 off.
  const rule: DiscountRule =
    choice.rule.type === "fixed_amount" && state.shop.currencyCode === "USD"
      ? { type: "fixed_amount", amountMinor: 500 }
      : choice.rule;
  return { code: choice.code, rule };
}

/** Buyer codes in the order plan besides profile indexes. */
const GUEST_BUYER = -1;
const STAFF_TEST_BUYER = -2;

/** Generates a shop with `customers` customers and their two-year order history. */
export function generateShop(settings: GenerateShopSettings): ShopState {
  const currencyCode = settings.currencyCode ?? "JPY";
  const endMs = settings.now.getTime();
  const startMs = endMs - (settings.years ?? 2) * YEAR_MS;
  const state = createShopState(
    {
      domain: settings.domain,
      name: settings.name,
      currencyCode,
      ianaTimezone: settings.ianaTimezone ?? "Asia/Tokyo",
    },
    new Date(startMs - 30 * DAY_MS),
  );
  const products = addCatalogue(state);
  const random = createRandom(settings.seed);
  const japaneseShare = currencyCode === "JPY" ? 0.85 : 0.1;
  const secondCurrencyCode =
    state.shop.presentmentCurrencyCodes[1] ?? currencyCode;

  // The order plan lives in parallel number arrays: at 500k orders, one object per plan entry costs seconds of GC.
  const profiles: CustomerProfile[] = [];
  const plannedAtMs: number[] = [];
  const plannedBuyer: number[] = [];
  for (let index = 0; index < settings.customers; index++) {
    const profile = drawProfile(random, startMs, endMs, japaneseShare);
    profiles.push(profile);
    for (const atMs of profile.purchaseTimesMs) {
      plannedAtMs.push(atMs);
      plannedBuyer.push(index);
    }
  }
  const customerOrderCount = plannedAtMs.length;
  const guestCount = Math.round(
    (customerOrderCount * GUEST_ORDER_SHARE) / (1 - GUEST_ORDER_SHARE),
  );
  const testCount = Math.round(
    (customerOrderCount + guestCount) * TEST_ORDER_SHARE,
  );
  for (let index = 0; index < guestCount + testCount; index++) {
    plannedAtMs.push(startMs + random.next() * (endMs - startMs));
    plannedBuyer.push(index < guestCount ? GUEST_BUYER : STAFF_TEST_BUYER);
  }
  const chronological = Uint32Array.from(plannedAtMs.keys()).sort(
    (a, b) =>
      plannedAtMs[a]! - plannedAtMs[b]! || plannedBuyer[a]! - plannedBuyer[b]!,
  );

  // Customers enter the state in sign-up order, so GIDs rise with createdAt as in a real shop.
  const signUpOrder = profiles
    .map((_, index) => index)
    .sort(
      (a, b) => profiles[a]!.createdAtMs - profiles[b]!.createdAtMs || a - b,
    );
  const customers: SimCustomer[] = new Array(profiles.length);
  for (const [sequence, index] of signUpOrder.entries()) {
    const customer = createCustomer(
      state,
      random,
      profiles[index]!,
      sequence + 1,
      endMs,
    );
    customers[index] = customer;
    state.customers.set(customer.id, customer);
  }

  for (const planIndex of chronological) {
    const atMs = plannedAtMs[planIndex]!;
    const buyer = plannedBuyer[planIndex]!;
    const customer = buyer >= 0 ? customers[buyer]! : null;
    const profile = buyer >= 0 ? profiles[buyer]! : null;
    const test = buyer === STAFF_TEST_BUYER;
    const guestEmail = test
      ? `staff@${settings.domain}`
      : random.chance(0.9)
        ? `guest${state.nextOrderNumber}@example.com`
        : null;
    const secondCurrency = profile?.secondCurrency ?? random.chance(0.1);
    const createdAt = toIsoInstant(atMs);
    const ageMs = endMs - atMs;
    const order = buildOrder(state, {
      customer,
      email: customer?.email ?? guestEmail,
      phone: customer?.phone ?? null,
      customerLocale:
        customer?.locale ?? (currencyCode === "JPY" ? "ja" : "en"),
      presentmentCurrencyCode: secondCurrency
        ? secondCurrencyCode
        : currencyCode,
      lines: drawLines(random, products),
      discount: drawDiscount(
        random,
        state,
        customer !== null && customer.orderIds.length === 0,
      ),
      createdAt,
      financialStatus:
        ageMs < 5 * DAY_MS && random.chance(0.15) ? "pending" : "paid",
      test,
      sourceName: random.pickWeighted(
        ["web", "pos", "shopify_draft_order"],
        [90, 8, 2],
      ),
      tags: random.chance(0.03) ? ["gift"] : [],
      note: null,
      buyerAcceptsMarketing:
        customer?.emailMarketingConsent.state === "SUBSCRIBED",
      shippingAddress: customer?.defaultAddress ?? null,
      fulfilled: ageMs > 2 * DAY_MS,
    });
    if (test) continue;
    const roll = random.next();
    if (roll < CANCEL_SHARE) {
      const cancelMs = Math.min(
        atMs + random.integer(1, 72) * 3_600_000,
        endMs,
      );
      order.fulfillmentStatus = null;
      applyCancel(
        state,
        order,
        random.pickWeighted(CANCEL_REASONS, CANCEL_REASON_WEIGHTS),
        random.chance(0.5),
        toIsoInstant(cancelMs),
      );
    } else if (
      roll < CANCEL_SHARE + REFUND_SHARE &&
      order.financialStatus === "paid"
    ) {
      const refundMs = atMs + random.integer(3, 30) * DAY_MS;
      if (refundMs >= endMs) continue;
      const firstLine = order.lineItems[0]!;
      const scope = random.chance(0.4)
        ? { kind: "all" as const }
        : {
            kind: "lines" as const,
            lines: [{ lineItemId: firstLine.id, quantity: 1 }],
            shipping: false,
          };
      applyRefund(
        state,
        order,
        scope,
        random.chance(0.5) ? REFUND_NOTES[state.shop.primaryLocale] : null,
        toIsoInstant(refundMs),
      );
    }
  }

  for (const customer of customers)
    if (customer.orderIds.length >= 6) customer.tags.push("VIP");
  return state;
}
