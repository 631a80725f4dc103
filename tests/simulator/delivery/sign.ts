// Webhook signature: base64 HMAC-SHA256 of the exact raw body, keyed with the app's API secret
// (shopify-platform.md §2.1). Sign the bytes you send: re-serialising the JSON breaks the HMAC.
import { createHmac } from "node:crypto";

export function signWebhook(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}
