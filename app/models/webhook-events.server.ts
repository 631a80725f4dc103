// The webhook inbox (docs/decisions/007): each verified delivery once per (shop, topic, eventKey),
// raw body as received. Rows hold protected customer data, so the compliance topics erase them too.
import type { Prisma } from "@prisma/client";
import { prisma } from "../db.server.ts";

type Database = Prisma.TransactionClient | typeof prisma;

export type IncomingWebhookEvent = {
  shop: string;
  topic: string;
  eventKey: string;
  webhookId: string;
  apiVersion: string;
  triggeredAt: Date | null;
  payload: string;
};

/**
 * Inserts the event and returns its id. A duplicate (shop, topic, eventKey) throws Prisma's P2002,
 * which the caller lets end its transaction: PostgreSQL cannot go on inside a failed transaction.
 */
export async function recordWebhookEvent(event: IncomingWebhookEvent, db: Database = prisma): Promise<string> {
  const { id } = await db.webhookEvent.create({ data: event, select: { id: true } });
  return id;
}

export type StoredWebhookEvent = { id: string; shop: string; topic: string; payload: string; receivedAt: Date };

/** Null when the event was erased by a compliance topic after its job was enqueued. */
export async function findWebhookEvent(shop: string, id: string, db: Database = prisma): Promise<StoredWebhookEvent | null> {
  return db.webhookEvent.findFirst({ where: { shop, id }, select: { id: true, shop: true, topic: true, payload: true, receivedAt: true } });
}

/**
 * Deletes every event whose raw body names one of the resources, by GID or by its numeric id under
 * `id` / `customer_id` / `order_id`. The digits narrow the rows in SQL; the pattern then confirms.
 */
export async function deleteWebhookEventsMentioning(shop: string, gids: readonly string[], db: Database = prisma): Promise<number> {
  const targets = gids.flatMap((gid) => {
    const match = /^gid:\/\/shopify\/(Customer|Order)\/(\d+)$/.exec(gid);
    return match ? [{ gid, resource: match[1]!, digits: match[2]! }] : [];
  });
  if (targets.length === 0) return 0;
  const candidates = await db.webhookEvent.findMany({
    where: { shop, OR: targets.map((target) => ({ payload: { contains: target.digits } })) },
    select: { id: true, payload: true },
  });
  const patterns = targets.map(
    (target) => new RegExp(`"${target.gid}"|"(?:id|${target.resource.toLowerCase()}_id)"\\s*:\\s*"?${target.digits}(?!\\d)`),
  );
  const mentioning = candidates.filter((event) => patterns.some((pattern) => pattern.test(event.payload)));
  const { count } = await db.webhookEvent.deleteMany({ where: { id: { in: mentioning.map((event) => event.id) } } });
  return count;
}

export type WebhookActivity = { receivedCount: number; lastReceivedAt: Date | null; lastTopic: string | null };

export async function findWebhookActivity(shop: string): Promise<WebhookActivity> {
  const [receivedCount, last] = await Promise.all([
    prisma.webhookEvent.count({ where: { shop } }),
    prisma.webhookEvent.findFirst({ where: { shop }, orderBy: { receivedAt: "desc" }, select: { receivedAt: true, topic: true } }),
  ]);
  return { receivedCount, lastReceivedAt: last?.receivedAt ?? null, lastTopic: last?.topic ?? null };
}

