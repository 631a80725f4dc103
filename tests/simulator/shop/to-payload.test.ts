import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { addCatalogue } from "./catalogue.ts";
import {
  cancelOrder,
  createCustomer,
  createDiscountCode,
  deleteCustomer,
  finishBulkOperation,
  placeOrder,
  refundOrder,
  requestCustomerData,
  requestCustomerRedact,
  requestShopRedact,
  startBulkOperation,
  uninstallApp,
  updateCustomer,
  updateEmailMarketingConsent,
} from "./commands.ts";
import type { ShopEvent } from "./events.ts";
import { createShopState } from "./state.ts";
import type { Webhook, WebhookTopic } from "./to-payload.ts";
import { formatInShopZone, toWebhook } from "./to-payload.ts";

const FIXTURES = new URL(
  "../../../../shared/fixtures/shopify-webhooks/",
  import.meta.url,
);

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), "utf8")) as Record<
    string,
    unknown
  >;
}

function keysOf(value: unknown): string[] {
  return Object.keys(value as object).sort();
}

const T0 = new Date("2026-06-01T00:00:00Z");
const T1 = new Date("2026-06-02T03:04:05Z");

/** One run through every command, collecting the webhooks each event becomes. */
function webhooksOfAScriptedDay(): Map<WebhookTopic, Webhook> {
  const state = createShopState(
    {
      domain: "kizuna-demo.myshopify.com",
      name: "Kizuna",
      currencyCode: "JPY",
      ianaTimezone: "Asia/Tokyo",
    },
    T0,
  );
  addCatalogue(state);
  const events: ShopEvent[] = [];
  const { result: customer, events: created } = createCustomer(
    state,
    {
      firstName: "健",
      lastName: "佐藤",
      email: "ken.sato@example.jp",
      phone: "+819012345678",
      address: {
        address1: "神宮前1-2-3",
        city: "渋谷区",
        province: "東京都",
        provinceCode: "JP-13",
        zip: "150-0001",
        countryCode: "JP",
      },
    },
    T0,
  );
  events.push(...created);
  createDiscountCode(
    state,
    {
      title: "Welcome",
      code: "WELCOME10",
      value: { kind: "percentage", percentage: 10 },
      startsAt: "2026-01-01T00:00:00Z",
    },
    T0,
  );
  const placed = placeOrder(
    state,
    {
      customerId: customer.id,
      lines: [
        { productId: state.products[0]!.id, quantity: 1 },
        { productId: state.products[1]!.id, quantity: 2 },
      ],
      discountCode: "WELCOME10",
      presentmentCurrencyCode: "USD",
      tags: ["gift", "first"],
    },
    T1,
  );
  events.push(...placed.events);
  events.push(
    ...refundOrder(
      state,
      {
        orderId: placed.result.id,
        lines: [{ lineItemId: placed.result.lineItems[1]!.id, quantity: 1 }],
        note: "破損",
      },
      T1,
    ).events,
  );
  events.push(
    ...cancelOrder(
      state,
      { orderId: placed.result.id, reason: "customer", refund: true },
      T1,
    ).events,
  );
  events.push(
    ...updateCustomer(state, { customerId: customer.id, tags: ["vip"] }, T1)
      .events,
  );
  events.push(
    ...updateEmailMarketingConsent(
      state,
      {
        customerId: customer.id,
        state: "SUBSCRIBED",
        optInLevel: "SINGLE_OPT_IN",
      },
      T1,
    ).events,
  );
  const { result: loner } = createCustomer(
    state,
    { firstName: "Emma", lastName: "Smith", email: "emma@example.com" },
    T0,
  );
  events.push(...deleteCustomer(state, { customerId: loner.id }, T1).events);
  const bulk = startBulkOperation(
    state,
    { query: "{ customers { edges { node { id } } } }" },
    T0,
  ).result;
  events.push(
    ...finishBulkOperation(
      state,
      {
        bulkOperationId: bulk.id,
        status: "COMPLETED",
        objectCount: 1,
        rootObjectCount: 1,
        fileSize: 10,
        url: "http://x/1.jsonl",
      },
      T1,
    ).events,
  );
  events.push(
    ...requestCustomerData(state, { customerId: customer.id }, T1).events,
  );
  events.push(
    ...requestCustomerRedact(state, { customerId: customer.id }, T1).events,
  );
  events.push(...uninstallApp(state, {}, T1).events);
  events.push(...requestShopRedact(state, {}, T1).events);
  const byTopic = new Map<WebhookTopic, Webhook>();
  for (const event of events) {
    const webhook = toWebhook(event, state);
    if (!byTopic.has(webhook.topic)) byTopic.set(webhook.topic, webhook);
  }
  return byTopic;
}

const webhooks = webhooksOfAScriptedDay();

function payloadOf(topic: WebhookTopic): Record<string, unknown> {
  const webhook = webhooks.get(topic);
  if (webhook === undefined) throw new Error(`no ${topic} webhook`);
  return webhook.payload;
}

describe("toWebhook", () => {
  it.each([
    ["orders/create", "orders-create.docs-example.2026-04.json"],
    ["orders/updated", "orders-create.docs-example.2026-04.json"],
    ["orders/paid", "orders-create.docs-example.2026-04.json"],
    ["orders/cancelled", "orders-create.docs-example.2026-04.json"],
    ["refunds/create", "refunds-create.docs-example.2026-04.json"],
    ["customers/create", "customers-create.docs-example.2026-04.json"],
    ["customers/update", "customers-create.docs-example.2026-04.json"],
    ["customers/delete", "customers-delete.docs-example.2026-04.json"],
    [
      "customers_email_marketing_consent/update",
      "customers_email_marketing_consent-update.docs-example.2026-04.json",
    ],
    ["customer.tags_added", "customer.tags_added.docs-example.2026-04.json"],
    ["app/uninstalled", "app-uninstalled.docs-example.2026-04.json"],
    [
      "bulk_operations/finish",
      "bulk_operations-finish.docs-example.2026-04.json",
    ],
    [
      "customers/data_request",
      "customers-data_request.docs-example.2026-04.json",
    ],
    ["customers/redact", "customers-redact.docs-example.2026-04.json"],
    ["shop/redact", "shop-redact.docs-example.2026-04.json"],
  ] as const)("gives %s every top-level key of %s", (topic, file) => {
    expect(keysOf(payloadOf(topic))).toEqual(
      expect.arrayContaining(keysOf(fixture(file))),
    );
  });

  it("gives order line items, customer and shipping address the fixture's keys, and the customer no consent or tags", () => {
    const example = fixture("orders-create.docs-example.2026-04.json");
    const order = payloadOf("orders/create");
    const lineItems = order.line_items as unknown[];
    expect(keysOf(lineItems[0])).toEqual(
      expect.arrayContaining(keysOf((example.line_items as unknown[])[0])),
    );
    expect(keysOf(order.customer)).toEqual(keysOf(example.customer));
    expect(keysOf(order.shipping_address)).toEqual(
      keysOf(example.shipping_address),
    );
    expect(keysOf((order.shipping_lines as unknown[])[0])).toEqual(
      keysOf((example.shipping_lines as unknown[])[0]),
    );
  });

  it("gives refund lines and transactions the fixture's keys", () => {
    const example = fixture("refunds-create.docs-example.2026-04.json");
    const refund = payloadOf("refunds/create");
    const line = (refund.refund_line_items as Record<string, unknown>[])[0]!;
    const exampleLine = (
      example.refund_line_items as Record<string, unknown>[]
    )[0]!;
    expect(keysOf(line)).toEqual(keysOf(exampleLine));
    expect(keysOf(line.line_item)).toEqual(keysOf(exampleLine.line_item));
    expect(keysOf((refund.transactions as unknown[])[0])).toEqual(
      keysOf((example.transactions as unknown[])[0]),
    );
  });

  it("prints customers/create exactly with the 2025-01+ key set", () => {
    expect(keysOf(payloadOf("customers/create"))).toEqual(
      keysOf(fixture("customers-create.docs-example.2026-04.json")),
    );
  });

  it("prints order money as decimal strings per currency, with the shop's offset and a GID beside the numeric id", () => {
    const order = payloadOf("orders/create");
    // ¥4,800 + 2 × ¥1,620 = ¥8,040, less 10 % = ¥7,236; in USD 32.16 + 2 × 10.85 = 53.86, less 5.39 = 48.47.
    expect(order.total_price).toBe("7236");
    expect(order.total_price_set).toEqual({
      shop_money: { amount: "7236", currency_code: "JPY" },
      presentment_money: { amount: "48.47", currency_code: "USD" },
    });
    expect(order.discount_codes).toEqual([
      { code: "WELCOME10", amount: "804", type: "percentage" },
    ]);
    expect(order.created_at).toBe("2026-06-02T12:04:05+09:00");
    expect(order.id).toBe(5000000001);
    expect(order.admin_graphql_api_id).toBe("gid://shopify/Order/5000000001");
    expect(order.tags).toBe("gift, first");
    expect(order.financial_status).toBe("paid");
    expect(order.test).toBe(false);
  });

  it("shows the refund in refunds/create and the cancelled, refunded order in orders/cancelled", () => {
    const refund = payloadOf("refunds/create");
    // One of two ¥1,620 units after their 10 % discount share: (3240 − 324) / 2 = 1458; in USD the line's
    // share of the $5.39 discount is $2.18, so (21.70 − 2.18) / 2 = 9.76.
    expect((refund.transactions as Record<string, unknown>[])[0]).toMatchObject(
      { kind: "refund", status: "success", amount: "9.76", currency: "USD" },
    );
    expect(
      (refund.refund_line_items as Record<string, unknown>[])[0],
    ).toMatchObject({ quantity: 1, subtotal: 1458 });
    const cancelled = payloadOf("orders/cancelled");
    expect(cancelled).toMatchObject({
      financial_status: "refunded",
      cancel_reason: "customer",
      current_total_price: "0",
    });
    expect((cancelled.refunds as unknown[]).length).toBe(2);
  });

  it("prints email consent in lower case, stamped after the order's and the tag update's seconds", () => {
    expect(payloadOf("customers_email_marketing_consent/update")).toEqual({
      customer_id: 7000000001,
      email_address: "ken.sato@example.jp",
      email_marketing_consent: {
        state: "subscribed",
        opt_in_level: "single_opt_in",
        consent_updated_at: "2026-06-02T12:04:07+09:00",
      },
    });
  });

  it("prints the compliance payloads with the shop and the customer's orders", () => {
    expect(payloadOf("customers/redact")).toEqual({
      shop_id: 60000000001,
      shop_domain: "kizuna-demo.myshopify.com",
      customer: {
        id: 7000000001,
        email: "ken.sato@example.jp",
        phone: "+819012345678",
      },
      orders_to_redact: [5000000001],
    });
    expect(payloadOf("shop/redact")).toEqual({
      shop_id: 60000000001,
      shop_domain: "kizuna-demo.myshopify.com",
    });
    expect(payloadOf("app/uninstalled")).toMatchObject({
      myshopify_domain: "kizuna-demo.myshopify.com",
      iana_timezone: "Asia/Tokyo",
      currency: "JPY",
    });
    expect(payloadOf("bulk_operations/finish")).toMatchObject({
      status: "completed",
      type: "query",
      error_code: null,
    });
  });
});

describe("formatInShopZone", () => {
  it.each([
    ["2026-03-01T10:00:00Z", "Asia/Tokyo", "2026-03-01T19:00:00+09:00"],
    ["2026-01-15T12:00:00Z", "America/New_York", "2026-01-15T07:00:00-05:00"],
    ["2026-07-15T12:00:00Z", "America/New_York", "2026-07-15T08:00:00-04:00"],
    ["2026-07-15T12:00:00Z", "UTC", "2026-07-15T12:00:00+00:00"],
  ])("prints %s in %s as %s", (at, zone, expected) => {
    expect(formatInShopZone(at, zone)).toBe(expected);
  });
});
