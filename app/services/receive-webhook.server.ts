// The webhook edge (docs/decisions/007, 012): record each verified delivery once and hand it to the
// job queue in the same transaction, so no event is ever left without its job; the install lifecycle
// topics are applied at once.
import { WEBHOOK_TOPIC_JOBS } from "../jobs/handlers.server.ts";
import { log } from "../log.server.ts";
import { deleteShopSessions, saveGrantedScopes, saveSessionScopes, saveShopUninstall } from "../models/shops.server.ts";
import { recordInInbox, type InboxOutcome } from "../models/webhook-events.server.ts";

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

export type WebhookOutcome = InboxOutcome;

// Compliance topics must be honoured even after uninstall (shop/redact arrives 48 h later), so
// they are recorded for any shop Kizuna has ever known.
const TOPICS_AFTER_UNINSTALL = new Set(["app/uninstalled", "customers/data_request", "customers/redact", "shop/redact"]);

/**
 * Records a verified delivery once per (shop, topic, event) together with its ingestion job, and
 * applies the install lifecycle topics at once. Unknown or uninstalled shops are acknowledged
 * without storing anything, so Shopify stops retrying. Resolves once the event is committed.
 */
export async function receiveWebhook(webhook: VerifiedWebhook, now: Date): Promise<WebhookOutcome> {
  const eventKey = webhook.eventId ?? webhook.webhookId;
  const outcome = await recordInInbox({
    shop: webhook.shop,
    topic: webhook.topic,
    eventKey,
    webhookId: webhook.webhookId,
    apiVersion: webhook.apiVersion,
    triggeredAt: webhook.triggeredAt ? new Date(webhook.triggeredAt) : null,
    payload: webhook.rawBody,
    acceptedAfterUninstall: TOPICS_AFTER_UNINSTALL.has(webhook.topic),
    jobName: WEBHOOK_TOPIC_JOBS[webhook.topic] ?? null,
    receivedAt: now,
  });
  const fields = { shop: webhook.shop, topic: webhook.topic, eventKey };
  if (outcome === "ignored-unknown-shop") log.warn("webhook for unknown or uninstalled shop ignored", fields);
  else if (outcome === "duplicate") log.info("duplicate webhook acknowledged", fields);
  else {
    await applyLifecycleTopic(webhook, now);
    log.info("webhook recorded", fields);
  }
  return outcome;
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
