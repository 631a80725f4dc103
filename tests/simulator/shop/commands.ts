// The simulated shop's writes: each command is (state, input, now) → { state, events, result }, the one
// path by which control requests and Admin mutations change the shop, so webhooks always follow writes.
// Commands mutate `state` in place and return it (copying 500k orders per write would be too slow);
// events carry deep copies, so later writes never change a payload already queued for delivery.

import type { ShopEvent } from "./events.ts";
import type { OrderLineSpec, RefundScope } from "./orders.ts";
import { applyCancel, applyRefund, buildOrder } from "./orders.ts";
import type { DiscountRule } from "./pricing.ts";
import type {
  BulkOperationStatus,
  CancelReason,
  CurrencyCode,
  EmailMarketingState,
  IsoInstant,
  MarketingOptInLevel,
  ShopState,
  SimAddress,
  SimBulkOperation,
  SimCustomer,
  SimDiscountCode,
  SimDiscountValue,
  SimMetafield,
  SimOrder,
  SimRefund,
} from "./state.ts";
import { allocateGid, toIsoInstant } from "./state.ts";

export interface CommandResult<T> {
  state: ShopState;
  events: ShopEvent[];
  result: T;
}

/** A rejected command; `code` follows Shopify's userErrors codes where one exists. */
export class ShopCommandError extends Error {
  readonly code: string;
  readonly field: string[];
  constructor(code: string, message: string, field: string[] = []) {
    super(message);
    this.name = "ShopCommandError";
    this.code = code;
    this.field = field;
  }
}

function snapshot<T>(record: T): T {
  return structuredClone(record);
}

/** `now` as an instant strictly after `previous`, so `updated_at` always advances even within one second. */
function advancedInstant(now: Date, previous: IsoInstant): IsoInstant {
  const at = toIsoInstant(now);
  return at > previous ? at : toIsoInstant(Date.parse(previous) + 1000);
}

function orderOf(state: ShopState, orderId: string): SimOrder {
  const order = state.orders.get(orderId);
  if (order === undefined)
    throw new ShopCommandError(
      "NOT_FOUND",
      `Order does not exist: ${orderId}`,
      ["id"],
    );
  return order;
}

function customerOf(state: ShopState, customerId: string): SimCustomer {
  const customer = state.customers.get(customerId);
  if (customer === undefined)
    throw new ShopCommandError(
      "NOT_FOUND",
      `Customer does not exist: ${customerId}`,
      ["id"],
    );
  return customer;
}

function requireUniqueEmail(
  state: ShopState,
  email: string | null,
  exceptId: string | null,
): void {
  if (email === null) return;
  const wanted = email.toLowerCase();
  for (const customer of state.customers.values()) {
    if (customer.id !== exceptId && customer.email?.toLowerCase() === wanted) {
      throw new ShopCommandError("TAKEN", "Email has already been taken", [
        "email",
      ]);
    }
  }
}

// ---- Orders ----------------------------------------------------------------------------------------

export type PlaceOrderLine =
  | { productId: string; quantity: number }
  | { title: string; sku: string; unitPriceMinor: number; quantity: number };

export interface PlaceOrderInput {
  /** null for a guest checkout. */
  customerId: string | null;
  /** Defaults to the customer's email; required for a guest to be reachable. */
  email?: string | null;
  lines: PlaceOrderLine[];
  /** A code from `state.discountCodes`. */
  discountCode?: string;
  presentmentCurrencyCode?: CurrencyCode;
  financialStatus?: "paid" | "pending";
  test?: boolean;
  sourceName?: string;
  tags?: string[];
  note?: string | null;
}

function toLineSpec(state: ShopState, line: PlaceOrderLine): OrderLineSpec {
  if (!Number.isInteger(line.quantity) || line.quantity < 1) {
    throw new ShopCommandError(
      "INVALID",
      "Quantity must be a positive integer",
      ["lines", "quantity"],
    );
  }
  if ("productId" in line) {
    const product = state.products.find(
      (candidate) => candidate.id === line.productId,
    );
    if (product === undefined)
      throw new ShopCommandError(
        "NOT_FOUND",
        `Product does not exist: ${line.productId}`,
        ["lines", "productId"],
      );
    const {
      id: productId,
      variantId,
      title,
      sku,
      vendor,
      priceMinor: unitPriceMinor,
    } = product;
    return {
      productId,
      variantId,
      title,
      sku,
      vendor,
      unitPriceMinor,
      quantity: line.quantity,
    };
  }
  if (!Number.isInteger(line.unitPriceMinor) || line.unitPriceMinor < 0) {
    throw new ShopCommandError(
      "INVALID",
      "Price must be a non-negative integer of minor units",
      ["lines", "unitPriceMinor"],
    );
  }
  return {
    productId: null,
    variantId: null,
    title: line.title,
    sku: line.sku,
    vendor: state.shop.name,
    unitPriceMinor: line.unitPriceMinor,
    quantity: line.quantity,
  };
}

function discountRuleOf(value: SimDiscountValue): DiscountRule {
  return value.kind === "percentage"
    ? { type: "percentage", percentage: value.percentage }
    : { type: "fixed_amount", amountMinor: value.amountMinor };
}

function redeemDiscount(
  state: ShopState,
  code: string,
  customer: SimCustomer | null,
  at: IsoInstant,
): SimDiscountCode {
  const wanted = code.toLowerCase();
  const discount = [...state.discountCodes.values()].find(
    (candidate) => candidate.code.toLowerCase() === wanted,
  );
  const usable =
    discount !== undefined &&
    discount.startsAt <= at &&
    (discount.endsAt === null || at < discount.endsAt) &&
    (discount.usageLimit === null ||
      discount.usageCount < discount.usageLimit) &&
    (discount.eligibleCustomerIds === "ALL" ||
      (customer !== null &&
        discount.eligibleCustomerIds.includes(customer.id))) &&
    !(
      discount.appliesOncePerCustomer &&
      customer !== null &&
      customerUsedCode(state, customer, discount.code)
    );
  if (!usable)
    throw new ShopCommandError(
      "INVALID",
      `Discount code isn't valid: ${code}`,
      ["discountCode"],
    );
  discount.usageCount += 1;
  return discount;
}

function customerUsedCode(
  state: ShopState,
  customer: SimCustomer,
  code: string,
): boolean {
  return customer.orderIds.some((orderId) =>
    state.orders
      .get(orderId)
      ?.discountCodes.some(
        (used) => used.code.toLowerCase() === code.toLowerCase(),
      ),
  );
}

/** Checkout: creates the order (orders/create, then orders/paid when paid) and touches the customer (customers/update). */
export function placeOrder(
  state: ShopState,
  input: PlaceOrderInput,
  now: Date,
): CommandResult<SimOrder> {
  if (input.lines.length === 0)
    throw new ShopCommandError("INVALID", "An order needs at least one line", [
      "lines",
    ]);
  const customer =
    input.customerId === null ? null : customerOf(state, input.customerId);
  const at = toIsoInstant(now);
  const lines = input.lines.map((line) => toLineSpec(state, line));
  const presentmentCurrencyCode =
    input.presentmentCurrencyCode ?? state.shop.currencyCode;
  if (!state.shop.presentmentCurrencyCodes.includes(presentmentCurrencyCode)) {
    throw new ShopCommandError(
      "INVALID",
      `${presentmentCurrencyCode} is not enabled`,
      ["presentmentCurrencyCode"],
    );
  }
  const discount =
    input.discountCode === undefined
      ? null
      : redeemDiscount(state, input.discountCode, customer, at);
  const customerUpdatedAt =
    customer === null ? null : advancedInstant(now, customer.updatedAt);
  const order = buildOrder(state, {
    customer,
    email: input.email !== undefined ? input.email : (customer?.email ?? null),
    phone: customer?.phone ?? null,
    customerLocale: customer?.locale ?? state.shop.primaryLocale,
    presentmentCurrencyCode,
    lines,
    discount:
      discount === null
        ? null
        : { code: discount.code, rule: discountRuleOf(discount.value) },
    createdAt: at,
    financialStatus: input.financialStatus ?? "paid",
    test: input.test ?? false,
    sourceName: input.sourceName ?? "web",
    tags: [...(input.tags ?? [])],
    note: input.note ?? null,
    buyerAcceptsMarketing:
      customer?.emailMarketingConsent.state === "SUBSCRIBED",
    shippingAddress: customer?.defaultAddress ?? null,
    fulfilled: false,
  });
  const events: ShopEvent[] = [
    { type: "OrderCreated", occurredAt: at, order: snapshot(order) },
  ];
  if (order.financialStatus === "paid")
    events.push({ type: "OrderPaid", occurredAt: at, order: snapshot(order) });
  if (customer !== null && customerUpdatedAt !== null) {
    customer.updatedAt = customerUpdatedAt;
    events.push({
      type: "CustomerUpdated",
      occurredAt: at,
      customer: snapshot(customer),
    });
  }
  return { state, events, result: order };
}

export interface UpdateOrderInput {
  orderId: string;
  tags?: string[];
  note?: string | null;
  email?: string | null;
}

/** Edits an order's tags, note or email (orders/updated). */
export function updateOrder(
  state: ShopState,
  input: UpdateOrderInput,
  now: Date,
): CommandResult<SimOrder> {
  const order = orderOf(state, input.orderId);
  if (input.tags !== undefined) order.tags = uniqueTags(input.tags);
  if (input.note !== undefined) order.note = input.note;
  if (input.email !== undefined) order.email = input.email;
  order.updatedAt = advancedInstant(now, order.updatedAt);
  return {
    state,
    events: [
      {
        type: "OrderUpdated",
        occurredAt: order.updatedAt,
        order: snapshot(order),
      },
    ],
    result: order,
  };
}

/** Captures a pending payment (orders/paid, orders/updated). */
export function markOrderPaid(
  state: ShopState,
  input: { orderId: string },
  now: Date,
): CommandResult<SimOrder> {
  const order = orderOf(state, input.orderId);
  if (order.financialStatus !== "pending")
    throw new ShopCommandError(
      "INVALID",
      `Order is ${order.financialStatus}, not pending`,
      ["id"],
    );
  order.financialStatus = "paid";
  order.updatedAt = advancedInstant(now, order.updatedAt);
  const events: ShopEvent[] = [
    { type: "OrderPaid", occurredAt: order.updatedAt, order: snapshot(order) },
    {
      type: "OrderUpdated",
      occurredAt: order.updatedAt,
      order: snapshot(order),
    },
  ];
  return { state, events, result: order };
}

export interface CancelOrderInput {
  orderId: string;
  reason: CancelReason;
  /** Refund what is still paid (Shopify's `refund: true`). */
  refund: boolean;
}

/** Cancels an order (orders/cancelled, orders/updated, plus refunds/create when it refunds). */
export function cancelOrder(
  state: ShopState,
  input: CancelOrderInput,
  now: Date,
): CommandResult<SimOrder> {
  const order = orderOf(state, input.orderId);
  if (order.cancelledAt !== null)
    throw new ShopCommandError("INVALID", "Order is already cancelled", ["id"]);
  const at = advancedInstant(now, order.updatedAt);
  const refund = applyCancel(state, order, input.reason, input.refund, at);
  const events: ShopEvent[] = [];
  if (refund !== null)
    events.push({
      type: "RefundCreated",
      occurredAt: at,
      order: snapshot(order),
      refund: snapshot(refund),
    });
  events.push({
    type: "OrderCancelled",
    occurredAt: at,
    order: snapshot(order),
  });
  events.push({ type: "OrderUpdated", occurredAt: at, order: snapshot(order) });
  return { state, events, result: order };
}

export interface RefundOrderInput {
  orderId: string;
  /** Units to refund per line, or "all" for everything still paid including shipping. */
  lines: { lineItemId: string; quantity: number }[] | "all";
  refundShipping?: boolean;
  note?: string | null;
}

/** Refunds units of a paid order (refunds/create, orders/updated); never more than is still paid. */
export function refundOrder(
  state: ShopState,
  input: RefundOrderInput,
  now: Date,
): CommandResult<SimRefund> {
  const order = orderOf(state, input.orderId);
  if (
    order.financialStatus !== "paid" &&
    order.financialStatus !== "partially_refunded"
  ) {
    throw new ShopCommandError(
      "INVALID",
      `Order is ${order.financialStatus}; only paid orders can be refunded`,
      ["id"],
    );
  }
  const scope: RefundScope =
    input.lines === "all"
      ? { kind: "all" }
      : {
          kind: "lines",
          lines: input.lines,
          shipping: input.refundShipping ?? false,
        };
  const at = advancedInstant(now, order.updatedAt);
  let refund: SimRefund;
  try {
    refund = applyRefund(state, order, scope, input.note ?? null, at);
  } catch (error) {
    throw new ShopCommandError("INVALID", (error as Error).message, [
      "refundLineItems",
    ]);
  }
  const events: ShopEvent[] = [
    {
      type: "RefundCreated",
      occurredAt: at,
      order: snapshot(order),
      refund: snapshot(refund),
    },
    { type: "OrderUpdated", occurredAt: at, order: snapshot(order) },
  ];
  return { state, events, result: refund };
}

// ---- Customers -------------------------------------------------------------------------------------

export interface CreateCustomerInput {
  firstName: string;
  lastName: string;
  email: string | null;
  phone?: string | null;
  locale?: "ja" | "en";
  tags?: string[];
  note?: string | null;
  emailMarketingState?: EmailMarketingState;
  /** Becomes the default (and shipping) address; the name and country name are filled in. */
  address?: Pick<
    SimAddress,
    "address1" | "city" | "province" | "provinceCode" | "zip" | "countryCode"
  >;
}

const COUNTRY_NAMES: Readonly<Record<SimAddress["countryCode"], string>> = {
  JP: "Japan",
  US: "United States",
};

/** Creates a customer (customers/create). Emails are unique per shop, case-insensitively. */
export function createCustomer(
  state: ShopState,
  input: CreateCustomerInput,
  now: Date,
): CommandResult<SimCustomer> {
  requireUniqueEmail(state, input.email, null);
  const at = toIsoInstant(now);
  const consentState = input.emailMarketingState ?? "NOT_SUBSCRIBED";
  const customer: SimCustomer = {
    id: allocateGid(state, "Customer"),
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    phone: input.phone ?? null,
    locale: input.locale ?? state.shop.primaryLocale,
    tags: uniqueTags(input.tags ?? []),
    note: input.note ?? null,
    state: "DISABLED",
    verifiedEmail: input.email !== null,
    taxExempt: false,
    emailMarketingConsent: {
      state: consentState,
      optInLevel: "SINGLE_OPT_IN",
      consentUpdatedAt: consentState === "NOT_SUBSCRIBED" ? null : at,
    },
    defaultAddress:
      input.address === undefined
        ? null
        : {
            ...input.address,
            id: allocateGid(state, "MailingAddress"),
            firstName: input.firstName,
            lastName: input.lastName,
            address2: null,
            country: COUNTRY_NAMES[input.address.countryCode],
            phone: input.phone ?? null,
            company: null,
          },
    createdAt: at,
    updatedAt: at,
    orderIds: [],
  };
  state.customers.set(customer.id, customer);
  return {
    state,
    events: [
      { type: "CustomerCreated", occurredAt: at, customer: snapshot(customer) },
    ],
    result: customer,
  };
}

export interface UpdateCustomerInput {
  customerId: string;
  firstName?: string;
  lastName?: string;
  email?: string | null;
  phone?: string | null;
  locale?: "ja" | "en";
  note?: string | null;
  /** Replaces all tags; fires tags_added / tags_removed for the difference. */
  tags?: string[];
}

/** Edits a customer (customers/update, and customer.tags_added / customer.tags_removed when tags change). */
export function updateCustomer(
  state: ShopState,
  input: UpdateCustomerInput,
  now: Date,
): CommandResult<SimCustomer> {
  const customer = customerOf(state, input.customerId);
  if (input.email !== undefined)
    requireUniqueEmail(state, input.email, customer.id);
  if (input.firstName !== undefined) customer.firstName = input.firstName;
  if (input.lastName !== undefined) customer.lastName = input.lastName;
  if (input.email !== undefined) customer.email = input.email;
  if (input.phone !== undefined) customer.phone = input.phone;
  if (input.locale !== undefined) customer.locale = input.locale;
  if (input.note !== undefined) customer.note = input.note;
  const at = advancedInstant(now, customer.updatedAt);
  const events: ShopEvent[] = [];
  if (input.tags !== undefined) {
    const wanted = uniqueTags(input.tags);
    const added = wanted.filter((tag) => !customer.tags.includes(tag));
    const removed = customer.tags.filter((tag) => !wanted.includes(tag));
    customer.tags = wanted;
    if (added.length > 0)
      events.push({
        type: "CustomerTagsAdded",
        occurredAt: at,
        customerId: customer.id,
        tags: added,
      });
    if (removed.length > 0)
      events.push({
        type: "CustomerTagsRemoved",
        occurredAt: at,
        customerId: customer.id,
        tags: removed,
      });
  }
  customer.updatedAt = at;
  events.unshift({
    type: "CustomerUpdated",
    occurredAt: at,
    customer: snapshot(customer),
  });
  return { state, events, result: customer };
}

function uniqueTags(tags: readonly string[]): string[] {
  return [
    ...new Set(tags.map((tag) => tag.trim()).filter((tag) => tag !== "")),
  ];
}

/**
 * Admin `tagsAdd` / `tagsRemove` on a customer or an order. Customers fire customers/update and
 * customer.tags_added / customer.tags_removed; orders fire orders/updated. Unchanged tags fire nothing.
 */
export function changeTags(
  state: ShopState,
  input: { id: string; add?: string[]; remove?: string[] },
  now: Date,
): CommandResult<{ id: string; tags: string[] }> {
  const record = state.customers.get(input.id) ?? state.orders.get(input.id);
  if (record === undefined)
    throw new ShopCommandError(
      "NOT_FOUND",
      `Resource does not exist: ${input.id}`,
      ["id"],
    );
  const toRemove = new Set(uniqueTags(input.remove ?? []));
  const next = uniqueTags([...record.tags, ...(input.add ?? [])]).filter(
    (tag) => !toRemove.has(tag),
  );
  const added = next.filter((tag) => !record.tags.includes(tag));
  const removed = record.tags.filter((tag) => !next.includes(tag));
  if (added.length === 0 && removed.length === 0)
    return { state, events: [], result: { id: record.id, tags: record.tags } };
  if (state.orders.has(record.id))
    return {
      ...updateOrder(state, { orderId: record.id, tags: next }, now),
      result: { id: record.id, tags: next },
    };
  return {
    ...updateCustomer(state, { customerId: record.id, tags: next }, now),
    result: { id: record.id, tags: next },
  };
}

/** Deletes a customer (customers/delete). Like Shopify, refuses a customer who has orders. */
export function deleteCustomer(
  state: ShopState,
  input: { customerId: string },
  now: Date,
): CommandResult<{ deletedId: string }> {
  const customer = customerOf(state, input.customerId);
  if (customer.orderIds.length > 0)
    throw new ShopCommandError(
      "INVALID",
      "Customer can't be deleted because they have orders",
      ["id"],
    );
  state.customers.delete(customer.id);
  state.metafields.delete(customer.id);
  const at = advancedInstant(now, customer.updatedAt);
  return {
    state,
    events: [
      { type: "CustomerDeleted", occurredAt: at, customer: snapshot(customer) },
    ],
    result: { deletedId: customer.id },
  };
}

export interface UpdateEmailMarketingConsentInput {
  customerId: string;
  state: EmailMarketingState;
  optInLevel?: MarketingOptInLevel;
}

/** Changes email consent (customers_email_marketing_consent/update, customers/update). */
export function updateEmailMarketingConsent(
  state: ShopState,
  input: UpdateEmailMarketingConsentInput,
  now: Date,
): CommandResult<SimCustomer> {
  const customer = customerOf(state, input.customerId);
  if (customer.email === null)
    throw new ShopCommandError("INVALID", "Customer has no email address", [
      "emailMarketingConsent",
    ]);
  const at = advancedInstant(now, customer.updatedAt);
  customer.emailMarketingConsent = {
    state: input.state,
    optInLevel: input.optInLevel ?? customer.emailMarketingConsent.optInLevel,
    consentUpdatedAt: at,
  };
  customer.updatedAt = at;
  const events: ShopEvent[] = [
    {
      type: "EmailMarketingConsentUpdated",
      occurredAt: at,
      customer: snapshot(customer),
    },
    { type: "CustomerUpdated", occurredAt: at, customer: snapshot(customer) },
  ];
  return { state, events, result: customer };
}

// ---- Metafields, discounts, bulk operations --------------------------------------------------------

export interface MetafieldsSetEntry {
  ownerId: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
  /** Compare-and-set: the digest the caller last read, or null for "must not exist yet". Omit to skip. */
  compareDigest?: string | null;
}

/** FNV-1a over the type and value: equal digests mean equal content, like Shopify's compareDigest. */
function digestOf(type: string, value: string): string {
  let hash = 0x811c9dc5;
  const text = `${type}\u0000${value}`;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

/** A reason one `metafieldsSet` element cannot be written; Shopify reports every one at once. */
export interface MetafieldProblem {
  index: number;
  code: string;
  message: string;
  field: string[];
}

const INTEGER = /^-?\d+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Why `value` is not a valid value of `type` (Shopify's metafield type rules for the types with a
 * fixed syntax), or null. The messages are ours: Shopify's exact wording is not documented.
 */
export function metafieldValueProblem(type: string, value: string): string | null {
  if (type === "json") {
    try {
      JSON.parse(value);
      return null;
    } catch {
      return "Value is invalid JSON.";
    }
  }
  if (type === "number_integer") {
    if (!INTEGER.test(value)) return "Value must be an integer.";
    const number = BigInt(value);
    return number < INT64_MIN || number > INT64_MAX ? "Value must be a 64-bit integer." : null;
  }
  if (type === "boolean") return value === "true" || value === "false" ? null : "Value must be true or false.";
  if (type === "single_line_text_field") return /[\r\n]/.test(value) ? "Value must be a single line." : null;
  return null;
}

/** Every problem of the entries: an owner that does not exist, a value its type refuses, a stale compareDigest. */
export function findMetafieldProblems(state: ShopState, entries: readonly MetafieldsSetEntry[]): MetafieldProblem[] {
  const problems: MetafieldProblem[] = [];
  entries.forEach((entry, index) => {
    const at = ["metafields", String(index)];
    const known =
      state.customers.has(entry.ownerId) ||
      state.orders.has(entry.ownerId) ||
      entry.ownerId === state.shop.appInstallationId ||
      entry.ownerId === state.shop.id;
    if (!known) problems.push({ index, code: "INVALID", message: "Owner does not exist.", field: [...at, "ownerId"] });
    const valueProblem = metafieldValueProblem(entry.type, entry.value);
    if (valueProblem !== null) problems.push({ index, code: "INVALID_VALUE", message: valueProblem, field: [...at, "value"] });
    if (entry.compareDigest === undefined) return;
    const current = state.metafields.get(entry.ownerId)?.get(`${entry.namespace}.${entry.key}`);
    if ((current?.compareDigest ?? null) !== entry.compareDigest) {
      problems.push({ index, code: "STALE_OBJECT", message: "The resource has been updated since it was loaded.", field: at });
    }
  });
  return problems;
}

/** Admin `metafieldsSet`: at most 25, all or nothing. Fires no webhook (Kizuna subscribes to none for metafields). */
export function setMetafields(
  state: ShopState,
  input: { metafields: MetafieldsSetEntry[] },
  now: Date,
): CommandResult<SimMetafield[]> {
  if (input.metafields.length > 25)
    throw new ShopCommandError(
      "LESS_THAN_OR_EQUAL_TO",
      "Exceeded the maximum metafields input limit of 25.",
      ["metafields"],
    );
  const [problem] = findMetafieldProblems(state, input.metafields);
  if (problem !== undefined) throw new ShopCommandError(problem.code, problem.message, problem.field);
  const at = toIsoInstant(now);
  const written = input.metafields.map((entry) => {
    let byKey = state.metafields.get(entry.ownerId);
    if (byKey === undefined)
      state.metafields.set(entry.ownerId, (byKey = new Map()));
    const mapKey = `${entry.namespace}.${entry.key}`;
    const existing = byKey.get(mapKey);
    const metafield: SimMetafield = {
      id: existing?.id ?? allocateGid(state, "Metafield"),
      ownerId: entry.ownerId,
      namespace: entry.namespace,
      key: entry.key,
      type: entry.type,
      value: entry.value,
      compareDigest: digestOf(entry.type, entry.value),
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
    };
    byKey.set(mapKey, metafield);
    return metafield;
  });
  return { state, events: [], result: written };
}

export interface CreateDiscountCodeInput {
  title: string;
  code: string;
  value: SimDiscountValue;
  startsAt: IsoInstant;
  endsAt?: IsoInstant | null;
  usageLimit?: number | null;
  appliesOncePerCustomer?: boolean;
  eligibleCustomerIds?: string[] | "ALL";
}

/** Admin `discountCodeBasicCreate`. Codes are unique per shop, case-insensitively. */
export function createDiscountCode(
  state: ShopState,
  input: CreateDiscountCodeInput,
  now: Date,
): CommandResult<SimDiscountCode> {
  const wanted = input.code.toLowerCase();
  for (const existing of state.discountCodes.values()) {
    if (existing.code.toLowerCase() === wanted)
      throw new ShopCommandError("TAKEN", "Code must be unique.", [
        "basicCodeDiscount",
        "code",
      ]);
  }
  const discount: SimDiscountCode = {
    id: allocateGid(state, "DiscountCodeNode"),
    title: input.title,
    code: input.code,
    value: input.value,
    startsAt: input.startsAt,
    endsAt: input.endsAt ?? null,
    usageLimit: input.usageLimit ?? null,
    appliesOncePerCustomer: input.appliesOncePerCustomer ?? false,
    eligibleCustomerIds: input.eligibleCustomerIds ?? "ALL",
    usageCount: 0,
    createdAt: toIsoInstant(now),
  };
  state.discountCodes.set(discount.id, discount);
  return { state, events: [], result: discount };
}

/** Up to 5 bulk operations may run at once per shop (API 2026-01+). */
const MAX_RUNNING_BULK_OPERATIONS = 5;

/** Admin `bulkOperationRunQuery`: registers a RUNNING operation; the shell computes the JSONL and finishes it. */
export function startBulkOperation(
  state: ShopState,
  input: { query: string; groupObjects?: boolean; type?: "QUERY" | "MUTATION" },
  now: Date,
): CommandResult<SimBulkOperation> {
  let running = 0;
  for (const operation of state.bulkOperations.values())
    if (operation.status === "RUNNING" || operation.status === "CREATED")
      running += 1;
  if (running >= MAX_RUNNING_BULK_OPERATIONS) {
    throw new ShopCommandError(
      "LIMIT_REACHED",
      "A maximum of 5 bulk operations can run at the same time.",
      ["query"],
    );
  }
  const operation: SimBulkOperation = {
    id: allocateGid(state, "BulkOperation"),
    type: input.type ?? "QUERY",
    status: "RUNNING",
    query: input.query,
    groupObjects: input.groupObjects ?? false,
    errorCode: null,
    createdAt: toIsoInstant(now),
    completedAt: null,
    objectCount: 0,
    rootObjectCount: 0,
    fileSize: null,
    url: null,
    partialDataUrl: null,
  };
  state.bulkOperations.set(operation.id, operation);
  return { state, events: [], result: operation };
}

export type FinishBulkOperationInput =
  | {
      bulkOperationId: string;
      status: "COMPLETED";
      objectCount: number;
      rootObjectCount: number;
      fileSize: number;
      url: string;
    }
  | {
      bulkOperationId: string;
      status: "FAILED";
      errorCode: NonNullable<SimBulkOperation["errorCode"]>;
    }
  | { bulkOperationId: string; status: "CANCELED" };

/** Ends a running operation (bulk_operations/finish). */
export function finishBulkOperation(
  state: ShopState,
  input: FinishBulkOperationInput,
  now: Date,
): CommandResult<SimBulkOperation> {
  const operation = state.bulkOperations.get(input.bulkOperationId);
  if (operation === undefined)
    throw new ShopCommandError(
      "NOT_FOUND",
      `Bulk operation does not exist: ${input.bulkOperationId}`,
      ["id"],
    );
  const finishable: BulkOperationStatus[] = ["CREATED", "RUNNING", "CANCELING"];
  if (!finishable.includes(operation.status))
    throw new ShopCommandError(
      "INVALID",
      `Bulk operation is already ${operation.status}`,
      ["id"],
    );
  operation.status = input.status;
  operation.completedAt = toIsoInstant(now);
  if (input.status === "COMPLETED") {
    operation.objectCount = input.objectCount;
    operation.rootObjectCount = input.rootObjectCount;
    operation.fileSize = input.fileSize;
    operation.url = input.url;
  }
  if (input.status === "FAILED") operation.errorCode = input.errorCode;
  return {
    state,
    events: [
      {
        type: "BulkOperationFinished",
        occurredAt: operation.completedAt,
        bulkOperation: snapshot(operation),
      },
    ],
    result: operation,
  };
}

// ---- App lifecycle and compliance ------------------------------------------------------------------

/** The merchant uninstalls the app (app/uninstalled); the Admin API stops answering the app's token. */
export function uninstallApp(
  state: ShopState,
  _input: Record<string, never>,
  now: Date,
): CommandResult<null> {
  if (!state.shop.appInstalled)
    throw new ShopCommandError("INVALID", "The app is not installed", []);
  const at = toIsoInstant(now);
  state.shop.appInstalled = false;
  state.shop.appUninstalledAt = at;
  return {
    state,
    events: [
      { type: "AppUninstalled", occurredAt: at, shop: snapshot(state.shop) },
    ],
    result: null,
  };
}

export interface CustomerPrivacyInput {
  customerId: string;
  /** Needed only when the customer no longer exists in the shop. */
  email?: string | null;
  phone?: string | null;
}

function privacySubject(state: ShopState, input: CustomerPrivacyInput) {
  const customer = state.customers.get(input.customerId);
  const orderIds = [...state.orders.values()]
    .filter((order) => order.customerId === input.customerId)
    .map((order) => order.id);
  return {
    customer: {
      id: input.customerId,
      email: customer?.email ?? input.email ?? null,
      phone: customer?.phone ?? input.phone ?? null,
    },
    orderIds,
  };
}

/** A customer asks for their data (customers/data_request). `dataRequestId` numbers the requests. */
export function requestCustomerData(
  state: ShopState,
  input: CustomerPrivacyInput,
  now: Date,
): CommandResult<{ dataRequestId: number }> {
  const dataRequestId = state.nextId.DataRequest++;
  const event: ShopEvent = {
    type: "CustomerDataRequested",
    occurredAt: toIsoInstant(now),
    dataRequestId,
    ...privacySubject(state, input),
  };
  return { state, events: [event], result: { dataRequestId } };
}

/** The merchant requests erasure of a customer (customers/redact). */
export function requestCustomerRedact(
  state: ShopState,
  input: CustomerPrivacyInput,
  now: Date,
): CommandResult<null> {
  return {
    state,
    events: [
      {
        type: "CustomerRedactRequested",
        occurredAt: toIsoInstant(now),
        ...privacySubject(state, input),
      },
    ],
    result: null,
  };
}

/** Shopify's shop/redact, sent 48 h after uninstall; the control API triggers it on request. */
export function requestShopRedact(
  state: ShopState,
  _input: Record<string, never>,
  now: Date,
): CommandResult<null> {
  return {
    state,
    events: [
      {
        type: "ShopRedactRequested",
        occurredAt: toIsoInstant(now),
        shop: snapshot(state.shop),
      },
    ],
    result: null,
  };
}
