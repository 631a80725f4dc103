// How the rest of Kizuna asks for the sync to Shopify (docs/decisions/014): a full sync after
// analytics are recomputed in full, after the merchant asks, after the tag settings change; the sync
// of changed customers after an order, a refund or an override rewrote their analytics; and the
// preparation at install. Nothing here calls Shopify: it only records and enqueues, so it can run
// inside the transaction that changed the analytics.
import { prisma } from "../../db.server.ts";
import { isShopifyCustomerGid } from "../../domain/sync/customer-metafields.ts";
import { enqueueJob, hasJob, type Database } from "../../jobs/queue.server.ts";
import { log } from "../../log.server.ts";
import {
  countCustomersWithAnalytics,
  markCustomersChanged,
} from "../../models/customer-syncs.server.ts";
import { retryWhileDatabaseBusy } from "../../models/database-busy.server.ts";
import { hasOfflineSession } from "../../models/sessions.server.ts";
import { findShop } from "../../models/shops.server.ts";
import {
  createSyncRun,
  findRunningSyncRun,
  saveRerunRequest,
  type SyncTrigger,
} from "../../models/sync-runs.server.ts";

export const PREPARE_SYNC_JOB = "prepareCustomerSync";
export const SYNC_RUN_JOB = "syncShopCustomers";
export const SYNC_CHANGED_JOB = "syncChangedCustomers";

/**
 * Changes of one such window share one sync job, which runs once the window has passed: a burst of
 * orders becomes a few full metafieldsSet calls instead of one call per order.
 */
export const CHANGE_WINDOW_MS = 2000;

/** The job that writes the changes marked at `at`, keyed by its window. */
export async function enqueueChangedSync(
  shop: string,
  at: Date,
  db: Database = prisma,
): Promise<void> {
  const windowStart =
    Math.floor(at.getTime() / CHANGE_WINDOW_MS) * CHANGE_WINDOW_MS;
  const uniqueKey = `changed-${windowStart}`;
  // Looked up first: the order's ingestion transaction calls this for every order of a burst.
  if (await hasJob(shop, SYNC_CHANGED_JOB, uniqueKey, db)) return;
  await enqueueJob(
    {
      shop,
      name: SYNC_CHANGED_JOB,
      payload: {},
      uniqueKey,
      runAt: new Date(windowStart + CHANGE_WINDOW_MS),
    },
    db,
  );
}

/**
 * The analytics of these customers changed outside a full recompute: marks them and makes sure a
 * sync of changed customers follows. Customers Shopify does not know are left out, and so is a shop
 * Kizuna has no access to (the full sync that follows its install writes everyone).
 */
export async function requestCustomerSync(
  shop: string,
  customerGids: readonly string[],
  now: Date,
  db: Database,
): Promise<void> {
  const known = customerGids.filter(isShopifyCustomerGid);
  if (known.length === 0 || !(await hasOfflineSession(shop, db))) return;
  await markCustomersChanged(shop, known, now, db);
  await enqueueChangedSync(shop, now, db);
}

/** The job of a run's next slice; each slice has its own key, so a slice is enqueued once. */
export async function enqueueSyncSlice(
  shop: string,
  runId: string,
  slice: number,
  runAt: Date,
  db: Database = prisma,
): Promise<void> {
  await enqueueJob(
    {
      shop,
      name: SYNC_RUN_JOB,
      payload: { runId, slice },
      uniqueKey: `${runId}-${slice}`,
      runAt,
    },
    db,
  );
}

export type FullSyncRequest =
  | { readonly outcome: "started" | "after-running"; readonly runId: string }
  | { readonly outcome: "not-installed" | "no-access" };

/**
 * Starts a sync over every customer with analytics. While one runs, that run is asked to start again
 * once it ends (a recompute or a settings change meanwhile may have moved customers it has passed).
 * Nothing starts for a shop that uninstalled Kizuna or whose access Kizuna does not hold.
 */
export async function requestFullSync(
  shop: string,
  trigger: SyncTrigger,
  now: Date,
): Promise<FullSyncRequest> {
  const record = await findShop(shop);
  if (record === null || record.uninstalledAt !== null)
    return { outcome: "not-installed" };
  if (!(await hasOfflineSession(shop))) return { outcome: "no-access" };
  const result = await retryWhileDatabaseBusy(() =>
    prisma.$transaction((tx) => startFullSync(shop, trigger, now, tx)),
  );
  log.info("Shopify sync requested", { shop, trigger, ...result });
  return result;
}

/** The run and its first slice's job in `tx`, or the rerun request on the run already going. */
export async function startFullSync(
  shop: string,
  trigger: SyncTrigger,
  now: Date,
  tx: Database,
): Promise<FullSyncRequest> {
  const run =
    (await findRunningSyncRun(shop, tx)) === null
      ? await createSyncRun(
          shop,
          trigger,
          await countCustomersWithAnalytics(shop, tx),
          now,
          tx,
        )
      : null;
  if (run !== null) {
    await enqueueSyncSlice(shop, run.id, 1, now, tx);
    return { outcome: "started", runId: run.id };
  }
  const running = await findRunningSyncRun(shop, tx);
  if (running === null)
    throw new Error(
      `the running sync of ${shop} ended while a new one was asked for`,
    );
  await saveRerunRequest(shop, running.id, trigger, tx);
  return { outcome: "after-running", runId: running.id };
}

/** At install: the metafield definitions are checked (and created) by a job, not in the request. */
export async function requestSyncPreparation(
  shop: string,
  now: Date,
): Promise<void> {
  await enqueueJob({
    shop,
    name: PREPARE_SYNC_JOB,
    payload: {},
    uniqueKey: `install-${now.toISOString()}`,
    runAt: now,
  });
}
