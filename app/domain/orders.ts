// Order facts and the rules that decide what counts (product.md §1): net revenue = paid total − refunds;
// cancelled, voided and test orders never count; guests count only in shop totals. Webhooks arrive
// unordered and repeated (shopify-platform.md §6), so merging is idempotent and order-insensitive (style.md §7.5).
import { assert } from "./assert.ts";
import { ORDER_GID_MISMATCH, REFUND_ORDER_MISMATCH } from "./errors.ts";

export type LineItemFact = {
  readonly lineItemGid: string;
  readonly productGid: string | null;
  readonly variantGid: string | null;
  readonly title: string;
  readonly quantity: number;
  readonly priceMinor: number;
  readonly discountMinor: number;
};

export type RefundFact = {
  readonly refundGid: string;
  readonly orderGid: string;
  readonly createdAt: Date;
  /** Shop money; null when the payload gave only the buyer's currency (converted at the order's rate). */
  readonly amountMinor: number | null;
  readonly presentmentAmountMinor: number;
};

export type OrderFact = {
  readonly orderGid: string;
  readonly name: string;
  readonly customerGid: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly processedAt: Date;
  readonly cancelledAt: Date | null;
  readonly test: boolean;
  readonly financialStatus: string | null;
  readonly currency: string;
  readonly presentmentCurrency: string;
  /** The paid total in shop money, before refunds. */
  readonly totalMinor: number;
  readonly presentmentTotalMinor: number;
  readonly subtotalMinor: number;
  readonly discountMinor: number;
  readonly taxMinor: number;
  readonly taxesIncluded: boolean;
  readonly lineItems: readonly LineItemFact[];
  readonly refunds: readonly RefundFact[];
};

/** Refunds whose refunds/create arrived before any payload of their order. */
export type RefundsAwaitingOrder = {
  readonly orderGid: string;
  readonly awaitingOrder: true;
  readonly refunds: readonly RefundFact[];
};

export type OrderState = OrderFact | RefundsAwaitingOrder;

export function isAwaitingOrder(
  state: OrderState,
): state is RefundsAwaitingOrder {
  return "awaitingOrder" in state;
}

export function countsTowardShopTotals(order: OrderFact): boolean {
  return (
    order.cancelledAt === null &&
    order.financialStatus !== "voided" &&
    !order.test
  );
}

/** RFM, rank and every per-customer statistic: shop-total orders that have a customer. */
export function countsTowardCustomerAnalytics(order: OrderFact): boolean {
  return countsTowardShopTotals(order) && order.customerGid !== null;
}

/** Shop-money amount of a refund; a presentment-only refund is converted at the order's own rate, rounded half up. */
export function refundShopMinor(order: OrderFact, refund: RefundFact): number {
  if (refund.amountMinor !== null) return refund.amountMinor;
  if (order.presentmentTotalMinor === 0) return 0;
  return Math.round(
    (refund.presentmentAmountMinor * order.totalMinor) /
      order.presentmentTotalMinor,
  );
}

/** Paid total minus refunds, in shop minor units, clamped to 0..totalMinor. */
export function netRevenueMinor(order: OrderFact): number {
  const refundedMinor = order.refunds.reduce(
    (sum, refund) => sum + refundShopMinor(order, refund),
    0,
  );
  return Math.min(
    order.totalMinor,
    Math.max(0, order.totalMinor - refundedMinor),
  );
}

/**
 * Merges an order payload into what is stored. The newer `updatedAt` wins (a tie keeps the stored
 * order, since retries carry the original payload); refunds from both sides and from refunds that
 * arrived first are always kept, merged by refundGid.
 */
export function applyOrderUpdate(
  stored: OrderState | null,
  incoming: OrderFact,
): OrderFact {
  if (stored === null)
    return { ...incoming, refunds: mergeRefunds(incoming.refunds, []) };
  assert(stored.orderGid === incoming.orderGid, ORDER_GID_MISMATCH);
  const refunds = mergeRefunds(stored.refunds, incoming.refunds);
  if (isAwaitingOrder(stored)) return { ...incoming, refunds };
  const winner =
    incoming.updatedAt.getTime() > stored.updatedAt.getTime()
      ? incoming
      : stored;
  return { ...winner, refunds };
}

/** Adds a refund to its order, or keeps it until the order lands. Applying the same refund again changes nothing. */
export function applyRefund(
  stored: OrderState | null,
  refund: RefundFact,
): OrderState {
  if (stored === null)
    return {
      orderGid: refund.orderGid,
      awaitingOrder: true,
      refunds: [refund],
    };
  assert(stored.orderGid === refund.orderGid, REFUND_ORDER_MISMATCH);
  return { ...stored, refunds: mergeRefunds(stored.refunds, [refund]) };
}

// Two copies of one refund are reconciled by a total order on their content, so the merge is
// commutative and associative whatever the arrival order; a copy with shop money beats one without.
function preferRefund(a: RefundFact, b: RefundFact): RefundFact {
  const keyA = [
    a.amountMinor ?? -1,
    a.presentmentAmountMinor,
    a.createdAt.getTime(),
  ];
  const keyB = [
    b.amountMinor ?? -1,
    b.presentmentAmountMinor,
    b.createdAt.getTime(),
  ];
  for (let index = 0; index < keyA.length; index++) {
    const difference = (keyA[index] ?? 0) - (keyB[index] ?? 0);
    if (difference !== 0) return difference > 0 ? a : b;
  }
  return a;
}

/**
 * A CSV import knows only an order's refunded total, stored as one refund under this GID prefix
 * (docs/glossary.md). Shopify's own refunds of the order replace it, whichever arrives first.
 */
export const IMPORTED_REFUND_GID_PREFIX = "gid://kizuna/Refund/";

export function isImportedRefund(refund: RefundFact): boolean {
  return refund.refundGid.startsWith(IMPORTED_REFUND_GID_PREFIX);
}

function mergeRefunds(
  left: readonly RefundFact[],
  right: readonly RefundFact[],
): RefundFact[] {
  const byGid = new Map<string, RefundFact>();
  for (const refund of [...left, ...right]) {
    const known = byGid.get(refund.refundGid);
    byGid.set(refund.refundGid, known ? preferRefund(known, refund) : refund);
  }
  const merged = [...byGid.values()];
  const hasShopifyRefunds = merged.some((refund) => !isImportedRefund(refund));
  return merged
    .filter((refund) => !hasShopifyRefunds || !isImportedRefund(refund))
    .sort(
      (a, b) =>
        a.createdAt.getTime() - b.createdAt.getTime() ||
        (a.refundGid < b.refundGid ? -1 : a.refundGid > b.refundGid ? 1 : 0),
    );
}
