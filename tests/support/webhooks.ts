import { randomUUID } from "node:crypto";
import { signWebhook } from "../simulator/delivery/sign.ts";

export type WebhookDelivery = {
  topic: string;
  shop: string;
  body: string;
  eventId?: string;
  webhookId?: string;
  apiVersion?: string;
};

/** Sends one delivery exactly as Shopify does, signed with `secret`, and returns the response. */
export function deliverWebhook(appOrigin: string, secret: string, delivery: WebhookDelivery, path = "/webhooks"): Promise<Response> {
  return fetch(`${appOrigin}${path}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": delivery.topic,
      "X-Shopify-Hmac-Sha256": signWebhook(delivery.body, secret),
      "X-Shopify-Shop-Domain": delivery.shop,
      "X-Shopify-API-Version": delivery.apiVersion ?? "2026-10",
      "X-Shopify-Webhook-Id": delivery.webhookId ?? randomUUID(),
      "X-Shopify-Event-Id": delivery.eventId ?? randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
    },
    body: delivery.body,
  });
}
