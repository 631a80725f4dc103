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
import { recomputeShopAnalytics } from "./recompute-shop.server.ts";

/** Enqueues the recompute at the shop's next midnight (DST-safe), keyed by that date. */
export async function scheduleDailyRecompute(shop: string, now: Date, db: Database = prisma): Promise<Date> {
  const { timeZone, localDateOf } = await loadShopCalendar(shop, now, db);
  const runAt = findStartOfNextLocalDay(timeZone, now);
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

/** The daily job: schedules tomorrow's, then recomputes; an uninstalled or erased shop's chain ends here. */
export async function runDailyRecompute(shop: string, now: Date): Promise<"recomputed" | "stopped"> {
  const record = await findShop(shop);
  if (record === null || record.uninstalledAt !== null) {
    log.info("daily analytics stopped: shop uninstalled or erased", { shop });
    return "stopped";
  }
  await scheduleDailyRecompute(shop, now);
  await recomputeShopAnalytics(shop, now);
  return "recomputed";
}
