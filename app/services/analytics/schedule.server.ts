// When a shop's analytics are recomputed in full besides the requests of backfill, import and the rank
// editor: once when they start (install, or the first order of a shop without them), and every day
// at the shop's midnight, so recency and predictions age on days without orders (product.md §2).
// Each day's recompute is a job keyed by its shop-local date: enqueueing it twice keeps one, and a
// restart loses none, since the next day's job is enqueued before the day's recompute runs.
import { findStartOfNextLocalDay } from "../../domain/analytics/shop-calendar.ts";
import { requestShopRecompute } from "../../jobs/analytics-requests.server.ts";
import { prisma } from "../../db.server.ts";
import { log } from "../../log.server.ts";
import type { Database } from "../../models/analytics-customers.server.ts";
import { findShop } from "../../models/shops.server.ts";
import { loadShopCalendar } from "./context.server.ts";
import { recomputeShopAnalytics, type RecomputeResult } from "./recompute-shop.server.ts";

/**
 * Enqueues the recompute at the start of the shop's next day (DST-safe), keyed by that date; with
 * `afterOn`, of the first day after it, so a daily job run early never schedules its own date again.
 */
export async function scheduleDailyRecompute(shop: string, now: Date, db: Database = prisma, afterOn?: string): Promise<Date> {
  const { timeZone, localDateOf } = await loadShopCalendar(shop, now, db);
  let runAt = findStartOfNextLocalDay(timeZone, now);
  while (afterOn !== undefined && localDateOf(runAt) <= afterOn) runAt = findStartOfNextLocalDay(timeZone, runAt);
  await requestShopRecompute(shop, { kind: "daily", id: localDateOf(runAt) }, db, runAt);
  return runAt;
}

/**
 * Starts a shop's analytics: today's full recompute and the daily chain. Call it when a shop is
 * installed (again); ingestion calls it when it first meets a shop without analytics. Idempotent.
 */
export async function startShopAnalytics(shop: string, now: Date, db: Database = prisma): Promise<void> {
  const { asOn } = await loadShopCalendar(shop, now, db);
  await requestShopRecompute(shop, { kind: "start", id: asOn }, db);
  await scheduleDailyRecompute(shop, now, db);
}

/**
 * The daily job for shop-local date `scheduledOn`: schedules the next day's, then recomputes; an
 * uninstalled or erased shop's chain ends here.
 */
export async function runDailyRecompute(shop: string, scheduledOn: string, now: Date): Promise<RecomputeResult | "stopped"> {
  const record = await findShop(shop);
  if (record === null || record.uninstalledAt !== null) {
    log.info("daily analytics stopped: shop uninstalled or erased", { shop });
    return "stopped";
  }
  await scheduleDailyRecompute(shop, now, prisma, scheduledOn);
  return recomputeShopAnalytics(shop, now);
}
