import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "../services/receive-webhook.server.ts";
import { verifyWebhook } from "../shopify/verify-webhook.server.ts";

// Every topic in shopify.app.toml arrives here (docs/decisions/007). verifyWebhook answers 405, 413,
// 400 and 401 itself; the 200 goes out once the event and its job are committed (012).
export async function action({ request }: ActionFunctionArgs) {
  await receiveWebhook(await verifyWebhook(request), new Date());
  return new Response(null, { status: 200 });
}
