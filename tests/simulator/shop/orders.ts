// Building, refunding and cancelling orders: the record-level steps shared by the seeded generator
// (which writes history directly) and the commands (which add validation and events on top).
// Each step mutates the state in place; shipping is free from ¥5,000 / $50.00, as many D2C shops do.

import type { DiscountRule } from "./pricing.ts";
import { priceOrder, priceRefund } from "./pricing.ts";
import type {
  CancelReason,
  CurrencyCode,
  IsoInstant,
  ShopState,
  SimAddress,
  SimCustomer,
  SimOrder,
  SimRefund,
} from "./state.ts";
import { allocateGid, currentTotalOf, refundedQuantityOf } from "./state.ts";

/** A line as the buyer puts it in the cart: a catalogue product or a custom item. */
export interface OrderLineSpec {
  productId: string | null;
  variantId: string | null;
  title: string;
  sku: string;
  vendor: string;
  unitPriceMinor: number;
  quantity: number;
}

export interface OrderSpec {
  customer: SimCustomer | null;
  email: string | null;
  phone: string | null;
  customerLocale: "ja" | "en";
  presentmentCurrencyCode: CurrencyCode;
  lines: OrderLineSpec[];
  discount: { code: string; rule: DiscountRule } | null;
  createdAt: IsoInstant;
  financialStatus: "paid" | "pending";
  test: boolean;
  sourceName: string;
  tags: string[];
  note: string | null;
  buyerAcceptsMarketing: boolean;
  shippingAddress: SimAddress | null;
  fulfilled: boolean;
}

const FREE_SHIPPING_FROM_MINOR: Readonly<Record<CurrencyCode, number>> = {
  JPY: 5000,
  USD: 5000,
};
const SHIPPING_FEE_MINOR: Readonly<Record<CurrencyCode, number>> = {
  JPY: 600,
  USD: 800,
};

/** Creates the order, files it under its customer and returns it. */
export function buildOrder(state: ShopState, spec: OrderSpec): SimOrder {
  const currencyCode = state.shop.currencyCode;
  const pricing = priceOrder(
    state.shop,
    spec.presentmentCurrencyCode,
    spec.lines,
    spec.discount?.rule ?? null,
    (subtotalMinor) =>
      subtotalMinor < FREE_SHIPPING_FROM_MINOR[currencyCode]
        ? SHIPPING_FEE_MINOR[currencyCode]
        : 0,
  );
  const orderNumber = state.nextOrderNumber++;
  const order: SimOrder = {
    id: allocateGid(state, "Order"),
    name: `#${orderNumber}`,
    orderNumber,
    createdAt: spec.createdAt,
    updatedAt: spec.createdAt,
    processedAt: spec.createdAt,
    cancelledAt: null,
    cancelReason: null,
    closedAt: null,
    test: spec.test,
    customerId: spec.customer?.id ?? null,
    email: spec.email,
    phone: spec.phone,
    customerLocale: spec.customerLocale,
    currencyCode,
    presentmentCurrencyCode: spec.presentmentCurrencyCode,
    lineItems: spec.lines.map((line, index) => ({
      id: allocateGid(state, "LineItem"),
      productId: line.productId,
      variantId: line.variantId,
      title: line.title,
      variantTitle: null,
      sku: line.sku,
      vendor: line.vendor,
      quantity: line.quantity,
      unitPrice: pricing.unitPrices[index]!,
      discount: pricing.lineDiscounts[index]!,
    })),
    discountCodes:
      spec.discount === null
        ? []
        : [
            {
              code: spec.discount.code,
              type: spec.discount.rule.type,
              value:
                spec.discount.rule.type === "percentage"
                  ? spec.discount.rule.percentage
                  : spec.discount.rule.amountMinor,
              amount: pricing.totalDiscounts,
            },
          ],
    lineItemsTotal: pricing.lineItemsTotal,
    totalDiscounts: pricing.totalDiscounts,
    subtotal: pricing.subtotal,
    shipping: pricing.shipping,
    totalTax: pricing.totalTax,
    total: pricing.total,
    financialStatus: spec.financialStatus,
    fulfillmentStatus: spec.fulfilled ? "fulfilled" : null,
    refunds: [],
    buyerAcceptsMarketing: spec.buyerAcceptsMarketing,
    sourceName: spec.sourceName,
    tags: spec.tags,
    note: spec.note,
    shippingAddress: spec.shippingAddress,
  };
  state.orders.set(order.id, order);
  if (spec.customer !== null) {
    spec.customer.orderIds.push(order.id);
    if (spec.customer.updatedAt < spec.createdAt)
      spec.customer.updatedAt = spec.createdAt;
  }
  return order;
}

/** Which units to refund: explicit lines, or everything not yet refunded (plus the remaining shipping). */
export type RefundScope =
  | {
      kind: "lines";
      lines: { lineItemId: string; quantity: number }[];
      shipping: boolean;
    }
  | { kind: "all" };

/** Units of each line not yet refunded. */
export function unrefundedLinesOf(
  order: SimOrder,
): { lineItemId: string; quantity: number }[] {
  return order.lineItems
    .map((line) => ({
      lineItemId: line.id,
      quantity: line.quantity - refundedQuantityOf(order, line.id),
    }))
    .filter((line) => line.quantity > 0);
}

/** Records a refund on a paid order and moves its financial status to partially_refunded or refunded. */
export function applyRefund(
  state: ShopState,
  order: SimOrder,
  scope: RefundScope,
  note: string | null,
  at: IsoInstant,
): SimRefund {
  const lines = scope.kind === "all" ? unrefundedLinesOf(order) : scope.lines;
  const priced = priceRefund(
    state.shop,
    order,
    lines,
    scope.kind === "all" || scope.shipping,
  );
  const refund: SimRefund = {
    id: allocateGid(state, "Refund"),
    createdAt: at,
    note,
    restock: false,
    lineItems: priced.lines.map((line) => ({
      id: allocateGid(state, "RefundLineItem"),
      ...line,
    })),
    shipping: priced.shipping,
    amount: priced.amount,
    transactionId: allocateGid(state, "OrderTransaction"),
  };
  order.refunds.push(refund);
  // Shopify derives the status from money, not units: refunding every line but not the shipping is partial.
  order.financialStatus =
    currentTotalOf(order).shopMinor <= 0 ? "refunded" : "partially_refunded";
  order.updatedAt = at;
  return refund;
}

/** Cancels an order: a pending payment is voided; a paid one is refunded in full when `refund` is set. */
export function applyCancel(
  state: ShopState,
  order: SimOrder,
  reason: CancelReason,
  refund: boolean,
  at: IsoInstant,
): SimRefund | null {
  order.cancelledAt = at;
  order.cancelReason = reason;
  order.closedAt = at;
  order.updatedAt = at;
  if (order.financialStatus === "pending") {
    order.financialStatus = "voided";
    return null;
  }
  if (!refund || order.financialStatus === "refunded") return null;
  return applyRefund(state, order, { kind: "all" }, null, at);
}
