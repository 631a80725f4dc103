// Order and refund webhook bodies for the analytics tests: the fields Kizuna reads, shaped as
// Shopify's REST JSON (shopify-platform.md §7.2, §7.3), in a JPY shop. Numeric ids are written as
// digits, so the bodies parse exactly like Shopify's.
export type OrderBody = {
  orderId: number;
  customerId: number | null;
  processedAt: Date;
  /** Later than processedAt for an update. */
  updatedAt?: Date;
  totalYen: number;
  cancelledAt?: Date | null;
  test?: boolean;
};

function yen(amount: number) {
  const money = { amount: String(amount), currency_code: "JPY" };
  return { shop_money: money, presentment_money: money };
}

export function orderBody(order: OrderBody): string {
  const at = order.processedAt.toISOString();
  return JSON.stringify({
    id: order.orderId,
    admin_graphql_api_id: `gid://shopify/Order/${order.orderId}`,
    name: `#${order.orderId}`,
    customer: order.customerId === null ? null : { id: order.customerId, admin_graphql_api_id: `gid://shopify/Customer/${order.customerId}` },
    created_at: at,
    updated_at: (order.updatedAt ?? order.processedAt).toISOString(),
    processed_at: at,
    cancelled_at: order.cancelledAt ? order.cancelledAt.toISOString() : null,
    test: order.test ?? false,
    financial_status: "paid",
    currency: "JPY",
    presentment_currency: "JPY",
    total_price_set: yen(order.totalYen),
    subtotal_price_set: yen(order.totalYen),
    total_discounts_set: yen(0),
    total_tax_set: yen(Math.floor(order.totalYen / 11)),
    taxes_included: true,
    line_items: [],
    refunds: [],
  });
}

export type RefundBody = { refundId: number; orderId: number; createdAt: Date; amountYen: number };

export function refundBody(refund: RefundBody): string {
  return JSON.stringify({
    id: refund.refundId,
    admin_graphql_api_id: `gid://shopify/Refund/${refund.refundId}`,
    order_id: refund.orderId,
    created_at: refund.createdAt.toISOString(),
    total_duties_set: yen(0),
    refund_line_items: [],
    transactions: [{ kind: "refund", status: "success", amount: String(refund.amountYen) }],
  });
}

export const customerGid = (customerId: number) => `gid://shopify/Customer/${customerId}`;
export const orderGid = (orderId: number) => `gid://shopify/Order/${orderId}`;
export const refundGid = (refundId: number) => `gid://shopify/Refund/${refundId}`;
