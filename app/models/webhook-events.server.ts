// The webhook inbox (docs/decisions/007): each verified delivery once per (shop, topic, eventKey),
// raw body as received. Rows hold protected customer data, so the compliance topics erase them too.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { prisma, storedInstant, writeBatch, type SqlStatement } from "../db.server.ts";
import { isDatabaseBusy, retryWhileDatabaseBusy } from "./database-busy.server.ts";
import { groupCommit } from "./group-commit.server.ts";

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

export type InboxDelivery = IncomingWebhookEvent & {
  /** Whether the event is taken from a shop that has uninstalled Kizuna (compliance topics, app/uninstalled). */
  acceptedAfterUninstall: boolean;
  /** The job that ingests the event, enqueued in the same transaction; null for topics that need none. */
  jobName: string | null;
  receivedAt: Date;
};

export type InboxOutcome = "recorded" | "duplicate" | "ignored-unknown-shop";

// One transaction holds at most this many deliveries (about 3 MB of typical order payloads).
const MAX_DELIVERIES_PER_TRANSACTION = 200;

/**
 * Records a verified delivery in the inbox with its ingestion job, or finds it there already, or
 * ignores it for a shop that never installed Kizuna or has uninstalled it. Resolves once the
 * transaction that wrote it has committed; deliveries arriving together share that transaction.
 */
export const recordInInbox: (delivery: InboxDelivery) => Promise<InboxOutcome> = groupCommit(
  (deliveries) => retryWhileDatabaseBusy(() => writeDeliveries(deliveries)),
  { maxItems: MAX_DELIVERIES_PER_TRANSACTION, isItemError: (error) => !isDatabaseBusy(error) },
);

// Raw SQL on Prisma's own connection, because Prisma's query compiler costs about a millisecond per
// statement and per order payload (docs/decisions/012). Three statements for the whole batch, so the
// rules are in SQL: an event is inserted only for a shop that takes it and only if its key is new
// (the first of two equal keys in one batch wins); a job only for an event row this batch inserted.
// The last statement reads which of the batch's keys the inbox now holds, and under which id.
async function writeDeliveries(deliveries: InboxDelivery[]): Promise<InboxOutcome[]> {
  const eventIds = deliveries.map(() => randomUUID());
  const rows = (count: number, width: number) => Array.from({ length: count }, () => `(${Array(width).fill("?").join(", ")})`).join(", ");
  const statements: SqlStatement[] = [
    {
      sql: `INSERT INTO "WebhookEvent" ("id", "shop", "topic", "eventKey", "webhookId", "apiVersion", "triggeredAt", "receivedAt", "payload")
        SELECT "column1", "column2", "column3", "column4", "column5", "column6", "column7", "column8", "column9"
        FROM (VALUES ${rows(deliveries.length, 10)}) AS "delivery"
        WHERE EXISTS (SELECT 1 FROM "Shop" WHERE "domain" = "delivery"."column2" AND ("uninstalledAt" IS NULL OR "delivery"."column10"))
        ON CONFLICT ("shop", "topic", "eventKey") DO NOTHING`,
      args: deliveries.flatMap((delivery, index) => [
        eventIds[index]!,
        delivery.shop,
        delivery.topic,
        delivery.eventKey,
        delivery.webhookId,
        delivery.apiVersion,
        delivery.triggeredAt ? storedInstant(delivery.triggeredAt) : null,
        storedInstant(delivery.receivedAt),
        delivery.payload,
        delivery.acceptedAfterUninstall ? 1 : 0,
      ]),
    },
  ];
  const jobs = deliveries.flatMap((delivery, index) =>
    delivery.jobName === null ? [] : [{ eventId: eventIds[index]!, name: delivery.jobName, runAt: storedInstant(delivery.receivedAt) }],
  );
  if (jobs.length > 0) {
    // The row enqueueJob writes: uniqueKey = the event id; status, attempts and maxAttempts from the schema.
    statements.push({
      sql: `INSERT INTO "Job" ("id", "shop", "name", "payload", "uniqueKey", "runAt", "createdAt")
        SELECT "job"."column1", "event"."shop", "job"."column2", "job"."column3", "event"."id", "job"."column4", "job"."column4"
        FROM (VALUES ${rows(jobs.length, 5)}) AS "job" JOIN "WebhookEvent" AS "event" ON "event"."id" = "job"."column5"`,
      args: jobs.flatMap((job) => [randomUUID(), job.name, JSON.stringify({ webhookEventId: job.eventId }), job.runAt, job.eventId]),
    });
  }
  statements.push({
    sql: `SELECT "id", "shop", "topic", "eventKey" FROM "WebhookEvent" WHERE ("shop", "topic", "eventKey") IN (VALUES ${rows(deliveries.length, 3)})`,
    args: deliveries.flatMap((delivery) => [delivery.shop, delivery.topic, delivery.eventKey]),
  });
  const results = await writeBatch(statements);
  const keyOf = (shop: unknown, topic: unknown, eventKey: unknown) => JSON.stringify([shop, topic, eventKey]);
  const stored = new Map(results.at(-1)!.map((row) => [keyOf(row.shop, row.topic, row.eventKey), String(row.id)]));
  return deliveries.map((delivery, index) => {
    const storedId = stored.get(keyOf(delivery.shop, delivery.topic, delivery.eventKey));
    if (storedId === undefined) return "ignored-unknown-shop";
    return storedId === eventIds[index] ? "recorded" : "duplicate";
  });
}

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

