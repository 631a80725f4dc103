// History backfill jobs (docs/decisions/010): job name → handler, merged into jobHandlers.
// A job that fails for good (a terminal error, or its last attempt) fails its backfill too, with the
// reason Home shows; a job that finds another worker already on its export leaves it to that one.
import { z } from "zod";
import { log } from "../log.server.ts";
import { CheckpointMovedError, findBackfillExport, findBackfillRun } from "../models/backfill.server.ts";
import {
  backfillProblemOf,
  BULK_OPERATION_FINISHED_JOB,
  CHECK_BACKFILL_JOB,
  checkBackfillExports,
  failBackfill,
  handleBulkOperationFinished,
  IMPORT_BACKFILL_JOB,
  startBackfillExports,
} from "../services/backfill-export.server.ts";
import { importBackfillSlice } from "../services/backfill-import.server.ts";
import { START_BACKFILL_JOB } from "../services/backfill.server.ts";
import { AdminApiError } from "../shopify/admin-client.server.ts";
import { renewJobLease, type ClaimedJob } from "./queue.server.ts";
import { TerminalJobError, type JobHandlers } from "./worker.server.ts";

/**
 * An import slice holds this short a lease, renewed after every batch: after a crash its export is
 * picked up again within seconds instead of at the end of the worker's five-minute claim.
 */
const IMPORT_LEASE_MS = 20_000;

class LeaseLostError extends Error {
  override name = "LeaseLostError";
}

const runPayload = z.object({ runId: z.string() });
const checkPayload = z.object({ runId: z.string(), round: z.number().int().nonnegative() });
const exportPayload = z.object({ exportId: z.string() });
const webhookPayload = z.object({ webhookEventId: z.string() });

function readPayload<T>(schema: z.ZodType<T>, job: ClaimedJob): T {
  const parsed = schema.safeParse(job.payload);
  if (!parsed.success) throw new TerminalJobError(`${job.name} payload has the wrong shape`);
  return parsed.data;
}

/** Runs a backfill job; when it will not be retried, the run fails with the reason Home shows. */
async function runForBackfill(job: ClaimedJob, runId: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof CheckpointMovedError || error instanceof LeaseLostError) {
      log.info("backfill job left to the worker that took its export over", { shop: job.shop, jobId: job.id, job: job.name });
      return;
    }
    const terminal = error instanceof TerminalJobError || (error instanceof AdminApiError && !error.retryable);
    if (terminal || job.attempts >= job.maxAttempts) {
      const run = await findBackfillRun(job.shop, runId);
      const detail = error instanceof Error ? error.message : String(error);
      if (run !== null) await failBackfill(job.shop, run, backfillProblemOf(error), detail, new Date());
    }
    throw terminal && !(error instanceof TerminalJobError) ? new TerminalJobError(error instanceof Error ? error.message : String(error)) : error;
  }
}

export const backfillJobHandlers: JobHandlers = {
  [START_BACKFILL_JOB]: async (job, now) => {
    const { runId } = readPayload(runPayload, job);
    await runForBackfill(job, runId, () => startBackfillExports(job.shop, runId, now));
  },
  [CHECK_BACKFILL_JOB]: async (job, now) => {
    const { runId, round } = readPayload(checkPayload, job);
    await runForBackfill(job, runId, () => checkBackfillExports(job.shop, runId, round, now));
  },
  // The check job polls as well, so a failing webhook job never fails the backfill by itself.
  [BULK_OPERATION_FINISHED_JOB]: async (job, now) => {
    const { webhookEventId } = readPayload(webhookPayload, job);
    await handleBulkOperationFinished(job.shop, webhookEventId, now);
  },
  [IMPORT_BACKFILL_JOB]: async (job) => {
    const { exportId } = readPayload(exportPayload, job);
    const entry = await findBackfillExport(job.shop, exportId);
    if (entry === null) return;
    const keepLease = async () => {
      if (!(await renewJobLease(job, new Date(Date.now() + IMPORT_LEASE_MS)))) throw new LeaseLostError(`lost the lease of job ${job.id}`);
    };
    await runForBackfill(job, entry.runId, async () => {
      await keepLease();
      await importBackfillSlice(job.shop, exportId, { keepLease, now: () => new Date() });
    });
  },
};
