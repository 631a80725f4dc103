import { describe, expect, it } from "vitest";
import { backfillOrdersQuery } from "../../shopify/operations/BackfillOrders.ts";
import { bulkJsonlLines, generateTestShop, orderWebhookBody } from "../../../tests/support/simulated-bulk.ts";
import { applyOrderUpdate, netRevenueMinor, type OrderFact } from "../orders.ts";
import { readBulkLine } from "./bulk-lines.ts";
import { readBulkOrder } from "./bulk-orders.ts";
import { parseOrderPayload } from "./order-payload.ts";

const money = (amount: string, currencyCode: string, presentment = amount, presentmentCode = currencyCode) => ({
  shopMoney: { amount, currencyCode },
  presentmentMoney: { amount: presentment, currencyCode: presentmentCode },
});

const ORDER = "gid://shopify/Order/5000000123";

const orderLine = {
  id: ORDER,
  name: "#1123",
  createdAt: "2026-03-01T01:00:00Z",
  updatedAt: "2026-03-05T02:00:00Z",
  processedAt: "2026-03-01T01:00:00Z",
  cancelledAt: null,
  test: false,
  displayFinancialStatus: "PARTIALLY_REFUNDED",
  currencyCode: "JPY",
  presentmentCurrencyCode: "USD",
  taxesIncluded: true,
  customer: { id: "gid://shopify/Customer/7000000009" },
  totalPriceSet: money("15000", "JPY", "100.50", "USD"),
  subtotalPriceSet: money("14000", "JPY", "93.80", "USD"),
  totalDiscountsSet: money("1000", "JPY", "6.70", "USD"),
  totalTaxSet: money("1364", "JPY", "9.14", "USD"),
  refunds: [{ id: "gid://shopify/Refund/900000005", createdAt: "2026-03-05T02:00:00Z", totalRefundedSet: money("3000", "JPY", "20.10", "USD") }],
};

const lineItemLine = (id: string, product: string | null, discount: string | null) => ({
  id,
  title: "Hinoki soap",
  quantity: 2,
  product: product === null ? null : { id: product },
  variant: product === null ? null : { id: "gid://shopify/ProductVariant/45000000001" },
  originalUnitPriceSet: money("7500", "JPY", "50.25", "USD"),
  discountAllocations: discount === null ? [] : [{ allocatedAmountSet: money(discount, "JPY", "6.70", "USD") }],
  __parentId: ORDER,
});

describe("readBulkOrder", () => {
  it("builds the order fact of an order line and its line item lines, in shop money with the buyer's kept", () => {
    const read = readBulkOrder(orderLine, [
      lineItemLine("gid://shopify/LineItem/13000000001", "gid://shopify/Product/9000000001", "1000"),
      lineItemLine("gid://shopify/LineItem/13000000002", null, null),
    ]);
    expect(read).toEqual({
      ok: true,
      order: {
        orderGid: ORDER,
        name: "#1123",
        customerGid: "gid://shopify/Customer/7000000009",
        createdAt: new Date("2026-03-01T01:00:00Z"),
        updatedAt: new Date("2026-03-05T02:00:00Z"),
        processedAt: new Date("2026-03-01T01:00:00Z"),
        cancelledAt: null,
        test: false,
        financialStatus: "partially_refunded",
        currency: "JPY",
        presentmentCurrency: "USD",
        totalMinor: 15000,
        presentmentTotalMinor: 10050,
        subtotalMinor: 14000,
        discountMinor: 1000,
        taxMinor: 1364,
        taxesIncluded: true,
        lineItems: [
          {
            lineItemGid: "gid://shopify/LineItem/13000000001",
            productGid: "gid://shopify/Product/9000000001",
            variantGid: "gid://shopify/ProductVariant/45000000001",
            title: "Hinoki soap",
            quantity: 2,
            priceMinor: 7500,
            discountMinor: 1000,
          },
          {
            lineItemGid: "gid://shopify/LineItem/13000000002",
            productGid: null,
            variantGid: null,
            title: "Hinoki soap",
            quantity: 2,
            priceMinor: 7500,
            discountMinor: 0,
          },
        ],
        refunds: [
          {
            refundGid: "gid://shopify/Refund/900000005",
            orderGid: ORDER,
            createdAt: new Date("2026-03-05T02:00:00Z"),
            amountMinor: 3000,
            presentmentAmountMinor: 2010,
          },
        ],
      },
    });
  });

  it("reads a guest order without line items and with the optional money bags left out as zero", () => {
    const read = readBulkOrder({ ...orderLine, customer: null, subtotalPriceSet: null, totalDiscountsSet: null, totalTaxSet: null, refunds: [] }, []);
    expect(read.ok && [read.order.customerGid, read.order.subtotalMinor, read.order.discountMinor, read.order.taxMinor, read.order.lineItems]).toEqual([
      null,
      0,
      0,
      0,
      [],
    ]);
  });

  it("dates a refund Shopify gives no createdAt at its order's last update", () => {
    const read = readBulkOrder({ ...orderLine, refunds: [{ ...orderLine.refunds[0]!, createdAt: null }] }, []);
    expect(read.ok && read.order.refunds[0]!.createdAt).toEqual(new Date("2026-03-05T02:00:00Z"));
  });

  it.each([
    ["an order line without an id", { ...orderLine, id: undefined }, [], { reason: "UNEXPECTED_SHAPE", path: "id" }],
    ["money in another currency than the order's", { ...orderLine, totalPriceSet: money("15000", "USD") }, [], { reason: "MALFORMED_MONEY", path: "totalPriceSet" }],
    ["an amount with too many decimals", { ...orderLine, totalTaxSet: money("1364.5", "JPY", "9.14", "USD") }, [], { reason: "MALFORMED_MONEY", path: "totalTaxSet" }],
    ["an instant without an offset", { ...orderLine, updatedAt: "2026-03-05 02:00" }, [], { reason: "MALFORMED_TIMESTAMP", path: "updatedAt" }],
    [
      "a line item of another order",
      orderLine,
      [{ ...lineItemLine("gid://shopify/LineItem/1", null, null), __parentId: "gid://shopify/Order/1" }],
      { reason: "UNEXPECTED_SHAPE", path: "lineItems.0.__parentId" },
    ],
    [
      "a line item without a quantity",
      orderLine,
      [{ ...lineItemLine("gid://shopify/LineItem/1", null, null), quantity: "2" }],
      { reason: "UNEXPECTED_SHAPE", path: "lineItems.0.quantity" },
    ],
  ])("names the path of %s and no value", (_label, order, lineItems, error) => {
    expect(readBulkOrder(order, lineItems)).toEqual({ ok: false, ...error });
  });
});

describe("readBulkLine", () => {
  it.each([
    ['{"id":"gid://shopify/Order/1","name":"#1"}', { ok: true, line: { json: { id: "gid://shopify/Order/1", name: "#1" }, gid: "gid://shopify/Order/1", parentGid: null } }],
    [
      '{"id":"gid://shopify/LineItem/2","__parentId":"gid://shopify/Order/1"}',
      { ok: true, line: { json: { id: "gid://shopify/LineItem/2", __parentId: "gid://shopify/Order/1" }, gid: "gid://shopify/LineItem/2", parentGid: "gid://shopify/Order/1" } },
    ],
    ['{"id":"gid://shopify/Order/1"', { ok: false, reason: "MALFORMED_JSON", path: "" }],
    ["[1,2]", { ok: false, reason: "UNEXPECTED_SHAPE", path: "" }],
    ['{"__parentId":7}', { ok: false, reason: "UNEXPECTED_SHAPE", path: "__parentId" }],
  ])("reads %s", (text, expected) => {
    expect(readBulkLine(text)).toEqual(expected);
  });
});

describe("the orders bulk query against the simulated shop", () => {
  // The simulator prints the same shop as webhooks and as bulk JSONL; both readers must agree.
  const state = generateTestShop();
  const lines = bulkJsonlLines(state, backfillOrdersQuery(null)).map((text) => {
    const read = readBulkLine(text);
    if (!read.ok) throw new Error(`unreadable line: ${read.reason}`);
    return read.line;
  });
  const orders = new Map<string, OrderFact>();
  for (const root of lines.filter((line) => line.parentGid === null)) {
    const read = readBulkOrder(root.json, lines.filter((line) => line.parentGid === root.gid).map((line) => line.json));
    if (!read.ok) throw new Error(`order line unreadable: ${read.reason} at ${read.path}`);
    orders.set(read.order.orderGid, read.order);
  }
  const webhookOrders = new Map([...state.orders.values()].map((order) => [order.id, orderWebhookBody(state, order)]));

  it("gives every order the same fact as its orders/updated webhook, line items and refunds included", () => {
    expect(orders.size).toBeGreaterThan(300);
    for (const [orderGid, fact] of orders) {
      const webhook = parseOrderPayload(webhookOrders.get(orderGid)!);
      if (!webhook.ok) throw new Error(`webhook of ${orderGid} unreadable`);
      const { refunds: bulkRefunds, ...bulkRest } = fact;
      const { refunds: webhookRefunds, ...webhookRest } = webhook.order;
      expect(bulkRest).toEqual(webhookRest);
      expect(bulkRefunds.map(({ amountMinor: _, ...refund }) => refund)).toEqual(webhookRefunds.map(({ amountMinor: _, ...refund }) => refund));
      // A webhook gives a refund in another currency only through its refund lines' rate, GraphQL
      // gives Shopify's own shop-money figure: they may differ by the rounding of one minor unit.
      for (const [index, refund] of bulkRefunds.entries()) {
        const difference = Math.abs(refund.amountMinor! - webhookRefunds[index]!.amountMinor!);
        expect(difference).toBeLessThanOrEqual(fact.currency === fact.presentmentCurrency ? 0 : 1);
      }
      // Either way the two copies of a refund merge into one: nothing is counted twice.
      expect(applyOrderUpdate(applyOrderUpdate(null, webhook.order), fact).refunds).toHaveLength(webhookRefunds.length);
    }
  });

  it("keeps net revenue within the paid total for every backfilled order", () => {
    for (const fact of orders.values()) {
      const net = netRevenueMinor(fact as OrderFact);
      expect(net).toBeGreaterThanOrEqual(0);
      expect(net).toBeLessThanOrEqual(fact.totalMinor);
    }
  });
});
