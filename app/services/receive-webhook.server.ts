// The webhook edge (docs/decisions/007): record each verified delivery once and hand it to the job
// queue in the same transaction, so no event is ever left without its job; the install lifecycle
// topics are applied at once.
import { Prisma } from "@prisma/client";
import { prisma } from "../db.server.ts";
import { WEBHOOK_TOPIC_JOBS } from "../jobs/handlers.server.ts";
import { enqueueJob } from "../jobs/queue.server.ts";
import { log } from "../log.server.ts";
import {
  deleteShopSessions,
  findShop,
  saveGrantedScopes,
  saveSessionScopes,
  saveShopUninstall,
} from "../models/shops.server.ts";
import { retryWhileDatabaseBusy } from "../models/database-busy.server.ts";
import { recordWebhookEvent } from "../models/webhook-events.server.ts";

export type VerifiedWebhook = {
  shop: string;
  /** As Shopify names it in X-Shopify-Topic, e.g. "orders/create". */
  topic: string;
  webhookId: string;
  eventId: string | undefined;
  apiVersion: string;
  triggeredAt: string | undefined;
  rawBody: string;
  payload: unknown;
};

export type WebhookOutcome = "recorded" | "duplicate" | "ignored-unknown-shop";

// Compliance topics must be honoured even after uninstall (shop/redact arrives 48 h later), so
// they are recorded for any shop Kizuna has ever known.
const TOPICS_AFTER_UNINSTALL = new Set(["app/uninstalled", "customers/data_request", "customers/redact", "shop/redact"]);

/**
 * Records a verified delivery once per (shop, topic, event), enqueues its ingestion, and applies
 * the install lifecycle topics at once. Unknown or uninstalled shops are acknowledged without
 * storing anything, so Shopify stops retrying.
 */
export async function receiveWebhook(webhook: VerifiedWebhook, now: Date): Promise<WebhookOutcome> {
  const eventKey = webhook.eventId ?? webhook.webhookId;
  const shopRecord = await findShop(webhook.shop);
  const accepts = shopRecord !== null && (shopRecord.uninstalledAt === null || TOPICS_AFTER_UNINSTALL.has(webhook.topic));
  if (!accepts) {
    log.warn("webhook for unknown or uninstalled shop ignored", { shop: webhook.shop, topic: webhook.topic, eventKey });
    return "ignored-unknown-shop";
  }
  const isNew = await recordAndEnqueue(webhook, eventKey, now);
  if (!isNew) {
    log.info("duplicate webhook acknowledged", { shop: webhook.shop, topic: webhook.topic, eventKey });
    return "duplicate";
  }
  await applyLifecycleTopic(webhook, now);
  log.info("webhook recorded", { shop: webhook.shop, topic: webhook.topic, eventKey });
  return "recorded";
}

/** False for a duplicate: the unique (shop, topic, eventKey) ends the transaction, which then wrote nothing. */
async function recordAndEnqueue(webhook: VerifiedWebhook, eventKey: string, now: Date): Promise<boolean> {
  const jobName = WEBHOOK_TOPIC_JOBS[webhook.topic] ?? null;
  try {
    await retryWhileDatabaseBusy(() => prisma.$transaction(async (tx) => {
      const webhookEventId = await recordWebhookEvent(
        {
          shop: webhook.shop,
          topic: webhook.topic,
          eventKey,
          webhookId: webhook.webhookId,
          apiVersion: webhook.apiVersion,
          triggeredAt: webhook.triggeredAt ? new Date(webhook.triggeredAt) : null,
          payload: webhook.rawBody,
        },
        tx,
      );
      if (jobName !== null) {
        await enqueueJob({ shop: webhook.shop, name: jobName, payload: { webhookEventId }, uniqueKey: webhookEventId, runAt: now }, tx);
      }
    }));
    return true;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
}

async function applyLifecycleTopic(webhook: VerifiedWebhook, now: Date): Promise<void> {
  if (webhook.topic === "app/uninstalled") {
    await deleteShopSessions(webhook.shop);
    await saveShopUninstall(webhook.shop, now);
  } else if (webhook.topic === "app/scopes_update") {
    const current = readCurrentScopes(webhook.payload);
    await saveSessionScopes(webhook.shop, current);
    await saveGrantedScopes(webhook.shop, current);
  }
}

function readCurrentScopes(payload: unknown): string[] {
  const current = (payload as { current?: unknown }).current;
  return Array.isArray(current) ? current.filter((scope): scope is string => typeof scope === "string") : [];
}
