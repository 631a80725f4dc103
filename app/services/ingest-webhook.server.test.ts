import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { prisma } from "../db.server.ts";
import { enqueueJob } from "../jobs/queue.server.ts";
import { findCustomerState } from "../models/customers.server.ts";
import { findOrderState } from "../models/orders.server.ts";
import { recordWebhookEvent } from "../models/webhook-events.server.ts";
import { ingestWebhookEvent, redactShopKey, redactUninstalledShop } from "./ingest-webhook.server.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`../../../shared/fixtures/shopify-webhooks/${name}.docs-example.2026-04.json`, import.meta.url), "utf8");

const ORDER_GID = "gid://shopify/Order/820982911946154508";
const CUSTOMER_GID = "gid://shopify/Customer/115310627314723954";
const NOW = new Date("2026-11-26T00:00:00Z");
const orderBody = fixture("orders-create");
// The documented refund names its order by a rounded id; point it at the documented order.
const refundBody = fixture("refunds-create").replaceAll("820982911946154500", "820982911946154508");
const laterOrderBody = orderBody
  .replace('"updated_at": "2021-12-31T19:00:00-05:00"', '"updated_at": "2022-01-02T00:00:00Z"')
  .replace('"cancelled_at": "2021-12-31T19:00:00-05:00"', '"cancelled_at": null')
  .replace('"test": true', '"test": false')
  .replace('"financial_status": "voided"', '"financial_status": "paid"');

let shopCounter = 0;
const newShop = async () => {
  const shop = `ingest-${(shopCounter += 1)}.myshopify.com`;
  await prisma.shop.create({ data: { domain: shop } });
  return shop;
};
let eventCounter = 0;
async function ingest(shop: string, topic: string, payload: string, now = NOW) {
  const id = await recordWebhookEvent({
    shop,
    topic,
    eventKey: `event-${(eventCounter += 1)}`,
    webhookId: "w",
    apiVersion: "2026-10",
    triggeredAt: null,
    payload,
  });
  await ingestWebhookEvent(shop, id, now);
  return id;
}

describe("ingestWebhookEvent for orders and refunds", () => {
  it("stores an order with its line items and the facts that decide what counts", async () => {
    const shop = await newShop();
    await ingest(shop, "orders/create", orderBody);
    const order = await prisma.order.findUniqueOrThrow({ where: { shop_orderGid: { shop, orderGid: ORDER_GID } } });
    expect(order).toMatchObject({
      name: "#9999",
      customerGid: CUSTOMER_GID,
      totalMinor: 40495,
      refundedMinor: 0,
      netMinor: 40495,
      test: true,
      countsTowardShopTotals: false,
      countsTowardCustomerAnalytics: false,
      source: "webhook",
    });
    expect(await prisma.orderLineItem.count({ where: { shop, orderGid: ORDER_GID } })).toBe(5);
  });

  it("ends in the same state whatever the order and repetition of the events", async () => {
    const first = await newShop();
    const second = await newShop();
    for (const [topic, body] of [["orders/create", orderBody], ["refunds/create", refundBody], ["orders/updated", laterOrderBody]] as const) {
      await ingest(first, topic, body);
    }
    for (const [topic, body] of [["orders/updated", laterOrderBody], ["refunds/create", refundBody], ["orders/create", orderBody], ["refunds/create", refundBody]] as const) {
      await ingest(second, topic, body);
    }
    const [a, b] = [await findOrderState(first, ORDER_GID), await findOrderState(second, ORDER_GID)];
    expect(a).toEqual(b);
    const row = await prisma.order.findUniqueOrThrow({ where: { shop_orderGid: { shop: second, orderGid: ORDER_GID } } });
    expect(row).toMatchObject({ financialStatus: "paid", refundedMinor: 8500, netMinor: 31995, countsTowardShopTotals: true, countsTowardCustomerAnalytics: true });
  });

  it("keeps a refund that arrives before its order and applies it when the order lands", async () => {
    const shop = await newShop();
    await ingest(shop, "refunds/create", refundBody);
    expect(await prisma.order.count({ where: { shop } })).toBe(0);
    expect(await findOrderState(shop, ORDER_GID)).toMatchObject({ awaitingOrder: true, refunds: [{ amountMinor: 8500 }] });
    await ingest(shop, "orders/create", laterOrderBody);
    expect(await prisma.order.findFirstOrThrow({ where: { shop } })).toMatchObject({ refundedMinor: 8500, netMinor: 31995 });
  });

  it("fails terminally and writes nothing for JSON that is not an order", async () => {
    const shop = await newShop();
    await expect(ingest(shop, "orders/create", '{"id":1}')).rejects.toThrow('orders/create payload unreadable: UNEXPECTED_SHAPE at "admin_graphql_api_id"');
    expect(await prisma.order.count({ where: { shop } })).toBe(0);
  });
});

describe("ingestWebhookEvent for customers", () => {
  const customerGid = "gid://shopify/Customer/706405506930370084";

  it("keeps the newest profile and the newest consent, whichever arrives first", async () => {
    const shop = await newShop();
    const newer = fixture("customers-create").replace('"updated_at": "2021-12-31T19:00:00-05:00"', '"updated_at": "2023-01-01T00:00:00Z"').replace("Bob", "Robert");
    await ingest(shop, "customers/update", newer);
    await ingest(shop, "customers/create", fixture("customers-create"));
    const consent = fixture("customers_email_marketing_consent-update")
      .replace("706405506930370000", "706405506930370084")
      .replace('"state": "not_subscribed"', '"state": "subscribed"')
      .replace('"consent_updated_at": null', '"consent_updated_at": "2023-02-01T00:00:00Z"');
    await ingest(shop, "customers_email_marketing_consent/update", consent);
    expect(await findCustomerState(shop, customerGid)).toEqual({
      customerGid,
      profile: {
        email: "bob@biller.com",
        firstName: "Robert",
        lastName: "Biller",
        createdAt: new Date("2022-01-01T00:00:00Z"),
        updatedAt: new Date("2023-01-01T00:00:00Z"),
      },
      emailConsent: { state: "subscribed", optInLevel: null, consentUpdatedAt: new Date("2023-02-01T00:00:00Z") },
      deleted: false,
    });
  });

  it("erases a deleted customer's personal fields and ignores later updates", async () => {
    const shop = await newShop();
    await ingest(shop, "customers/create", fixture("customers-create"));
    await ingest(shop, "customers/delete", fixture("customers-delete"));
    await ingest(shop, "customers/update", fixture("customers-create"));
    const row = await prisma.customer.findUniqueOrThrow({ where: { shop_customerGid: { shop, customerGid } } });
    expect(row).toMatchObject({ email: null, firstName: null, lastName: null, deletedAt: NOW });
  });
});

describe("ingestWebhookEvent for the compliance topics", () => {
  it("exports the customer's row and orders for customers/data_request, once per event", async () => {
    const shop = await newShop();
    await ingest(shop, "orders/create", orderBody);
    await ingest(shop, "refunds/create", refundBody);
    const request = fixture("customers-data_request").replace('"id": 191167', '"id": 115310627314723954');
    const eventId = await ingest(shop, "customers/data_request", request);
    await ingestWebhookEvent(shop, eventId, NOW);
    const exports = await prisma.dataRequestExport.findMany({ where: { shop } });
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({ customerGid: CUSTOMER_GID, dataRequestId: "9999" });
    const content = JSON.parse(exports[0]!.content) as { customer: unknown; orders: { orderGid: string; lineItems: unknown[]; refunds: { refundGid: string }[] }[] };
    expect(content.customer).toBeNull();
    expect(content.orders.map((order) => [order.orderGid, order.lineItems.length, order.refunds.map((refund) => refund.refundGid)])).toEqual([
      [ORDER_GID, 5, ["gid://shopify/Refund/890088186047892319"]],
    ]);
  });

  it("erases the customer, their orders and the inbox events naming them for customers/redact", async () => {
    const shop = await newShop();
    const other = fixture("customers-create");
    await ingest(shop, "orders/create", orderBody);
    await ingest(shop, "refunds/create", refundBody);
    await ingest(shop, "customers/create", other);
    await ingest(shop, "customers/redact", fixture("customers-redact").replace('"id": 191167', '"id": 115310627314723954'));
    expect(await prisma.order.count({ where: { shop } })).toBe(0);
    expect(await prisma.refund.count({ where: { shop } })).toBe(0);
    expect(await prisma.orderLineItem.count({ where: { shop } })).toBe(0);
    const remaining = await prisma.webhookEvent.findMany({ where: { shop }, select: { topic: true } });
    expect(remaining).toEqual([{ topic: "customers/create" }]);
    expect(await prisma.customer.count({ where: { shop } })).toBe(1);
  });

  it("erases every row of the shop for shop/redact but keeps the job doing it", async () => {
    const shop = await newShop();
    await ingest(shop, "orders/create", orderBody);
    await ingest(shop, "customers/create", fixture("customers-create"));
    await prisma.session.create({ data: { id: `offline_${shop}`, shop, state: "", accessToken: "t" } });
    const id = await recordWebhookEvent({ shop, topic: "shop/redact", eventKey: "redact", webhookId: "w", apiVersion: "2026-10", triggeredAt: null, payload: fixture("shop-redact") });
    await enqueueJob({ shop, name: "ingestWebhookEvent", payload: { webhookEventId: id }, uniqueKey: id });
    await enqueueJob({ shop, name: "other", payload: {} });
    await ingestWebhookEvent(shop, id, NOW);
    const counts = await Promise.all([
      prisma.order.count({ where: { shop } }),
      prisma.orderLineItem.count({ where: { shop } }),
      prisma.customer.count({ where: { shop } }),
      prisma.webhookEvent.count({ where: { shop } }),
      prisma.session.count({ where: { shop } }),
      prisma.shop.count({ where: { domain: shop } }),
    ]);
    expect(counts).toEqual([0, 0, 0, 0, 0, 0]);
    expect(await prisma.job.findMany({ where: { shop }, select: { uniqueKey: true } })).toEqual([{ uniqueKey: id }]);
  });

  it("skips an event that a redaction erased before its job ran", async () => {
    const shop = await newShop();
    expect(await ingestWebhookEvent(shop, "erased-event", NOW)).toBe("event-erased");
  });
});

describe("redactUninstalledShop", () => {
  const uninstalledAt = new Date("2026-11-20T00:00:00Z");
  const dueAt = new Date("2026-11-22T00:00:00Z");

  it("schedules the erasure 48 hours after app/uninstalled", async () => {
    const shop = await newShop();
    const eventId = await ingest(shop, "app/uninstalled", fixture("app-uninstalled"));
    const receivedAt = (await prisma.webhookEvent.findUniqueOrThrow({ where: { id: eventId } })).receivedAt;
    const job = await prisma.job.findFirstOrThrow({ where: { shop, name: "redactShop" } });
    expect(job.runAt.getTime() - receivedAt.getTime()).toBe(48 * 60 * 60 * 1000);
  });

  it("erases a shop still uninstalled after the grace period", async () => {
    const shop = await newShop();
    await prisma.shop.update({ where: { domain: shop }, data: { uninstalledAt } });
    expect(await redactUninstalledShop(shop, dueAt, dueAt)).toBe("erased");
    expect(await prisma.shop.count({ where: { domain: shop } })).toBe(0);
  });

  it("keeps a shop that was reinstalled meanwhile", async () => {
    const shop = await newShop();
    expect(await redactUninstalledShop(shop, dueAt, dueAt)).toBe("kept");
    expect(await prisma.shop.count({ where: { domain: shop } })).toBe(1);
  });

  it("moves the erasure when the shop uninstalled again later", async () => {
    const shop = await newShop();
    await prisma.shop.update({ where: { domain: shop }, data: { uninstalledAt: new Date("2026-11-21T00:00:00Z") } });
    expect(await redactUninstalledShop(shop, dueAt, dueAt)).toBe("rescheduled");
    const later = new Date("2026-11-23T00:00:00Z");
    expect(await prisma.job.findFirstOrThrow({ where: { shop, name: "redactShop" } })).toMatchObject({ runAt: later, uniqueKey: redactShopKey(later) });
  });
});
