import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signWebhook } from "./sign.ts";
import { startTestSimulator, startWebhookReceiver, TEST_SHOP, type TestSimulator, type WebhookReceiver } from "../test-harness.ts";

describe("signWebhook", () => {
  it("matches the test vector verified against @shopify/shopify-api", () => {
    const body = '{"id":820982911946154508,"admin_graphql_api_id":"gid://shopify/Order/820982911946154508"}';
    expect(signWebhook(body, "kizuna-test-secret")).toBe("k39+6DXdqtqGzng+LPfjy6jr0oX1a+4CFeZ26fsbIUo=");
  });
});

describe("webhook outbox", () => {
  let harness: TestSimulator;
  let receiver: WebhookReceiver;
  const customerGids = ["gid://shopify/Customer/7000000001", "gid://shopify/Customer/7000000002", "gid://shopify/Customer/7000000003"];
  const renameCustomer = (customerId: string, firstName: string) => harness.client.runCommand(TEST_SHOP, "updateCustomer", { customerId, firstName });

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    harness = await startTestSimulator({ appUrl: receiver.url });
  });
  afterAll(async () => {
    await harness.simulator.close();
    await receiver.close();
  });
  beforeEach(async () => {
    await harness.client.reset();
    receiver.received.length = 0;
    await harness.client.seedShop({ shop: TEST_SHOP, customers: 100, seed: 5, now: "2026-11-01T00:00:00Z", authorized: true });
  });
  afterEach(() => receiver.answerWith([]));

  it("posts signed webhooks with Shopify's headers to the subscribed URI", async () => {
    await renameCustomer(customerGids[0]!, "Hana");
    await harness.client.flushDeliveries();
    expect(receiver.received).toHaveLength(1);
    const [webhook] = receiver.received;
    expect(webhook!.hmacValid).toBe(true);
    expect(webhook!.headers).toMatchObject({
      "content-type": "application/json",
      "x-shopify-topic": "customers/update",
      "x-shopify-shop-domain": TEST_SHOP,
      "x-shopify-api-version": "2026-10",
    });
    expect(webhook!.headers["x-shopify-webhook-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(webhook!.headers["x-shopify-event-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(webhook!.body)).toMatchObject({ admin_graphql_api_id: customerGids[0], first_name: "Hana" });
  });

  it("sends nothing for a shop the app has not authorized", async () => {
    await harness.client.seedShop({ shop: "quiet.myshopify.com", customers: 100, seed: 5 });
    await harness.client.runCommand("quiet.myshopify.com", "updateCustomer", { customerId: customerGids[0]!, firstName: "Hana" });
    await harness.client.flushDeliveries();
    expect(receiver.received).toEqual([]);
  });

  it("retries after 500 answers with the same webhook id and body, and records every attempt", async () => {
    receiver.answerWith([500, 503]);
    await renameCustomer(customerGids[0]!, "Hana");
    await harness.client.flushDeliveries();
    expect(receiver.received.map((webhook) => webhook.answeredStatus)).toEqual([500, 503, 200]);
    expect(new Set(receiver.received.map((webhook) => webhook.headers["x-shopify-webhook-id"])).size).toBe(1);
    expect(new Set(receiver.received.map((webhook) => webhook.body)).size).toBe(1);
    const [delivery] = await harness.client.webhooks(TEST_SHOP);
    expect(delivery!.status).toBe("delivered");
    expect(delivery!.attempts.map((attempt) => attempt.status)).toEqual([500, 503, 200]);
  });

  it("gives up after the initial attempt and 8 retries", async () => {
    receiver.answerWith(Array.from({ length: 9 }, () => 500));
    await renameCustomer(customerGids[0]!, "Hana");
    await harness.client.flushDeliveries();
    const [delivery] = await harness.client.webhooks(TEST_SHOP);
    expect(delivery!.status).toBe("failed");
    expect(delivery!.attempts).toHaveLength(9);
  });

  it("duplicates deliveries on request, keeping the event id", async () => {
    await harness.client.configureDeliveries({ duplicate: "new-webhook-id" });
    await renameCustomer(customerGids[0]!, "Hana");
    await harness.client.configureDeliveries({ duplicate: "same-webhook-id" });
    await renameCustomer(customerGids[1]!, "Ren");
    await harness.client.flushDeliveries();
    const [first, firstCopy, second, secondCopy] = receiver.received.map((webhook) => webhook.headers);
    expect(receiver.received).toHaveLength(4);
    expect(firstCopy!["x-shopify-event-id"]).toBe(first!["x-shopify-event-id"]);
    expect(firstCopy!["x-shopify-webhook-id"]).not.toBe(first!["x-shopify-webhook-id"]);
    expect(secondCopy!["x-shopify-event-id"]).toBe(second!["x-shopify-event-id"]);
    expect(secondCopy!["x-shopify-webhook-id"]).toBe(second!["x-shopify-webhook-id"]);
  });

  it("holds deliveries while paused and sends them in reverse order when asked to reorder", async () => {
    await harness.client.configureDeliveries({ paused: true });
    for (const [index, customerId] of customerGids.entries()) await renameCustomer(customerId, `Name${index}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.received).toEqual([]);
    await harness.client.configureDeliveries({ reorder: "reverse", paused: false });
    await harness.client.flushDeliveries();
    expect(receiver.received.map((webhook) => JSON.parse(webhook.body).admin_graphql_api_id)).toEqual([...customerGids].reverse());
  });
});
