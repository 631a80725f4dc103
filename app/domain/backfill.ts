// History backfill rules (product.md §1): which orders a backfill may load, when one starts, and
// how far along it is. Shopify serves only the last 60 days of orders to an app without
// read_all_orders (shopify-platform.md §9.2), so such a backfill asks for exactly that window and
// records where it began, for Home to say so.
const DAY_MS = 24 * 60 * 60 * 1000;
export const RECENT_ORDERS_DAYS = 60;

export type BackfillTrigger = "install" | "merchant";
export type BackfillStatus = "running" | "completed" | "failed";

/** The first instant of orders a backfill loads: null for all history (read_all_orders granted). */
export function ordersSinceFor(grantedScopes: readonly string[], now: Date): Date | null {
  return grantedScopes.includes("read_all_orders") ? null : recentOrdersSince(now);
}

export function recentOrdersSince(now: Date): Date {
  return new Date(now.getTime() - RECENT_ORDERS_DAYS * DAY_MS);
}

/** Shopify search syntax for orders created at or after `since`; null (no filter) for all history. */
export function ordersSearchFrom(since: Date | null): string | null {
  return since === null ? null : `created_at:>='${since.toISOString().replace(/\.\d{3}Z$/, "Z")}'`;
}

/**
 * Installing starts a backfill unless the shop already has one running or completed (a reinstall
 * keeps its history); the merchant may start one again at any time except while one runs.
 */
export function shouldStartBackfill(trigger: BackfillTrigger, statuses: readonly BackfillStatus[]): boolean {
  if (statuses.includes("running")) return false;
  return trigger === "merchant" || !statuses.includes("completed");
}

/** Whole percent of the expected orders imported; 100 only once the backfill has completed. */
export function backfillPercent(status: BackfillStatus, ordersImported: number, expectedOrders: number | null): number {
  if (status === "completed") return 100;
  if (expectedOrders === null || expectedOrders <= 0) return 0;
  return Math.min(99, Math.floor((100 * ordersImported) / expectedOrders));
}

export type BackfillPhase = "starting" | "exporting" | "importing" | "completed" | "failed";

/** Where a run is: Shopify writes the exports (exporting), then Kizuna reads them (importing). */
export function backfillPhase(status: BackfillStatus, exports: readonly { started: boolean; exported: boolean }[]): BackfillPhase {
  if (status !== "running") return status;
  if (!exports.some((entry) => entry.started)) return "starting";
  return exports.every((entry) => entry.exported) ? "importing" : "exporting";
}

/** What stopped a run, or what a running one is waiting out; Home explains each in words. */
export const BACKFILL_PROBLEMS = [
  "NO_ACCESS",
  "BULK_LIMIT_REACHED",
  "EXPORT_FAILED",
  "EXPORT_FILE_UNAVAILABLE",
  "SHOPIFY_UNAVAILABLE",
  "UNINSTALLED",
  "UNEXPECTED",
] as const;

export type BackfillProblem = (typeof BACKFILL_PROBLEMS)[number];

export function isBackfillProblem(code: string | null): code is BackfillProblem {
  return (BACKFILL_PROBLEMS as readonly (string | null)[]).includes(code);
}
