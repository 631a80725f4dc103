// Runs due jobs: one at a time per worker, each under a lease. Several workers (app processes or
// `node scripts/worker.ts`) may share one database; the lease keeps a job to one of them.
import { nextAttemptAt } from "../domain/jobs/retry.ts";
import { log } from "../log.server.ts";
import { claimDueJob, completeJob, failJob, type ClaimedJob } from "./queue.server.ts";

export type JobHandler = (job: ClaimedJob, now: Date) => Promise<void>;
export type JobHandlers = Readonly<Record<string, JobHandler>>;

/** A failure that retrying cannot fix: the shop is gone, Shopify refused for good, the payload can never be valid. */
export class TerminalJobError extends Error {
  override name = "TerminalJobError";
}

const LEASE_MS = 5 * 60 * 1000;

/** Runs one due job if there is one; returns whether it found one. */
export async function runNextJob(handlers: JobHandlers, now: () => Date = () => new Date()): Promise<boolean> {
  const job = await claimDueJob(now(), LEASE_MS);
  if (!job) return false;
  const handler = handlers[job.name];
  try {
    if (!handler) throw new TerminalJobError(`no handler for job ${job.name}`);
    await handler(job, now());
    await completeJob(job.id, now());
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const retryAt = error instanceof TerminalJobError ? null : nextAttemptAt(now(), job.attempts, job.maxAttempts);
    await failJob(job.id, message, retryAt, now());
    const fields = { shop: job.shop, jobId: job.id, job: job.name, attempts: job.attempts, retryAt: retryAt?.toISOString() ?? null };
    if (retryAt) log.warn("job failed; will retry", fields);
    else log.error("job failed for good", fields);
  }
  return true;
}

export type Worker = { stop: () => Promise<void> };

/**
 * Polls for due jobs until stopped; drains back-to-back while jobs are due. Between two jobs it
 * rests `restAfterJob(ms the job took)` ms, and always yields to pending I/O: a handler's database
 * work can resolve without ever returning to the event loop, which would starve the HTTP server.
 */
export function startWorker(handlers: JobHandlers, pollMs = 1000, restAfterJob: (jobMs: number) => number = () => 0): Worker {
  let stopped = false;
  let wake: (() => void) | null = null;
  const rest = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      if (ms > 0) setTimeout(resolve, ms);
      else setImmediate(resolve);
    });
  const loop = (async () => {
    while (!stopped) {
      const startedAt = performance.now();
      let ranOne = false;
      try {
        ranOne = await runNextJob(handlers);
      } catch (error) {
        log.error("job worker could not reach the database", { error: error instanceof Error ? error.message : String(error) });
      }
      if (!stopped) await rest(ranOne ? restAfterJob(performance.now() - startedAt) : pollMs);
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
