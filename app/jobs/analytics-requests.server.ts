// How ingestion asks for a shop's analytics to be recomputed in full (after a backfill or an
// import has written many orders at once). The analytics jobs own what a recompute does.
import { enqueueJob, type Database } from "./queue.server.ts";

export const RECOMPUTE_SHOP_JOB = "recomputeShop";

export type RecomputeCause = { kind: "backfill" | "import" | "daily" | "rankPolicy"; id: string };

/** Enqueues one full recompute per cause (the same backfill finishing twice asks once). */
export async function requestShopRecompute(shop: string, cause: RecomputeCause, db?: Database): Promise<boolean> {
  return enqueueJob({ shop, name: RECOMPUTE_SHOP_JOB, payload: { cause }, uniqueKey: `${cause.kind}-${cause.id}` }, db);
}
