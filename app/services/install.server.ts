import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { saveShopInstall } from "../models/shops.server.ts";
import { startShopAnalytics } from "./analytics/schedule.server.ts";
import { requestBackfill } from "./backfill.server.ts";
import { requestSyncPreparation } from "./sync/sync-requests.server.ts";
import { ShopProfile, type ShopProfileResult } from "../shopify/operations/ShopProfile.ts";
import { log } from "../log.server.ts";

/**
 * Runs after every token exchange: records the shop as installed with what Shopify says about it,
 * starts loading its order history unless a backfill is running or has completed, has the customer
 * metafield definitions the storefront reads checked (docs/decisions/014), and starts its analytics,
 * so a shop whose orders all come from the history import still gets its nightly recompute.
 */
export async function recordInstall(shop: string, admin: AdminApiContext, now: Date): Promise<void> {
  const response = await admin.graphql(ShopProfile);
  const { data } = (await response.json()) as { data: ShopProfileResult };
  await saveShopInstall(
    shop,
    {
      name: data.shop.name,
      currencyCode: data.shop.currencyCode,
      ianaTimezone: data.shop.ianaTimezone,
      grantedScopes: data.currentAppInstallation.accessScopes.map((scope) => scope.handle),
    },
    now,
  );
  log.info("shop installed", { shop });
  await requestBackfill(shop, "install", now);
  await requestSyncPreparation(shop, now);
  await startShopAnalytics(shop, now);
}
