import { Prisma } from "@prisma/client";
import { prisma } from "../db.server.ts";

export type IncomingWebhookEvent = {
  shop: string;
  topic: string;
  eventKey: string;
  webhookId: string;
  apiVersion: string;
  triggeredAt: Date | null;
  payload: string;
};

/** Inserts the event once per (shop, topic, eventKey); returns false for a duplicate delivery. */
export async function recordWebhookEvent(event: IncomingWebhookEvent): Promise<boolean> {
  try {
    await prisma.webhookEvent.create({ data: event });
    return true;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
}

export type WebhookActivity = { receivedCount: number; lastReceivedAt: Date | null; lastTopic: string | null };

export async function findWebhookActivity(shop: string): Promise<WebhookActivity> {
  const [receivedCount, last] = await Promise.all([
    prisma.webhookEvent.count({ where: { shop } }),
    prisma.webhookEvent.findFirst({ where: { shop }, orderBy: { receivedAt: "desc" }, select: { receivedAt: true, topic: true } }),
  ]);
  return { receivedCount, lastReceivedAt: last?.receivedAt ?? null, lastTopic: last?.topic ?? null };
}

export async function deleteShopWebhookEvents(shop: string): Promise<void> {
  await prisma.webhookEvent.deleteMany({ where: { shop } });
}
