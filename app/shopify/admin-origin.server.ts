import { env } from "../env.server.ts";

// Shopify serves each shop's Admin API from https://<shop>. The local simulator serves every
// simulated shop from one origin, under /shops/<shop>; SHOPIFY_ADMIN_ORIGIN switches to it.
const SHOP_HOST_URL = /^https:\/\/([a-z0-9][a-z0-9-]*\.myshopify\.com)(\/.*)?$/;

export function shopAdminUrl(shop: string, path: string): string {
  if (!env.SHOPIFY_ADMIN_ORIGIN) return `https://${shop}${path}`;
  return `${env.SHOPIFY_ADMIN_ORIGIN}/shops/${shop}${path}`;
}

/** Rewrites a request URL aimed at a shop's own host to the configured Admin origin. */
export function routeToAdminOrigin(url: string): string {
  if (!env.SHOPIFY_ADMIN_ORIGIN) return url;
  const match = SHOP_HOST_URL.exec(url);
  if (!match) return url;
  return shopAdminUrl(match[1]!, match[2] ?? "/");
}
