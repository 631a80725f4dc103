// The simulated shop's state: the records the simulator's Admin API reads and its commands write.
// Shapes follow Shopify's Admin resources (shopify-platform.md §7, §9); money is integer minor units,
// instants are UTC ISO strings, and every record is keyed by its GID with a numeric part below 2^53.
// Records are plain mutable objects: commands update them in place and return the same state (see commands.ts).

/** ISO 4217 codes the simulator supports; the exponent table below must list each one. */
export type CurrencyCode = "JPY" | "USD";

/** Decimal places per currency: JPY has none, USD two (ISO 4217). */
export const CURRENCY_EXPONENTS: Readonly<Record<CurrencyCode, number>> = {
  JPY: 0,
  USD: 2,
};

/** One amount in the shop's currency and in the buyer's (presentment) currency, both in minor units. */
export interface MoneyPair {
  shopMinor: number;
  presentmentMinor: number;
}

/** A UTC instant as Shopify's GraphQL DateTime prints it: `2025-06-01T09:30:00Z`. Compares as a string. */
export type IsoInstant = string;

/** Resource kinds that get GIDs; `nextId` holds one counter per kind. */
export type SimResourceKind =
  | "Shop"
  | "Customer"
  | "MailingAddress"
  | "Order"
  | "LineItem"
  | "Refund"
  | "RefundLineItem"
  | "OrderTransaction"
  | "Product"
  | "ProductVariant"
  | "Metafield"
  | "DiscountCodeNode"
  | "BulkOperation"
  | "AppInstallation"
  /** Not a GID in Shopify: the numeric `data_request.id` of customers/data_request. */
  | "DataRequest";

/** First numeric id per kind: 10-digit like production ids, far below 2^53, and never shared between kinds. */
export const FIRST_ID_BY_KIND: Readonly<Record<SimResourceKind, number>> = {
  Shop: 60000000001,
  Customer: 7000000001,
  MailingAddress: 8000000001,
  Order: 5000000001,
  LineItem: 13000000001,
  Refund: 900000001,
  RefundLineItem: 400000001,
  OrderTransaction: 6000000001,
  Product: 9000000001,
  ProductVariant: 45000000001,
  Metafield: 27000000001,
  DiscountCodeNode: 1400000001,
  BulkOperation: 3000000001,
  AppInstallation: 500000001,
  DataRequest: 9000001,
};

export interface SimShop {
  /** gid://shopify/Shop/<n> */
  id: string;
  /** The myshopify domain, e.g. `kizuna-demo.myshopify.com`; it is also the shop's key in the app. */
  domain: string;
  name: string;
  email: string;
  currencyCode: CurrencyCode;
  /** The shop currency first, then the other currencies buyers may pay in. */
  presentmentCurrencyCodes: CurrencyCode[];
  /** Buyer-currency minor units per shop-currency minor unit, per presentment currency (1 for the shop's own). */
  presentmentRates: Partial<Record<CurrencyCode, number>>;
  ianaTimezone: string;
  primaryLocale: "ja" | "en";
  countryCode: "JP" | "US";
  /** Shopify's `plan_name` (e.g. "basic", "shopify_plus") and `plan_display_name`. */
  planName: string;
  planDisplayName: string;
  /** Japan shows prices tax-inclusive; the US adds tax on top. */
  taxesIncluded: boolean;
  /** Tax rate in basis points (1000 = 10 %). */
  taxRateBasisPoints: number;
  createdAt: IsoInstant;
  /** gid://shopify/AppInstallation/<n>: owner of app-data metafields (`currentAppInstallation`). */
  appInstallationId: string;
  /** False after `uninstallApp`; the Admin API then answers 401. */
  appInstalled: boolean;
  appUninstalledAt: IsoInstant | null;
}

export interface SimAddress {
  /** gid://shopify/MailingAddress/<n> */
  id: string;
  firstName: string;
  lastName: string;
  address1: string;
  address2: string | null;
  city: string;
  province: string;
  provinceCode: string;
  zip: string;
  countryCode: "JP" | "US";
  country: string;
  phone: string | null;
  company: string | null;
}

/** GraphQL `CustomerEmailMarketingState` (webhooks print it lower-case). */
export type EmailMarketingState =
  "SUBSCRIBED" | "NOT_SUBSCRIBED" | "UNSUBSCRIBED" | "PENDING";

/** GraphQL `CustomerMarketingOptInLevel`. */
export type MarketingOptInLevel =
  "SINGLE_OPT_IN" | "CONFIRMED_OPT_IN" | "UNKNOWN";

export interface EmailMarketingConsent {
  state: EmailMarketingState;
  optInLevel: MarketingOptInLevel;
  consentUpdatedAt: IsoInstant | null;
}

/** GraphQL `CustomerState`; REST prints it lower-case. */
export type CustomerAccountState =
  "ENABLED" | "DISABLED" | "INVITED" | "DECLINED";

export interface SimCustomer {
  /** gid://shopify/Customer/<n> */
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  locale: "ja" | "en";
  /** Unique, in the order they were added. */
  tags: string[];
  note: string | null;
  state: CustomerAccountState;
  verifiedEmail: boolean;
  taxExempt: boolean;
  emailMarketingConsent: EmailMarketingConsent;
  defaultAddress: SimAddress | null;
  createdAt: IsoInstant;
  updatedAt: IsoInstant;
  /** This customer's orders, oldest first: an index kept by the generator and the commands. */
  orderIds: string[];
}

export interface SimLineItem {
  /** gid://shopify/LineItem/<n> */
  id: string;
  /** null for a custom item (no catalogue product). */
  productId: string | null;
  variantId: string | null;
  title: string;
  variantTitle: string | null;
  sku: string;
  vendor: string;
  quantity: number;
  /** Price of one unit before discounts. */
  unitPrice: MoneyPair;
  /** Discount allocated to the whole line (all units). */
  discount: MoneyPair;
}

export interface SimRefundLineItem {
  /** gid://shopify/RefundLineItem/<n> */
  id: string;
  lineItemId: string;
  quantity: number;
  /** Refunded amount for these units after their share of discounts, tax-inclusive when the shop is. */
  subtotal: MoneyPair;
  totalTax: MoneyPair;
}

export interface SimRefund {
  /** gid://shopify/Refund/<n> */
  id: string;
  createdAt: IsoInstant;
  note: string | null;
  restock: boolean;
  lineItems: SimRefundLineItem[];
  /** Shipping given back with this refund. */
  shipping: MoneyPair;
  /** What the refund transaction paid back: the line subtotals (+ tax when not included) + shipping. */
  amount: MoneyPair;
  /** gid://shopify/OrderTransaction/<n> of the refund transaction. */
  transactionId: string;
}

export type FinancialStatus =
  "pending" | "paid" | "partially_refunded" | "refunded" | "voided";

/** Shopify's `cancel_reason` values. */
export type CancelReason =
  "customer" | "fraud" | "inventory" | "declined" | "other";

export interface SimDiscountApplication {
  code: string;
  /** Shopify's `discount_codes[].type`. */
  type: "percentage" | "fixed_amount";
  /** For percentage: percent (e.g. 10); for fixed_amount: the shop-currency minor units off. */
  value: number;
  amount: MoneyPair;
}

export interface SimOrder {
  /** gid://shopify/Order/<n> */
  id: string;
  /** "#1001" and up; `orderNumber` is the same number. */
  name: string;
  orderNumber: number;
  createdAt: IsoInstant;
  updatedAt: IsoInstant;
  /** The purchase date (imported orders may have one older than createdAt). */
  processedAt: IsoInstant;
  cancelledAt: IsoInstant | null;
  cancelReason: CancelReason | null;
  closedAt: IsoInstant | null;
  test: boolean;
  /** null for a guest checkout. */
  customerId: string | null;
  email: string | null;
  phone: string | null;
  customerLocale: "ja" | "en";
  currencyCode: CurrencyCode;
  presentmentCurrencyCode: CurrencyCode;
  lineItems: SimLineItem[];
  discountCodes: SimDiscountApplication[];
  /** Sum of unit price × quantity over lines, before discounts. */
  lineItemsTotal: MoneyPair;
  totalDiscounts: MoneyPair;
  /** lineItemsTotal − totalDiscounts. */
  subtotal: MoneyPair;
  shipping: MoneyPair;
  totalTax: MoneyPair;
  /** subtotal + shipping (+ tax when the shop's prices exclude it). */
  total: MoneyPair;
  financialStatus: FinancialStatus;
  fulfillmentStatus: "fulfilled" | null;
  refunds: SimRefund[];
  buyerAcceptsMarketing: boolean;
  /** "web", "pos", "shopify_draft_order"… */
  sourceName: string;
  tags: string[];
  note: string | null;
  shippingAddress: SimAddress | null;
}

export interface SimMetafield {
  /** gid://shopify/Metafield/<n> */
  id: string;
  ownerId: string;
  namespace: string;
  key: string;
  /** Shopify metafield type, e.g. "single_line_text_field", "number_integer", "json". */
  type: string;
  value: string;
  /** Changes whenever value changes; `metafieldsSet` compares it for compare-and-set. */
  compareDigest: string;
  createdAt: IsoInstant;
  updatedAt: IsoInstant;
}

/** What a basic code discount takes off. */
export type SimDiscountValue =
  | { kind: "percentage"; percentage: number }
  | { kind: "fixedAmount"; amountMinor: number };

export interface SimDiscountCode {
  /** gid://shopify/DiscountCodeNode/<n> */
  id: string;
  title: string;
  code: string;
  value: SimDiscountValue;
  startsAt: IsoInstant;
  endsAt: IsoInstant | null;
  usageLimit: number | null;
  appliesOncePerCustomer: boolean;
  /** Customer GIDs allowed to use it, or "ALL". */
  eligibleCustomerIds: string[] | "ALL";
  usageCount: number;
  createdAt: IsoInstant;
}

export type BulkOperationStatus =
  | "CREATED"
  | "RUNNING"
  | "COMPLETED"
  | "CANCELING"
  | "CANCELED"
  | "FAILED"
  | "EXPIRED";

export interface SimBulkOperation {
  /** gid://shopify/BulkOperation/<n> */
  id: string;
  type: "QUERY" | "MUTATION";
  status: BulkOperationStatus;
  query: string;
  groupObjects: boolean;
  errorCode: "ACCESS_DENIED" | "INTERNAL_SERVER_ERROR" | "TIMEOUT" | null;
  createdAt: IsoInstant;
  completedAt: IsoInstant | null;
  objectCount: number;
  rootObjectCount: number;
  fileSize: number | null;
  /** Set by the shell when it has written the JSONL file. */
  url: string | null;
  partialDataUrl: string | null;
}

/** A product of the generator's catalogue; orders copy title, sku and price into their lines. */
export interface SimProduct {
  /** gid://shopify/Product/<n> */
  id: string;
  variantId: string;
  title: string;
  sku: string;
  vendor: string;
  priceMinor: number;
}

export interface ShopState {
  shop: SimShop;
  /** Insertion order = creation order. */
  customers: Map<string, SimCustomer>;
  /** Insertion order = creation order. */
  orders: Map<string, SimOrder>;
  products: SimProduct[];
  /** Per owner GID, per `${namespace}.${key}`. */
  metafields: Map<string, Map<string, SimMetafield>>;
  /** Per DiscountCodeNode GID. */
  discountCodes: Map<string, SimDiscountCode>;
  /** Per BulkOperation GID, insertion order = creation order. */
  bulkOperations: Map<string, SimBulkOperation>;
  /** Next numeric id per kind; use `allocateGid`. */
  nextId: Record<SimResourceKind, number>;
  /** The number of the next order name ("#1001" first). */
  nextOrderNumber: number;
}

export interface ShopSettings {
  domain: string;
  name: string;
  currencyCode: CurrencyCode;
  ianaTimezone: string;
}

const SECOND_CURRENCY: Readonly<Record<CurrencyCode, CurrencyCode>> = {
  JPY: "USD",
  USD: "JPY",
};

/** Minor-unit rates (1 JPY = 0.0067 USD → 0.67 US cents per yen; 1 USD = 150 JPY → 1.5 yen per cent). */
const MINOR_RATES: Readonly<
  Record<CurrencyCode, Readonly<Record<CurrencyCode, number>>>
> = {
  JPY: { JPY: 1, USD: 0.67 },
  USD: { USD: 1, JPY: 1.5 },
};

/** Builds the GID of a resource. */
export function gidOf(kind: SimResourceKind, numericId: number): string {
  return `gid://shopify/${kind}/${numericId}`;
}

/** The numeric part of a GID as a number (safe: simulator ids are below 2^53). */
export function numericIdOf(gid: string): number {
  const numeric = Number(gid.slice(gid.lastIndexOf("/") + 1));
  if (!Number.isSafeInteger(numeric))
    throw new Error(`not a simulator GID: ${gid}`);
  return numeric;
}

/** Takes the next GID of a kind and advances its counter. */
export function allocateGid(state: ShopState, kind: SimResourceKind): string {
  const numeric = state.nextId[kind];
  state.nextId[kind] = numeric + 1;
  return gidOf(kind, numeric);
}

/** Formats a UTC instant the way Shopify's GraphQL API does (whole seconds, `Z`). */
export function toIsoInstant(at: Date | number): IsoInstant {
  const iso = new Date(at).toISOString();
  return `${iso.slice(0, 19)}Z`;
}

/** The state of a fresh shop with no customers, orders or catalogue. */
export function createShopState(settings: ShopSettings, now: Date): ShopState {
  const nextId = { ...FIRST_ID_BY_KIND };
  const secondCurrency = SECOND_CURRENCY[settings.currencyCode];
  const isJapanese = settings.currencyCode === "JPY";
  const shopNumeric = nextId.Shop++;
  const installationNumeric = nextId.AppInstallation++;
  return {
    shop: {
      id: gidOf("Shop", shopNumeric),
      domain: settings.domain,
      name: settings.name,
      email: `owner@${settings.domain}`,
      currencyCode: settings.currencyCode,
      presentmentCurrencyCodes: [settings.currencyCode, secondCurrency],
      presentmentRates: MINOR_RATES[settings.currencyCode],
      ianaTimezone: settings.ianaTimezone,
      primaryLocale: isJapanese ? "ja" : "en",
      countryCode: isJapanese ? "JP" : "US",
      planName: "basic",
      planDisplayName: "Basic",
      taxesIncluded: isJapanese,
      taxRateBasisPoints: isJapanese ? 1000 : 800,
      createdAt: toIsoInstant(now),
      appInstallationId: gidOf("AppInstallation", installationNumeric),
      appInstalled: true,
      appUninstalledAt: null,
    },
    customers: new Map(),
    orders: new Map(),
    products: [],
    metafields: new Map(),
    discountCodes: new Map(),
    bulkOperations: new Map(),
    nextId,
    nextOrderNumber: 1001,
  };
}

/** Converts shop-currency minor units into a presentment currency at the shop's rate. */
export function toPresentmentMinor(
  shop: SimShop,
  shopMinor: number,
  presentmentCurrencyCode: CurrencyCode,
): number {
  const rate = shop.presentmentRates[presentmentCurrencyCode];
  if (rate === undefined)
    throw new Error(
      `${presentmentCurrencyCode} is not a presentment currency of ${shop.domain}`,
    );
  return Math.round(shopMinor * rate);
}

/** Shopify's decimal string for a minor amount, with the currency's decimals: USD 120000 → "1200.00", JPY 1200 → "1200". */
export function formatMinorAsDecimal(
  minor: number,
  currencyCode: CurrencyCode,
): string {
  const exponent = CURRENCY_EXPONENTS[currencyCode];
  if (exponent === 0) return String(minor);
  const sign = minor < 0 ? "-" : "";
  const digits = String(Math.abs(minor)).padStart(exponent + 1, "0");
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** Adds money pairs component by component. */
export function sumMoney(pairs: readonly MoneyPair[]): MoneyPair {
  let shopMinor = 0;
  let presentmentMinor = 0;
  for (const pair of pairs) {
    shopMinor += pair.shopMinor;
    presentmentMinor += pair.presentmentMinor;
  }
  return { shopMinor, presentmentMinor };
}

/** Everything refunded on an order so far. */
export function refundedTotalOf(order: SimOrder): MoneyPair {
  return sumMoney(order.refunds.map((refund) => refund.amount));
}

/** Shopify's `current_total_price`: the total less refunds. */
export function currentTotalOf(order: SimOrder): MoneyPair {
  const refunded = refundedTotalOf(order);
  return {
    shopMinor: order.total.shopMinor - refunded.shopMinor,
    presentmentMinor: order.total.presentmentMinor - refunded.presentmentMinor,
  };
}

/** Units of a line already refunded across all refunds. */
export function refundedQuantityOf(
  order: SimOrder,
  lineItemId: string,
): number {
  let quantity = 0;
  for (const refund of order.refunds) {
    for (const line of refund.lineItems)
      if (line.lineItemId === lineItemId) quantity += line.quantity;
  }
  return quantity;
}

/** What GraphQL's `numberOfOrders`, `amountSpent` and `lastOrder` show for a customer (test and cancelled orders excluded). */
export interface CustomerPurchaseSummary {
  numberOfOrders: number;
  amountSpentMinor: number;
  lastOrderId: string | null;
}

export function summarizeCustomerPurchases(
  state: ShopState,
  customer: SimCustomer,
): CustomerPurchaseSummary {
  let numberOfOrders = 0;
  let amountSpentMinor = 0;
  let lastOrderId: string | null = null;
  for (const orderId of customer.orderIds) {
    const order = state.orders.get(orderId);
    if (order === undefined || order.test || order.cancelledAt !== null)
      continue;
    numberOfOrders += 1;
    amountSpentMinor += currentTotalOf(order).shopMinor;
    lastOrderId = order.id;
  }
  return { numberOfOrders, amountSpentMinor, lastOrderId };
}

/** The metafield of an owner, if set. */
export function metafieldOf(
  state: ShopState,
  ownerId: string,
  namespace: string,
  key: string,
): SimMetafield | undefined {
  return state.metafields.get(ownerId)?.get(`${namespace}.${key}`);
}
