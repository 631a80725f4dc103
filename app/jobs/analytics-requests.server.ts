// How ingestion, the schedule and the rank editor ask for a shop's analytics to be recomputed in
// full (after a backfill or an import has written many orders at once, at the shop's midnight, when
// analytics start for a shop, after a new rank policy). The analytics jobs own what a recompute does.
import { enqueueJob, findJobStatus, hasDueJob, type Database, type JobStatus } from "./queue.server.ts";

export const RECOMPUTE_SHOP_JOB = "recomputeShop";

export const RECOMPUTE_CAUSES = ["backfill", "import", "daily", "rankPolicy", "start"] as const;

/** "daily" recomputes also schedule the next day's; `id` is what makes a cause unique. */
export type RecomputeCause = { kind: (typeof RECOMPUTE_CAUSES)[number]; id: string };

/** Enqueues one full recompute per cause (the same backfill finishing twice asks once), now or at `runAt`. */
export async function requestShopRecompute(shop: string, cause: RecomputeCause, db?: Database, runAt?: Date): Promise<boolean> {
  return enqueueJob({ shop, name: RECOMPUTE_SHOP_JOB, payload: { cause }, uniqueKey: `${cause.kind}-${cause.id}`, ...(runAt ? { runAt } : {}) }, db);
}

/** Whether the recompute asked for by `cause` is still waiting or running; null if it was never asked for. */
export async function findRecomputeStatus(shop: string, cause: RecomputeCause): Promise<JobStatus | null> {
  return findJobStatus(shop, RECOMPUTE_SHOP_JOB, `${cause.kind}-${cause.id}`);
}

/** Whether a full recompute is waiting to run now or running; the next day's, scheduled ahead, does not count. */
export function isRecomputeDue(shop: string, now: Date): Promise<boolean> {
  return hasDueJob(shop, RECOMPUTE_SHOP_JOB, now);
}
