import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server.ts";
import { readBodyWithin, WEBHOOK_BODY_LIMIT_BYTES } from "../services/request-body.server.ts";
import { receiveWebhook } from "../services/receive-webhook.server.ts";

// Every topic in shopify.app.toml arrives here. authenticate.webhook answers 405, 400 and 401
// itself; this route adds 413 for oversized bodies and 400 for a verified body that is not JSON.
export async function action({ request }: ActionFunctionArgs) {
  const rawBody = await readBodyWithin(request.clone(), WEBHOOK_BODY_LIMIT_BYTES);
  if (rawBody === null) return new Response("Payload too large", { status: 413 });
  let webhook;
  try {
    webhook = await authenticate.webhook(request);
  } catch (error) {
    if (error instanceof SyntaxError) return new Response("Malformed JSON body", { status: 400 });
    throw error;
  }
  await receiveWebhook(
    {
      shop: webhook.shop,
      topic: request.headers.get("x-shopify-topic") ?? webhook.topic,
      webhookId: webhook.webhookId,
      eventId: "eventId" in webhook ? webhook.eventId : undefined,
      apiVersion: webhook.apiVersion,
      triggeredAt: webhook.triggeredAt,
      rawBody,
      payload: webhook.payload,
    },
    new Date(),
  );
  return new Response(null, { status: 200 });
}
