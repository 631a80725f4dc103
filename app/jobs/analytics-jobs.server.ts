// Customer analytics jobs (docs/decisions/011): a full recompute of one shop, for any cause; a
// "daily" one also schedules the next day's at the shop's midnight. Each that analysed a customer is
// followed by a sync of every customer to Shopify (docs/decisions/014). Merged into jobHandlers.
import { z } from "zod";
import { recomputeShopAnalytics } from "../services/analytics/recompute-shop.server.ts";
import { runDailyRecompute } from "../services/analytics/schedule.server.ts";
import { requestFullSync } from "../services/sync/sync-requests.server.ts";
import { RECOMPUTE_CAUSES, RECOMPUTE_SHOP_JOB } from "./analytics-requests.server.ts";
import { TerminalJobError, type JobHandlers } from "./worker.server.ts";

const recomputePayload = z.object({ cause: z.object({ kind: z.enum(RECOMPUTE_CAUSES), id: z.string() }) });

export const analyticsJobHandlers: JobHandlers = {
  [RECOMPUTE_SHOP_JOB]: async (job, now) => {
    const parsed = recomputePayload.safeParse(job.payload);
    if (!parsed.success) throw new TerminalJobError(`${RECOMPUTE_SHOP_JOB} payload has the wrong shape`);
    const { cause } = parsed.data;
    const result = cause.kind === "daily" ? await runDailyRecompute(job.shop, cause.id, now) : await recomputeShopAnalytics(job.shop, now);
    // A shop without customers yet (just installed, its history still on its way) has nothing to
    // send, and an empty sync would only clutter the list of syncs on Settings.
    if (result === "stopped" || result.writtenCount === 0) return;
    // Every customer may have moved (a new rank policy, a day of recency): Shopify is brought up to date.
    await requestFullSync(job.shop, "recompute", new Date());
  },
};
