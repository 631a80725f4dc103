// Order and refund arithmetic in integer minor units, done once per currency so that each currency's
// totals add up exactly: line totals − discounts = subtotal; subtotal + shipping (+ tax unless prices
// include it) = total. Japanese shops include 10 % consumption tax in prices; US shops add it on top.

import type { CurrencyCode, MoneyPair, SimOrder, SimShop } from "./state.ts";
import { refundedQuantityOf, refundedTotalOf, sumMoney } from "./state.ts";

/** A discount as the buyer typed it; fixed amounts are in shop-currency minor units. */
export type DiscountRule =
  | { type: "percentage"; percentage: number }
  | { type: "fixed_amount"; amountMinor: number };

export interface PricedOrder {
  lineDiscounts: MoneyPair[];
  unitPrices: MoneyPair[];
  lineItemsTotal: MoneyPair;
  totalDiscounts: MoneyPair;
  subtotal: MoneyPair;
  shipping: MoneyPair;
  totalTax: MoneyPair;
  total: MoneyPair;
}

interface PricedInOneCurrency {
  lineDiscounts: number[];
  lineItemsTotal: number;
  totalDiscounts: number;
  subtotal: number;
  shippingMinor: number;
  totalTax: number;
  total: number;
}

function taxOf(amountMinor: number, shop: SimShop): number {
  const basisPoints = shop.taxRateBasisPoints;
  return shop.taxesIncluded
    ? Math.round((amountMinor * basisPoints) / (10000 + basisPoints))
    : Math.round((amountMinor * basisPoints) / 10000);
}

function priceInOneCurrency(
  shop: SimShop,
  unitPrices: readonly number[],
  quantities: readonly number[],
  discountMinorFor: (lineItemsTotal: number) => number,
  shippingMinorFor: (subtotal: number) => number,
): PricedInOneCurrency {
  let lineItemsTotal = 0;
  for (let index = 0; index < unitPrices.length; index++)
    lineItemsTotal += unitPrices[index]! * quantities[index]!;
  const totalDiscounts = Math.min(
    discountMinorFor(lineItemsTotal),
    lineItemsTotal,
  );
  // Allocate pro rata and give the rounding remainder to the last line, so allocations sum exactly.
  const lineDiscounts: number[] = [];
  let allocated = 0;
  for (let index = 0; index < unitPrices.length; index++) {
    const share =
      lineItemsTotal === 0
        ? 0
        : Math.floor(
            (totalDiscounts * unitPrices[index]! * quantities[index]!) /
              lineItemsTotal,
          );
    lineDiscounts.push(share);
    allocated += share;
  }
  if (lineDiscounts.length > 0)
    lineDiscounts[lineDiscounts.length - 1]! += totalDiscounts - allocated;
  const subtotal = lineItemsTotal - totalDiscounts;
  const shippingMinor = shippingMinorFor(subtotal);
  const totalTax = taxOf(subtotal + shippingMinor, shop);
  const total = shop.taxesIncluded
    ? subtotal + shippingMinor
    : subtotal + shippingMinor + totalTax;
  return {
    lineDiscounts,
    lineItemsTotal,
    totalDiscounts,
    subtotal,
    shippingMinor,
    totalTax,
    total,
  };
}

/** The zero amount, shared: most lines carry no discount, so sharing it saves an object per line. */
export const ZERO_MONEY: MoneyPair = Object.freeze({
  shopMinor: 0,
  presentmentMinor: 0,
});

/** Unit-price pairs, shared per (rate, price): a catalogue has few prices and history has many lines. */
const unitPairsByRate = new Map<number, Map<number, MoneyPair>>();

function pair(shopMinor: number, presentmentMinor: number): MoneyPair {
  return shopMinor === 0 && presentmentMinor === 0
    ? ZERO_MONEY
    : { shopMinor, presentmentMinor };
}

function unitPair(shopMinor: number, rate: number): MoneyPair {
  let byPrice = unitPairsByRate.get(rate);
  if (byPrice === undefined) unitPairsByRate.set(rate, (byPrice = new Map()));
  let shared = byPrice.get(shopMinor);
  if (shared === undefined)
    byPrice.set(
      shopMinor,
      (shared = Object.freeze({
        shopMinor,
        presentmentMinor: Math.round(shopMinor * rate),
      })),
    );
  return shared;
}

/**
 * Prices an order in the shop currency and in the presentment currency (unit prices converted first).
 * Shipping is chosen from the shop-currency subtotal and converted. Returned pairs are values: some are
 * shared between orders and frozen, so replace a pair rather than change it.
 */
export function priceOrder(
  shop: SimShop,
  presentmentCurrencyCode: CurrencyCode,
  lines: readonly { unitPriceMinor: number; quantity: number }[],
  discount: DiscountRule | null,
  shippingMinorFor: (subtotalShopMinor: number) => number,
): PricedOrder {
  const rate = shop.presentmentRates[presentmentCurrencyCode];
  if (rate === undefined)
    throw new Error(
      `${presentmentCurrencyCode} is not a presentment currency of ${shop.domain}`,
    );
  const unitPrices = lines.map((line) => unitPair(line.unitPriceMinor, rate));
  const quantities = lines.map((line) => line.quantity);
  const discountFor = (fixedRate: number) => (lineItemsTotal: number) => {
    if (discount === null) return 0;
    if (discount.type === "percentage")
      return Math.round((lineItemsTotal * discount.percentage) / 100);
    return Math.round(discount.amountMinor * fixedRate);
  };
  const inShop = priceInOneCurrency(
    shop,
    unitPrices.map((unit) => unit.shopMinor),
    quantities,
    discountFor(1),
    shippingMinorFor,
  );
  const presentmentShipping = Math.round(inShop.shippingMinor * rate);
  const inPresentment = priceInOneCurrency(
    shop,
    unitPrices.map((unit) => unit.presentmentMinor),
    quantities,
    discountFor(rate),
    () => presentmentShipping,
  );
  return {
    unitPrices,
    lineDiscounts: inShop.lineDiscounts.map((discountMinor, index) =>
      pair(discountMinor, inPresentment.lineDiscounts[index]!),
    ),
    lineItemsTotal: pair(inShop.lineItemsTotal, inPresentment.lineItemsTotal),
    totalDiscounts: pair(inShop.totalDiscounts, inPresentment.totalDiscounts),
    subtotal: pair(inShop.subtotal, inPresentment.subtotal),
    shipping: pair(inShop.shippingMinor, presentmentShipping),
    totalTax: pair(inShop.totalTax, inPresentment.totalTax),
    total: pair(inShop.total, inPresentment.total),
  };
}

export interface PricedRefundLine {
  lineItemId: string;
  quantity: number;
  subtotal: MoneyPair;
  totalTax: MoneyPair;
}

export interface PricedRefund {
  lines: PricedRefundLine[];
  shipping: MoneyPair;
  amount: MoneyPair;
}

function refundedSubtotalOf(order: SimOrder, lineItemId: string): MoneyPair {
  return sumMoney(
    order.refunds.flatMap((refund) =>
      refund.lineItems
        .filter((line) => line.lineItemId === lineItemId)
        .map((line) => line.subtotal),
    ),
  );
}

/**
 * Prices a refund of some units (and optionally the remaining shipping). The last unit of a line refunds
 * whatever is left of that line, and the amount never exceeds what is still paid, so refunds can't
 * add up to more than the order's total.
 */
export function priceRefund(
  shop: SimShop,
  order: SimOrder,
  lines: readonly { lineItemId: string; quantity: number }[],
  refundShipping: boolean,
): PricedRefund {
  const pricedLines = lines.map((requested) => {
    const lineItem = order.lineItems.find(
      (line) => line.id === requested.lineItemId,
    );
    if (lineItem === undefined)
      throw new Error(`${requested.lineItemId} is not a line of ${order.id}`);
    const alreadyRefundedQuantity = refundedQuantityOf(order, lineItem.id);
    const remainingQuantity = lineItem.quantity - alreadyRefundedQuantity;
    if (requested.quantity < 1 || requested.quantity > remainingQuantity) {
      throw new Error(
        `cannot refund ${requested.quantity} of ${lineItem.id}: ${remainingQuantity} left`,
      );
    }
    const alreadyRefunded = refundedSubtotalOf(order, lineItem.id);
    const subtotalIn = (
      unitMinor: number,
      discountMinor: number,
      refundedMinor: number,
    ) => {
      const netMinor = unitMinor * lineItem.quantity - discountMinor;
      return requested.quantity === remainingQuantity
        ? netMinor - refundedMinor
        : Math.round((netMinor * requested.quantity) / lineItem.quantity);
    };
    const subtotal = pair(
      subtotalIn(
        lineItem.unitPrice.shopMinor,
        lineItem.discount.shopMinor,
        alreadyRefunded.shopMinor,
      ),
      subtotalIn(
        lineItem.unitPrice.presentmentMinor,
        lineItem.discount.presentmentMinor,
        alreadyRefunded.presentmentMinor,
      ),
    );
    return {
      lineItemId: lineItem.id,
      quantity: requested.quantity,
      subtotal,
      totalTax: pair(
        taxOf(subtotal.shopMinor, shop),
        taxOf(subtotal.presentmentMinor, shop),
      ),
    };
  });
  const shippingRefunded = sumMoney(
    order.refunds.map((refund) => refund.shipping),
  );
  const shipping = refundShipping
    ? pair(
        order.shipping.shopMinor - shippingRefunded.shopMinor,
        order.shipping.presentmentMinor - shippingRefunded.presentmentMinor,
      )
    : pair(0, 0);
  const amountIn = (
    pick: (money: MoneyPair) => number,
    refundedBefore: number,
    orderTotal: number,
  ) => {
    let amount = pick(shipping);
    for (const line of pricedLines)
      amount +=
        pick(line.subtotal) + (shop.taxesIncluded ? 0 : pick(line.totalTax));
    return Math.min(amount, orderTotal - refundedBefore);
  };
  const refunded = refundedTotalOf(order);
  return {
    lines: pricedLines,
    shipping,
    amount: pair(
      amountIn(
        (money) => money.shopMinor,
        refunded.shopMinor,
        order.total.shopMinor,
      ),
      amountIn(
        (money) => money.presentmentMinor,
        refunded.presentmentMinor,
        order.total.presentmentMinor,
      ),
    ),
  };
}
