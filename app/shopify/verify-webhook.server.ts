// Verifies a webhook request the way @shopify/shopify-api 15 does for classic webhooks
// (lib/webhooks/validate.ts, shopify-platform.md §2.1), without authenticate.webhook's offline
// session load and token refresh, which the webhook edge never needs (docs/decisions/012).
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "../env.server.ts";
import type { VerifiedWebhook } from "../services/receive-webhook.server.ts";
import { readBodyWithin, WEBHOOK_BODY_LIMIT_BYTES } from "../services/request-body.server.ts";

const REQUIRED_HEADERS = ["x-shopify-topic", "x-shopify-shop-domain", "x-shopify-api-version", "x-shopify-webhook-id"] as const;

function refuse(status: number, reason: string): Response {
  return new Response(reason, { status });
}

/** base64(HMAC-SHA256(API secret, raw body)), compared in constant time. */
function signatureMatches(rawBody: string, signature: string): boolean {
  const expected = createHmac("sha256", env.SHOPIFY_API_SECRET).update(rawBody, "utf8").digest();
  const given = Buffer.from(signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The verified delivery, or throws the answer Shopify gets: 405 for anything but POST, 413 for a
 * body over the limit (unread), 400 for an empty body or a missing header, 401 for a wrong HMAC, and
 * 400 for a verified body that is not JSON.
 */
export async function verifyWebhook(request: Request): Promise<VerifiedWebhook> {
  if (request.method !== "POST") throw refuse(405, "Method not allowed");
  const rawBody = await readBodyWithin(request, WEBHOOK_BODY_LIMIT_BYTES);
  if (rawBody === null) throw refuse(413, "Payload too large");
  const signature = request.headers.get("x-shopify-hmac-sha256");
  if (rawBody.length === 0 || !signature) throw refuse(400, "Bad Request");
  if (!signatureMatches(rawBody, signature)) throw refuse(401, "Unauthorized");
  const [topic, shop, apiVersion, webhookId] = REQUIRED_HEADERS.map((name) => request.headers.get(name));
  if (!topic || !shop || !apiVersion || !webhookId) throw refuse(400, "Bad Request");
  let payload: unknown;
  try {
    payload = JSON.parse(rawBody);
  } catch {
    throw refuse(400, "Malformed JSON body");
  }
  return {
    shop,
    topic,
    webhookId,
    eventId: request.headers.get("x-shopify-event-id") ?? undefined,
    apiVersion,
    triggeredAt: request.headers.get("x-shopify-triggered-at") ?? undefined,
    rawBody,
    payload,
  };
}
