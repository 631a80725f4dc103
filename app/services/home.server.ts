// Home page: what Kizuna knows about a shop right now: its dashboard of customer KPIs, the store it is
// connected to, whether its offline access still works (tokens expire hourly and refresh,
// shopify-platform.md §1.4), how far the import of its order history is, and the webhook deliveries
// recorded so far.
import { isRecomputeDue } from "../jobs/analytics-requests.server.ts";
import { findOfflineAccess, type OfflineAccess } from "../models/sessions.server.ts";
import { findShop, type ShopRecord } from "../models/shops.server.ts";
import { findWebhookActivity, type WebhookActivity } from "../models/webhook-events.server.ts";
import { getBackfillOverview, type BackfillOverview } from "./backfill.server.ts";
import { getDashboard, type Dashboard } from "./dashboard.server.ts";

export type ConnectionStatus = "connected" | "expired" | "missing";

export type HomeOverview = {
  /** Null until the first token exchange has recorded the store's details. */
  shop: Omit<ShopRecord, "uninstalledAt"> | null;
  connection: { status: ConnectionStatus; accessExpiresAt: Date | null; renewsAutomatically: boolean };
  webhooks: WebhookActivity;
  /** Null until the shop's first backfill has been requested. */
  backfill: BackfillOverview | null;
  dashboard: Dashboard;
  /**
   * True while the order history is being imported or a full recompute is due or running: the
   * dashboard is about to change, and "no customer orders yet" may only mean "not imported yet".
   */
  analyticsUpdating: boolean;
};

export async function getHomeOverview(shop: string, now: Date): Promise<HomeOverview> {
  const [record, access, webhooks, backfill, dashboard, recomputeDue] = await Promise.all([
    findShop(shop),
    findOfflineAccess(shop),
    findWebhookActivity(shop),
    getBackfillOverview(shop),
    getDashboard(shop),
    isRecomputeDue(shop, now),
  ]);
  return {
    shop: record && {
      domain: record.domain,
      name: record.name,
      currencyCode: record.currencyCode,
      ianaTimezone: record.ianaTimezone,
      grantedScopes: record.grantedScopes,
      installedAt: record.installedAt,
    },
    connection: describeConnection(access, now),
    webhooks,
    backfill,
    dashboard,
    analyticsUpdating: backfill?.status === "running" || recomputeDue,
  };
}

function describeConnection(access: OfflineAccess | null, now: Date): HomeOverview["connection"] {
  if (!access) return { status: "missing", accessExpiresAt: null, renewsAutomatically: false };
  const renewsAutomatically =
    access.hasRefreshToken && (access.refreshExpiresAt === null || access.refreshExpiresAt > now);
  const accessValid = access.accessExpiresAt === null || access.accessExpiresAt > now;
  return {
    status: accessValid || renewsAutomatically ? "connected" : "expired",
    accessExpiresAt: access.accessExpiresAt,
    renewsAutomatically,
  };
}
