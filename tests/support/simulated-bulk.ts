// A generated simulator shop printed both ways Kizuna reads Shopify: as the JSONL lines of a bulk
// query and as webhook bodies, in process (no HTTP), so pure readers can be checked against each other.
import { bulkQueryChunks, planBulkQuery } from "../simulator/admin/bulk.ts";
import { createRootValue } from "../simulator/admin/resolvers.ts";
import { generateShop, type GenerateShopSettings } from "../simulator/shop/generate.ts";
import type { ShopState, SimCustomer, SimOrder } from "../simulator/shop/state.ts";
import { toWebhook } from "../simulator/shop/to-payload.ts";

export function generateTestShop(settings: Partial<GenerateShopSettings> = {}): ShopState {
  return generateShop({
    domain: "bulk-test.myshopify.com",
    name: "Bulk Test",
    customers: 200,
    seed: 21,
    now: new Date("2026-11-20T00:00:00Z"),
    ...settings,
  });
}

/** The JSONL lines the simulator writes for `query` over the shop (ungrouped, as the app asks). */
export function bulkJsonlLines(state: ShopState, query: string, accessScopes: readonly string[] = ["read_orders", "read_all_orders", "read_customers"]): string[] {
  const planned = planBulkQuery(query);
  if (!planned.ok) throw new Error(planned.messages.join("; "));
  const rootValue = createRootValue({
    unbounded: true,
    state,
    appId: 1,
    accessScopes,
    metafieldDefinitions: [],
    now: new Date("2026-11-20T00:00:00Z"),
    emit: () => {},
    startBulkQuery: () => ({ bulkOperation: null, userErrors: [] }),
    cancelBulkOperation: () => ({ bulkOperation: null, userErrors: [] }),
  });
  return [...bulkQueryChunks(planned.plan, rootValue, false)].flatMap((chunk) => chunk.lines.map((line) => JSON.stringify(line)));
}

/** The raw body of the orders/updated webhook the shop would send for the order as it is now. */
export function orderWebhookBody(state: ShopState, order: SimOrder): string {
  return JSON.stringify(toWebhook({ type: "OrderUpdated", occurredAt: order.updatedAt, order }, state).payload);
}

/** The customers/update and customers_email_marketing_consent/update bodies for the customer as it is now. */
export function customerWebhookBodies(state: ShopState, customer: SimCustomer): { profile: string; consent: string } {
  return {
    profile: JSON.stringify(toWebhook({ type: "CustomerUpdated", occurredAt: customer.updatedAt, customer }, state).payload),
    consent: JSON.stringify(toWebhook({ type: "EmailMarketingConsentUpdated", occurredAt: customer.updatedAt, customer }, state).payload),
  };
}
