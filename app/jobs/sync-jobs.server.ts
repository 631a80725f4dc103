// Jobs of the sync to Shopify (docs/decisions/014): job name → handler, merged into jobHandlers.
// A run's slice that fails for good (a terminal error, or its last attempt) fails the run, with the
// reason the Settings page shows.
import { z } from "zod";
import { countCustomersWithAnalytics } from "../models/customer-syncs.server.ts";
import { ensureCustomerMetafieldDefinitions } from "../services/sync/metafield-definitions.server.ts";
import {
  failSyncRun,
  runSyncSlice,
  syncChangedCustomers,
  syncProblemOf,
} from "../services/sync/sync-customers.server.ts";
import {
  PREPARE_SYNC_JOB,
  requestFullSync,
  SYNC_CHANGED_JOB,
  SYNC_RUN_JOB,
} from "../services/sync/sync-requests.server.ts";
import { AdminApiError } from "../shopify/admin-client.server.ts";
import { TerminalJobError, type JobHandlers } from "./worker.server.ts";

const slicePayload = z.object({
  runId: z.string().min(1),
  slice: z.number().int().positive(),
});

export const syncJobHandlers: JobHandlers = {
  // At install: definitions first; when they had to be created and customers already have analytics
  // (a reinstall), their values may be gone from Shopify, so everyone is written again.
  [PREPARE_SYNC_JOB]: async (job, now) => {
    const { created } = await ensureCustomerMetafieldDefinitions(job.shop, now);
    if (created.length > 0 && (await countCustomersWithAnalytics(job.shop)) > 0)
      await requestFullSync(job.shop, "install", now);
  },
  [SYNC_RUN_JOB]: async (job, now) => {
    const parsed = slicePayload.safeParse(job.payload);
    if (!parsed.success)
      throw new TerminalJobError(`${SYNC_RUN_JOB} payload has the wrong shape`);
    const { runId, slice } = parsed.data;
    try {
      await runSyncSlice(job.shop, runId, slice, now);
    } catch (error) {
      const terminal =
        error instanceof TerminalJobError ||
        (error instanceof AdminApiError && !error.retryable);
      const message = error instanceof Error ? error.message : String(error);
      if (terminal || job.attempts >= job.maxAttempts)
        await failSyncRun(
          job.shop,
          runId,
          syncProblemOf(error),
          message,
          new Date(),
        );
      throw terminal && !(error instanceof TerminalJobError)
        ? new TerminalJobError(message)
        : error;
    }
  },
  [SYNC_CHANGED_JOB]: async (job) => {
    try {
      await syncChangedCustomers(job.shop);
    } catch (error) {
      // The marks stay: the next change, or the next run, writes those customers.
      if (error instanceof AdminApiError && !error.retryable)
        throw new TerminalJobError(error.message);
      throw error;
    }
  },
};
