import { describe, expect, it } from "vitest";
import { prisma } from "../db.server.ts";
import type { OrderFact, RefundFact } from "../domain/orders.ts";
import { deleteOrders, findOrderState, saveOrderState } from "./orders.server.ts";

const ORDER_GID = "gid://shopify/Order/9007199254740993";
const refund: RefundFact = {
  refundGid: "gid://shopify/Refund/1",
  orderGid: ORDER_GID,
  createdAt: new Date("2025-03-05T00:00:00Z"),
  amountMinor: null,
  presentmentAmountMinor: 1000,
};
const order: OrderFact = {
  orderGid: ORDER_GID,
  name: "#1001",
  customerGid: null,
  createdAt: new Date("2025-03-01T01:00:00Z"),
  updatedAt: new Date("2025-03-02T01:00:00Z"),
  processedAt: new Date("2025-03-01T01:00:00Z"),
  cancelledAt: null,
  test: false,
  financialStatus: "paid",
  currency: "JPY",
  presentmentCurrency: "USD",
  totalMinor: 15000,
  presentmentTotalMinor: 10000,
  subtotalMinor: 14000,
  discountMinor: 500,
  taxMinor: 1000,
  taxesIncluded: true,
  lineItems: [
    { lineItemGid: "gid://shopify/LineItem/2", productGid: "gid://shopify/Product/3", variantGid: null, title: "Tea", quantity: 2, priceMinor: 7000, discountMinor: 500 },
    { lineItemGid: "gid://shopify/LineItem/1", productGid: null, variantGid: null, title: "Cup", quantity: 1, priceMinor: 500, discountMinor: 0 },
  ],
  refunds: [refund],
};

describe("saveOrderState and findOrderState", () => {
  it("read back exactly the order that was saved, line items in payload order", async () => {
    const shop = "orders-1.myshopify.com";
    await saveOrderState(shop, order, "import");
    expect(await findOrderState(shop, ORDER_GID)).toEqual(order);
    const row = await prisma.order.findUniqueOrThrow({ where: { shop_orderGid: { shop, orderGid: ORDER_GID } } });
    // The presentment-only refund is converted at the order's own rate: 1000 × 15000 / 10000.
    expect(row).toMatchObject({ refundedMinor: 1500, netMinor: 13500, countsTowardShopTotals: true, countsTowardCustomerAnalytics: false, source: "import" });
  });

  it("keep the first source and replace line items when the order is saved again", async () => {
    const shop = "orders-2.myshopify.com";
    await saveOrderState(shop, order, "backfill");
    await saveOrderState(shop, { ...order, lineItems: order.lineItems.slice(1) }, "webhook");
    expect((await findOrderState(shop, ORDER_GID)) as OrderFact).toMatchObject({ lineItems: [{ title: "Cup" }] });
    expect(await prisma.order.findFirstOrThrow({ where: { shop } })).toMatchObject({ source: "backfill" });
  });

  it("store refunds awaiting their order without an order row", async () => {
    const shop = "orders-3.myshopify.com";
    await saveOrderState(shop, { orderGid: ORDER_GID, awaitingOrder: true, refunds: [refund] }, "webhook");
    expect(await prisma.order.count({ where: { shop } })).toBe(0);
    expect(await findOrderState(shop, ORDER_GID)).toEqual({ orderGid: ORDER_GID, awaitingOrder: true, refunds: [refund] });
  });

  it("scope every read to the shop", async () => {
    await saveOrderState("orders-4.myshopify.com", order, "webhook");
    expect(await findOrderState("orders-5.myshopify.com", ORDER_GID)).toBeNull();
  });
});

describe("deleteOrders", () => {
  it("removes the order with its line items and refunds", async () => {
    const shop = "orders-6.myshopify.com";
    await saveOrderState(shop, order, "webhook");
    await deleteOrders(shop, [ORDER_GID]);
    expect(await findOrderState(shop, ORDER_GID)).toBeNull();
    expect(await prisma.orderLineItem.count({ where: { shop } })).toBe(0);
  });
});
