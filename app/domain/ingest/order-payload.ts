// orders/create, orders/updated, orders/paid and orders/cancelled (REST JSON, shopify-platform.md §7.2)
// → OrderFact. Keyed on admin_graphql_api_id; shop money from `*_set.shop_money`; the buyer's from
// `presentment_money`; product and variant GIDs are built from the exact digits of their ids.
import { z } from "zod";
import type { LineItemFact, OrderFact, RefundFact } from "../orders.ts";
import { readRefund, refundSchema } from "./refund-payload.ts";
import { parseIsoInstant } from "./timestamps.ts";
import {
  describeIssue,
  gidSchema,
  moneySetSchema,
  numericIdSchema,
  parseShopifyJson,
  readMoneySet,
  toGid,
} from "./shopify-json.ts";
import type { Currencies, PayloadError } from "./shopify-json.ts";

const lineItemSchema = z.object({
  admin_graphql_api_id: gidSchema("LineItem"),
  product_id: numericIdSchema.nullable(),
  variant_id: numericIdSchema.nullable(),
  title: z.string(),
  quantity: z.number().int(),
  price_set: moneySetSchema,
  discount_allocations: z.array(z.object({ amount_set: moneySetSchema })),
});

const orderSchema = z.object({
  admin_graphql_api_id: gidSchema("Order"),
  name: z.string(),
  customer: z.object({ admin_graphql_api_id: gidSchema("Customer") }).nullish(),
  created_at: z.string(),
  updated_at: z.string(),
  processed_at: z.string().nullable(),
  cancelled_at: z.string().nullable(),
  test: z.boolean(),
  financial_status: z.string().nullable(),
  currency: z.string(),
  presentment_currency: z.string(),
  total_price_set: moneySetSchema,
  subtotal_price_set: moneySetSchema,
  total_discounts_set: moneySetSchema,
  total_tax_set: moneySetSchema,
  taxes_included: z.boolean(),
  line_items: z.array(lineItemSchema),
  refunds: z.array(refundSchema),
});

type OrderObject = z.infer<typeof orderSchema>;

export type OrderPayloadResult = { ok: true; order: OrderFact } | PayloadError;

export function parseOrderPayload(rawBody: string): OrderPayloadResult {
  const parsed = parseShopifyJson(rawBody);
  if (!parsed.ok) return parsed;
  const shape = orderSchema.safeParse(parsed.json);
  if (!shape.success) return describeIssue(shape.error);
  return readOrder(shape.data);
}

function readOrder(order: OrderObject): OrderPayloadResult {
  const createdAt = parseIsoInstant(order.created_at);
  const updatedAt = parseIsoInstant(order.updated_at);
  const processedAt =
    order.processed_at === null
      ? createdAt
      : parseIsoInstant(order.processed_at);
  const cancelledAt =
    order.cancelled_at === null ? null : parseIsoInstant(order.cancelled_at);
  if (createdAt === null) return timestampError("created_at");
  if (updatedAt === null) return timestampError("updated_at");
  if (processedAt === null) return timestampError("processed_at");
  if (order.cancelled_at !== null && cancelledAt === null)
    return timestampError("cancelled_at");

  const currencies = {
    shop: order.currency,
    presentment: order.presentment_currency,
  };
  const total = readMoneySet(
    order.total_price_set,
    currencies,
    "total_price_set",
  );
  const subtotal = readMoneySet(
    order.subtotal_price_set,
    currencies,
    "subtotal_price_set",
  );
  const discount = readMoneySet(
    order.total_discounts_set,
    currencies,
    "total_discounts_set",
  );
  const tax = readMoneySet(order.total_tax_set, currencies, "total_tax_set");
  if (!total.ok) return total;
  if (!subtotal.ok) return subtotal;
  if (!discount.ok) return discount;
  if (!tax.ok) return tax;

  const lineItems: LineItemFact[] = [];
  for (const [index, lineItem] of order.line_items.entries()) {
    const read = readLineItem(lineItem, currencies, `line_items.${index}.`);
    if (!read.ok) return read;
    lineItems.push(read.lineItem);
  }
  const refunds: RefundFact[] = [];
  for (const [index, refund] of order.refunds.entries()) {
    const read = readRefund(refund, currencies, `refunds.${index}.`);
    if (!read.ok) return read;
    refunds.push(read.refund);
  }

  return {
    ok: true,
    order: {
      orderGid: order.admin_graphql_api_id,
      name: order.name,
      customerGid: order.customer?.admin_graphql_api_id ?? null,
      createdAt,
      updatedAt,
      processedAt,
      cancelledAt,
      test: order.test,
      financialStatus: order.financial_status,
      currency: order.currency,
      presentmentCurrency: order.presentment_currency,
      totalMinor: total.shopMinor,
      presentmentTotalMinor: total.presentmentMinor,
      subtotalMinor: subtotal.shopMinor,
      discountMinor: discount.shopMinor,
      taxMinor: tax.shopMinor,
      taxesIncluded: order.taxes_included,
      lineItems,
      refunds,
    },
  };
}

type LineItemObject = z.infer<typeof lineItemSchema>;

function readLineItem(
  lineItem: LineItemObject,
  currencies: Currencies,
  path: string,
): { ok: true; lineItem: LineItemFact } | PayloadError {
  const price = readMoneySet(
    lineItem.price_set,
    currencies,
    `${path}price_set`,
  );
  if (!price.ok) return price;
  let discountMinor = 0;
  for (const [index, allocation] of lineItem.discount_allocations.entries()) {
    const amount = readMoneySet(
      allocation.amount_set,
      currencies,
      `${path}discount_allocations.${index}.amount_set`,
    );
    if (!amount.ok) return amount;
    discountMinor += amount.shopMinor;
  }
  return {
    ok: true,
    lineItem: {
      lineItemGid: lineItem.admin_graphql_api_id,
      productGid:
        lineItem.product_id === null
          ? null
          : toGid("Product", lineItem.product_id),
      variantGid:
        lineItem.variant_id === null
          ? null
          : toGid("ProductVariant", lineItem.variant_id),
      title: lineItem.title,
      quantity: lineItem.quantity,
      priceMinor: price.shopMinor,
      discountMinor,
    },
  };
}

function timestampError(path: string): PayloadError {
  return { ok: false, reason: "MALFORMED_TIMESTAMP", path };
}
