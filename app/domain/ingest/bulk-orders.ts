// One order of the backfill's orders bulk query (app/shopify/operations/BackfillOrders.ts): its own
// JSONL line plus its LineItem lines (`__parentId`) → the OrderFact that parseOrderPayload builds
// from an orders/* webhook, so backfilled and webhook data merge exactly: the same GIDs, shop money
// in integer minor units with the buyer's (presentment) money kept beside it, the same statuses.
import { z } from "zod";
import type { LineItemFact, OrderFact, RefundFact } from "../orders.ts";
import { readBulkMoneyBag, bulkMoneyBagSchema } from "./bulk-lines.ts";
import { describeIssue, gidSchema } from "./shopify-json.ts";
import type { Currencies, PayloadError } from "./shopify-json.ts";
import { parseIsoInstant } from "./timestamps.ts";

const bulkOrderSchema = z.object({
  id: gidSchema("Order"),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  processedAt: z.string(),
  cancelledAt: z.string().nullable(),
  test: z.boolean(),
  displayFinancialStatus: z.string().nullable(),
  currencyCode: z.string(),
  presentmentCurrencyCode: z.string(),
  taxesIncluded: z.boolean(),
  customer: z.object({ id: gidSchema("Customer") }).nullable(),
  totalPriceSet: bulkMoneyBagSchema,
  subtotalPriceSet: bulkMoneyBagSchema.nullable(),
  totalDiscountsSet: bulkMoneyBagSchema.nullable(),
  totalTaxSet: bulkMoneyBagSchema.nullable(),
  refunds: z.array(
    z.object({
      id: gidSchema("Refund"),
      createdAt: z.string().nullable(),
      totalRefundedSet: bulkMoneyBagSchema,
    }),
  ),
});

const bulkLineItemSchema = z.object({
  id: gidSchema("LineItem"),
  __parentId: gidSchema("Order"),
  title: z.string(),
  quantity: z.number().int(),
  product: z.object({ id: gidSchema("Product") }).nullable(),
  variant: z.object({ id: gidSchema("ProductVariant") }).nullable(),
  originalUnitPriceSet: bulkMoneyBagSchema,
  discountAllocations: z.array(z.object({ allocatedAmountSet: bulkMoneyBagSchema })),
});

type BulkOrder = z.infer<typeof bulkOrderSchema>;
type BulkLineItem = z.infer<typeof bulkLineItemSchema>;

export type BulkOrderResult = { ok: true; order: OrderFact } | PayloadError;

/**
 * The order of one order line and its line item lines, in file order. A failed read names the
 * JSON path (`lineItems.<i>.` for a line item), never a value.
 */
export function readBulkOrder(orderLine: unknown, lineItemLines: readonly unknown[]): BulkOrderResult {
  const shape = bulkOrderSchema.safeParse(orderLine);
  if (!shape.success) return describeIssue(shape.error);
  const order = shape.data;
  const lineItems: LineItemFact[] = [];
  const currencies = { shop: order.currencyCode, presentment: order.presentmentCurrencyCode };
  for (const [index, line] of lineItemLines.entries()) {
    const lineShape = bulkLineItemSchema.safeParse(line);
    if (!lineShape.success) return prefixPath(describeIssue(lineShape.error), `lineItems.${index}.`);
    if (lineShape.data.__parentId !== order.id) return { ok: false, reason: "UNEXPECTED_SHAPE", path: `lineItems.${index}.__parentId` };
    const read = readLineItem(lineShape.data, currencies, `lineItems.${index}.`);
    if (!read.ok) return read;
    lineItems.push(read.lineItem);
  }
  return readOrder(order, currencies, lineItems);
}

function readOrder(order: BulkOrder, currencies: Currencies, lineItems: LineItemFact[]): BulkOrderResult {
  const createdAt = parseIsoInstant(order.createdAt);
  const updatedAt = parseIsoInstant(order.updatedAt);
  const processedAt = parseIsoInstant(order.processedAt);
  const cancelledAt = order.cancelledAt === null ? null : parseIsoInstant(order.cancelledAt);
  if (createdAt === null) return timestampError("createdAt");
  if (updatedAt === null) return timestampError("updatedAt");
  if (processedAt === null) return timestampError("processedAt");
  if (order.cancelledAt !== null && cancelledAt === null) return timestampError("cancelledAt");

  const total = readBulkMoneyBag(order.totalPriceSet, currencies, "totalPriceSet");
  // Shopify's schema lets these three be null; the webhook then prints zero amounts.
  const subtotal = readBulkMoneyBag(order.subtotalPriceSet, currencies, "subtotalPriceSet");
  const discount = readBulkMoneyBag(order.totalDiscountsSet, currencies, "totalDiscountsSet");
  const tax = readBulkMoneyBag(order.totalTaxSet, currencies, "totalTaxSet");
  if (!total.ok) return total;
  if (!subtotal.ok) return subtotal;
  if (!discount.ok) return discount;
  if (!tax.ok) return tax;

  const refunds: RefundFact[] = [];
  for (const [index, refund] of order.refunds.entries()) {
    // A refund cannot be later than the last change of its order, which it changed.
    const refundedAt = refund.createdAt === null ? updatedAt : parseIsoInstant(refund.createdAt);
    if (refundedAt === null) return timestampError(`refunds.${index}.createdAt`);
    const amount = readBulkMoneyBag(refund.totalRefundedSet, currencies, `refunds.${index}.totalRefundedSet`);
    if (!amount.ok) return amount;
    refunds.push({
      refundGid: refund.id,
      orderGid: order.id,
      createdAt: refundedAt,
      amountMinor: amount.shopMinor,
      presentmentAmountMinor: amount.presentmentMinor,
    });
  }

  return {
    ok: true,
    order: {
      orderGid: order.id,
      name: order.name,
      customerGid: order.customer?.id ?? null,
      createdAt,
      updatedAt,
      processedAt,
      cancelledAt,
      test: order.test,
      // The webhook's financial_status is the same value in lower case.
      financialStatus: order.displayFinancialStatus?.toLowerCase() ?? null,
      currency: order.currencyCode,
      presentmentCurrency: order.presentmentCurrencyCode,
      totalMinor: total.shopMinor,
      presentmentTotalMinor: total.presentmentMinor,
      subtotalMinor: subtotal.shopMinor,
      discountMinor: discount.shopMinor,
      taxMinor: tax.shopMinor,
      taxesIncluded: order.taxesIncluded,
      lineItems,
      refunds,
    },
  };
}

function readLineItem(line: BulkLineItem, currencies: Currencies, path: string): { ok: true; lineItem: LineItemFact } | PayloadError {
  const price = readBulkMoneyBag(line.originalUnitPriceSet, currencies, `${path}originalUnitPriceSet`);
  if (!price.ok) return price;
  let discountMinor = 0;
  for (const [index, allocation] of line.discountAllocations.entries()) {
    const amount = readBulkMoneyBag(allocation.allocatedAmountSet, currencies, `${path}discountAllocations.${index}.allocatedAmountSet`);
    if (!amount.ok) return amount;
    discountMinor += amount.shopMinor;
  }
  return {
    ok: true,
    lineItem: {
      lineItemGid: line.id,
      productGid: line.product?.id ?? null,
      variantGid: line.variant?.id ?? null,
      title: line.title,
      quantity: line.quantity,
      priceMinor: price.shopMinor,
      discountMinor,
    },
  };
}

function timestampError(path: string): PayloadError {
  return { ok: false, reason: "MALFORMED_TIMESTAMP", path };
}

function prefixPath(error: PayloadError, prefix: string): PayloadError {
  return { ...error, path: `${prefix}${error.path}` };
}
