import { describe, expect, it } from "vitest";
import { prisma } from "../db.server.ts";
import { deleteWebhookEventsMentioning, recordWebhookEvent } from "./webhook-events.server.ts";

const SHOP = "events-1.myshopify.com";
const record = (eventKey: string, payload: string) =>
  recordWebhookEvent({ shop: SHOP, topic: "t", eventKey, webhookId: "w", apiVersion: "2026-10", triggeredAt: null, payload });

describe("deleteWebhookEventsMentioning", () => {
  it("deletes events naming the customer or order by GID or id, and keeps look-alike numbers", async () => {
    await record("by-gid", '{"customer":{"admin_graphql_api_id":"gid://shopify/Customer/42"}}');
    await record("by-customer-id", '{"customer_id": 42, "email_address": "x"}');
    await record("by-order-id", '{"order_id":77,"id":5}');
    await record("longer-number", '{"customer_id": 420}');
    await record("price", '{"total_price":"42.00"}');
    await record("other-shop", "{}");
    await prisma.webhookEvent.updateMany({ where: { eventKey: "other-shop" }, data: { shop: "events-2.myshopify.com", payload: '{"customer_id":42}' } });
    expect(await deleteWebhookEventsMentioning(SHOP, ["gid://shopify/Customer/42", "gid://shopify/Order/77"])).toBe(3);
    const left = await prisma.webhookEvent.findMany({ select: { eventKey: true }, orderBy: { eventKey: "asc" } });
    expect(left.map((event) => event.eventKey)).toEqual(["longer-number", "other-shop", "price"]);
  });
});
