import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addCatalogue } from "./catalogue.ts";
import {
  cancelOrder,
  changeTags,
  createCustomer,
  createDiscountCode,
  deleteCustomer,
  finishBulkOperation,
  markOrderPaid,
  metafieldValueProblem,
  placeOrder,
  refundOrder,
  requestCustomerRedact,
  setMetafields,
  ShopCommandError,
  startBulkOperation,
  uninstallApp,
  updateCustomer,
  updateEmailMarketingConsent,
  updateOrder,
} from "./commands.ts";
import type { ShopState, SimCustomer } from "./state.ts";
import { createShopState, refundedTotalOf } from "./state.ts";

const T0 = new Date("2026-06-01T00:00:00Z");
const T1 = new Date("2026-06-02T00:00:00Z");

function freshShop(): { state: ShopState; customer: SimCustomer } {
  const state = createShopState(
    {
      domain: "cmd.myshopify.com",
      name: "Cmd",
      currencyCode: "JPY",
      ianaTimezone: "Asia/Tokyo",
    },
    T0,
  );
  addCatalogue(state);
  const { result: customer } = createCustomer(
    state,
    { firstName: "健", lastName: "佐藤", email: "ken.sato@example.jp" },
    T0,
  );
  return { state, customer };
}

describe("placeOrder", () => {
  it("creates a priced order and emits orders/create, orders/paid and customers/update", () => {
    const { state, customer } = freshShop();
    const matcha = state.products[0]!;
    const { events, result: order } = placeOrder(
      state,
      {
        customerId: customer.id,
        lines: [{ productId: matcha.id, quantity: 2 }],
      },
      T1,
    );
    expect(events.map((event) => event.type)).toEqual([
      "OrderCreated",
      "OrderPaid",
      "CustomerUpdated",
    ]);
    expect(order.name).toBe("#1001");
    expect(order.lineItemsTotal).toEqual({
      shopMinor: 9600,
      presentmentMinor: 9600,
    });
    // ¥9,600 is over the ¥5,000 free-shipping line; 10 % tax is included: 9600 × 10/110 = 872.7.
    expect(order.shipping.shopMinor).toBe(0);
    expect(order.totalTax.shopMinor).toBe(873);
    expect(order.total.shopMinor).toBe(9600);
    expect(customer.orderIds).toEqual([order.id]);
    expect(customer.updatedAt).toBe("2026-06-02T00:00:00Z");
  });

  it("converts a USD-paying buyer's amounts and charges shipping under ¥5,000", () => {
    const { state } = freshShop();
    const { result: order } = placeOrder(
      state,
      {
        customerId: null,
        email: "guest@example.com",
        lines: [
          { title: "Custom", sku: "C-1", unitPriceMinor: 3000, quantity: 1 },
        ],
        presentmentCurrencyCode: "USD",
      },
      T1,
    );
    expect(order.customerId).toBeNull();
    expect(order.shipping).toEqual({ shopMinor: 600, presentmentMinor: 402 });
    expect(order.total).toEqual({ shopMinor: 3600, presentmentMinor: 2412 });
  });

  it("applies a customer-specific discount code once and rejects it for someone else", () => {
    const { state, customer } = freshShop();
    createDiscountCode(
      state,
      {
        title: "Second purchase",
        code: "KZ-ABC",
        value: { kind: "percentage", percentage: 10 },
        startsAt: "2026-01-01T00:00:00Z",
        usageLimit: 1,
        appliesOncePerCustomer: true,
        eligibleCustomerIds: [customer.id],
      },
      T0,
    );
    const line = { productId: state.products[1]!.id, quantity: 2 };
    const { result: order } = placeOrder(
      state,
      { customerId: customer.id, lines: [line], discountCode: "kz-abc" },
      T1,
    );
    expect(order.totalDiscounts.shopMinor).toBe(324);
    expect(order.discountCodes.map((code) => code.code)).toEqual(["KZ-ABC"]);
    expect(() =>
      placeOrder(
        state,
        { customerId: customer.id, lines: [line], discountCode: "KZ-ABC" },
        T1,
      ),
    ).toThrow(ShopCommandError);
    expect(() =>
      placeOrder(
        state,
        { customerId: null, lines: [line], discountCode: "KZ-ABC" },
        T1,
      ),
    ).toThrow("isn't valid");
  });
});

describe("refundOrder", () => {
  it("refunds part of a line, then the rest, ending exactly at the total", () => {
    const { state, customer } = freshShop();
    const { result: order } = placeOrder(
      state,
      {
        customerId: customer.id,
        lines: [{ productId: state.products[2]!.id, quantity: 3 }],
      },
      T0,
    );
    const lineItemId = order.lineItems[0]!.id;
    const first = refundOrder(
      state,
      { orderId: order.id, lines: [{ lineItemId, quantity: 1 }] },
      T1,
    );
    expect(first.events.map((event) => event.type)).toEqual([
      "RefundCreated",
      "OrderUpdated",
    ]);
    expect(first.result.amount.shopMinor).toBe(1080);
    expect(order.financialStatus).toBe("partially_refunded");
    refundOrder(state, { orderId: order.id, lines: "all" }, T1);
    expect(refundedTotalOf(order).shopMinor).toBe(order.total.shopMinor);
    expect(order.financialStatus).toBe("refunded");
    expect(() =>
      refundOrder(state, { orderId: order.id, lines: "all" }, T1),
    ).toThrow("only paid orders");
  });

  it("never refunds more than was paid, whatever the sequence of partial refunds", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.constantFrom<"JPY" | "USD">("JPY", "USD"),
        fc.array(
          fc.tuple(fc.nat(3), fc.integer({ min: 1, max: 4 }), fc.boolean()),
          { maxLength: 8 },
        ),
        (quantities, presentment, refunds) => {
          const { state, customer } = freshShop();
          const lines = quantities.map((quantity, index) => ({
            productId: state.products[index]!.id,
            quantity,
          }));
          const { result: order } = placeOrder(
            state,
            {
              customerId: customer.id,
              lines,
              presentmentCurrencyCode: presentment,
              discountCode: undefined,
            },
            T0,
          );
          for (const [lineIndex, quantity, shipping] of refunds) {
            const line = order.lineItems[lineIndex % order.lineItems.length]!;
            try {
              refundOrder(
                state,
                {
                  orderId: order.id,
                  lines: [{ lineItemId: line.id, quantity }],
                  refundShipping: shipping,
                },
                T1,
              );
            } catch (error) {
              expect(error).toBeInstanceOf(ShopCommandError);
            }
            const refunded = refundedTotalOf(order);
            expect(refunded.shopMinor).toBeLessThanOrEqual(
              order.total.shopMinor,
            );
            expect(refunded.presentmentMinor).toBeLessThanOrEqual(
              order.total.presentmentMinor,
            );
          }
        },
      ),
    );
  });
});

describe("cancelOrder", () => {
  it("voids a pending order without a refund", () => {
    const { state, customer } = freshShop();
    const { result: order } = placeOrder(
      state,
      {
        customerId: customer.id,
        lines: [{ productId: state.products[0]!.id, quantity: 1 }],
        financialStatus: "pending",
      },
      T0,
    );
    const { events } = cancelOrder(
      state,
      { orderId: order.id, reason: "customer", refund: true },
      T1,
    );
    expect(events.map((event) => event.type)).toEqual([
      "OrderCancelled",
      "OrderUpdated",
    ]);
    expect(order.financialStatus).toBe("voided");
    expect(order.cancelledAt).toBe("2026-06-02T00:00:00Z");
  });

  it("refunds a paid order in full when asked", () => {
    const { state, customer } = freshShop();
    const { result: order } = placeOrder(
      state,
      {
        customerId: customer.id,
        lines: [{ productId: state.products[0]!.id, quantity: 1 }],
      },
      T0,
    );
    const { events } = cancelOrder(
      state,
      { orderId: order.id, reason: "inventory", refund: true },
      T1,
    );
    expect(events.map((event) => event.type)).toEqual([
      "RefundCreated",
      "OrderCancelled",
      "OrderUpdated",
    ]);
    expect(order.financialStatus).toBe("refunded");
    expect(() =>
      cancelOrder(
        state,
        { orderId: order.id, reason: "other", refund: false },
        T1,
      ),
    ).toThrow("already cancelled");
  });
});

describe("order updates", () => {
  it("advances updatedAt even when two writes share one second", () => {
    const { state } = freshShop();
    const { result: order } = placeOrder(
      state,
      {
        customerId: null,
        lines: [{ productId: state.products[0]!.id, quantity: 1 }],
        financialStatus: "pending",
      },
      T0,
    );
    updateOrder(state, { orderId: order.id, tags: ["gift", "gift", " "] }, T0);
    expect(order.tags).toEqual(["gift"]);
    expect(order.updatedAt).toBe("2026-06-01T00:00:01Z");
    const { events } = markOrderPaid(state, { orderId: order.id }, T0);
    expect(order.updatedAt).toBe("2026-06-01T00:00:02Z");
    expect(events.map((event) => event.type)).toEqual([
      "OrderPaid",
      "OrderUpdated",
    ]);
  });

  it("snapshots the order in its events so later writes don't change them", () => {
    const { state } = freshShop();
    const { events, result: order } = placeOrder(
      state,
      {
        customerId: null,
        lines: [{ productId: state.products[0]!.id, quantity: 1 }],
      },
      T0,
    );
    updateOrder(state, { orderId: order.id, note: "later" }, T1);
    expect(
      events[0]!.type === "OrderCreated" && events[0]!.order.note,
    ).toBeNull();
  });
});

describe("customer commands", () => {
  it("rejects a duplicate email, case-insensitively", () => {
    const { state } = freshShop();
    expect(() =>
      createCustomer(
        state,
        { firstName: "K", lastName: "S", email: "KEN.SATO@example.jp" },
        T1,
      ),
    ).toThrow("already been taken");
  });

  it("emits tags_added and tags_removed for the difference", () => {
    const { state, customer } = freshShop();
    updateCustomer(
      state,
      { customerId: customer.id, tags: ["vip", "newsletter"] },
      T1,
    );
    const { events } = changeTags(
      state,
      { id: customer.id, add: ["gold"], remove: ["vip"] },
      T1,
    );
    expect(events).toMatchObject([
      { type: "CustomerUpdated" },
      { type: "CustomerTagsAdded", tags: ["gold"] },
      { type: "CustomerTagsRemoved", tags: ["vip"] },
    ]);
    expect(customer.tags).toEqual(["newsletter", "gold"]);
    expect(
      changeTags(state, { id: customer.id, add: ["gold"] }, T1).events,
    ).toEqual([]);
  });

  it("updates email consent with both webhooks", () => {
    const { state, customer } = freshShop();
    const { events } = updateEmailMarketingConsent(
      state,
      {
        customerId: customer.id,
        state: "SUBSCRIBED",
        optInLevel: "CONFIRMED_OPT_IN",
      },
      T1,
    );
    expect(events.map((event) => event.type)).toEqual([
      "EmailMarketingConsentUpdated",
      "CustomerUpdated",
    ]);
    expect(customer.emailMarketingConsent).toEqual({
      state: "SUBSCRIBED",
      optInLevel: "CONFIRMED_OPT_IN",
      consentUpdatedAt: "2026-06-02T00:00:00Z",
    });
  });

  it("deletes a customer without orders and refuses one with orders", () => {
    const { state, customer } = freshShop();
    const { result: other } = createCustomer(
      state,
      {
        firstName: "Emma",
        lastName: "Smith",
        email: "emma@example.com",
        locale: "en",
      },
      T0,
    );
    placeOrder(
      state,
      {
        customerId: customer.id,
        lines: [{ productId: state.products[0]!.id, quantity: 1 }],
      },
      T0,
    );
    expect(() =>
      deleteCustomer(state, { customerId: customer.id }, T1),
    ).toThrow("have orders");
    const { events } = deleteCustomer(state, { customerId: other.id }, T1);
    expect(events.map((event) => event.type)).toEqual(["CustomerDeleted"]);
    expect(state.customers.has(other.id)).toBe(false);
  });

  it("lists the customer's orders in a redact request", () => {
    const { state, customer } = freshShop();
    const { result: order } = placeOrder(
      state,
      {
        customerId: customer.id,
        lines: [{ productId: state.products[0]!.id, quantity: 1 }],
      },
      T0,
    );
    const { events } = requestCustomerRedact(
      state,
      { customerId: customer.id },
      T1,
    );
    expect(events).toMatchObject([
      {
        type: "CustomerRedactRequested",
        customer: { email: "ken.sato@example.jp" },
        orderIds: [order.id],
      },
    ]);
  });
});

describe("setMetafields", () => {
  it("writes atomically and honours compareDigest", () => {
    const { state, customer } = freshShop();
    const entry = {
      ownerId: customer.id,
      namespace: "$app:kizuna",
      key: "rank",
      type: "single_line_text_field",
      value: "gold",
    };
    const {
      result: [written],
    } = setMetafields(
      state,
      { metafields: [{ ...entry, compareDigest: null }] },
      T0,
    );
    expect(written!.id).toBe("gid://shopify/Metafield/27000000001");
    expect(() =>
      setMetafields(
        state,
        { metafields: [{ ...entry, value: "silver", compareDigest: null }] },
        T1,
      ),
    ).toThrow("updated since");
    const {
      result: [updated],
    } = setMetafields(
      state,
      {
        metafields: [
          { ...entry, value: "silver", compareDigest: written!.compareDigest },
        ],
      },
      T1,
    );
    expect(updated).toMatchObject({
      id: written!.id,
      value: "silver",
      createdAt: "2026-06-01T00:00:00Z",
      updatedAt: "2026-06-02T00:00:00Z",
    });
    expect(() =>
      setMetafields(
        state,
        { metafields: [{ ...entry, ownerId: "gid://shopify/Customer/1" }] },
        T1,
      ),
    ).toThrow("Owner does not exist");
  });
});

describe("metafieldValueProblem", () => {
  it.each([
    ["json", '{"key":"gold","position":2}', null],
    ["json", "[1, 2]", null],
    ["json", "{key: gold}", "Value is invalid JSON."],
    ["number_integer", "42", null],
    ["number_integer", "-9223372036854775808", null],
    ["number_integer", "9223372036854775808", "Value must be a 64-bit integer."],
    ["number_integer", "4.2", "Value must be an integer."],
    ["number_integer", "", "Value must be an integer."],
    ["boolean", "true", null],
    ["boolean", "yes", "Value must be true or false."],
    ["single_line_text_field", "gold", null],
    ["single_line_text_field", "gold\nsilver", "Value must be a single line."],
    ["multi_line_text_field", "gold\nsilver", null],
  ])("%s %j → %s", (type, value, expected) => {
    expect(metafieldValueProblem(type, value)).toBe(expected);
  });
});

describe("bulk operations", () => {
  it("allows five running operations and emits bulk_operations/finish when one completes", () => {
    const { state } = freshShop();
    const ids = Array.from(
      { length: 5 },
      () =>
        startBulkOperation(
          state,
          { query: "{ customers { edges { node { id } } } }" },
          T0,
        ).result.id,
    );
    expect(() =>
      startBulkOperation(
        state,
        { query: "{ orders { edges { node { id } } } }" },
        T0,
      ),
    ).toThrow(expect.objectContaining({ code: "LIMIT_REACHED" }));
    const { events, result } = finishBulkOperation(
      state,
      {
        bulkOperationId: ids[0]!,
        status: "COMPLETED",
        objectCount: 3,
        rootObjectCount: 3,
        fileSize: 120,
        url: "http://127.0.0.1/bulk/1.jsonl",
      },
      T1,
    );
    expect(result.status).toBe("COMPLETED");
    expect(events.map((event) => event.type)).toEqual([
      "BulkOperationFinished",
    ]);
  });
});

describe("uninstallApp", () => {
  it("marks the app uninstalled once", () => {
    const { state } = freshShop();
    const { events } = uninstallApp(state, {}, T1);
    expect(events.map((event) => event.type)).toEqual(["AppUninstalled"]);
    expect(state.shop.appInstalled).toBe(false);
    expect(() => uninstallApp(state, {}, T1)).toThrow("not installed");
  });
});
