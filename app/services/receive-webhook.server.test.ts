import { describe, expect, it } from "vitest";
import { prisma } from "../db.server.ts";
import { receiveWebhook, type VerifiedWebhook } from "./receive-webhook.server.ts";

const NOW = new Date("2026-11-26T00:00:00Z");
let counter = 0;
async function installedShop(): Promise<string> {
  const shop = `receive-${(counter += 1)}.myshopify.com`;
  await prisma.shop.create({ data: { domain: shop } });
  return shop;
}
const aWebhook = (shop: string, topic: string, eventId: string): VerifiedWebhook => ({
  shop,
  topic,
  webhookId: "webhook-1",
  eventId,
  apiVersion: "2026-10",
  triggeredAt: undefined,
  rawBody: '{"id":1}',
  payload: { id: 1 },
});

describe("receiveWebhook", () => {
  it("records the event and its ingestion job together, once per event", async () => {
    const shop = await installedShop();
    expect(await receiveWebhook(aWebhook(shop, "orders/create", "event-1"), NOW)).toBe("recorded");
    expect(await receiveWebhook(aWebhook(shop, "orders/create", "event-1"), NOW)).toBe("duplicate");
    const events = await prisma.webhookEvent.findMany({ where: { shop } });
    const jobs = await prisma.job.findMany({ where: { shop } });
    expect(events).toHaveLength(1);
    expect(jobs.map((job) => [job.name, job.uniqueKey, JSON.parse(job.payload), job.runAt])).toEqual([
      ["ingestWebhookEvent", events[0]!.id, { webhookEventId: events[0]!.id }, NOW],
    ]);
  });

  it("records a topic that needs no ingestion without a job", async () => {
    const shop = await installedShop();
    expect(await receiveWebhook(aWebhook(shop, "app/scopes_update", "event-2"), NOW)).toBe("recorded");
    expect(await prisma.webhookEvent.count({ where: { shop } })).toBe(1);
    expect(await prisma.job.count({ where: { shop } })).toBe(0);
  });
});
