// The job worker inside the app process (docs/decisions/006), on unless JOB_WORKER=off (then
// `node scripts/worker.ts` runs it). Imported by entry.server.tsx; a globalThis flag keeps Vite's
// dev re-imports from starting a second loop.
import { performance, type EventLoopUtilization } from "node:perf_hooks";
import { env } from "../env.server.ts";
import { jobShareBeside, restAfterJobMs } from "../domain/jobs/pacing.ts";
import { log } from "../log.server.ts";
import { jobHandlers } from "./handlers.server.ts";
import { startWorker, type Worker } from "./worker.server.ts";

declare global {
  var kizunaWorker: Worker | undefined;
}

// Jobs run in the event loop's spare time (app/domain/jobs/pacing.ts). The HTTP side's share is what
// the loop was busy with over the last second, less the jobs' own time.
const WINDOW_MS = 1000;

let windowStart: EventLoopUtilization = performance.eventLoopUtilization();
let jobMsInWindow = 0;
let jobShare = 1;

function restAfterJob(jobMs: number): number {
  jobMsInWindow += jobMs;
  const sinceWindowStart = performance.eventLoopUtilization(windowStart);
  const windowMs = sinceWindowStart.active + sinceWindowStart.idle;
  if (windowMs >= WINDOW_MS) {
    jobShare = jobShareBeside(Math.max(0, sinceWindowStart.active - jobMsInWindow) / windowMs);
    windowStart = performance.eventLoopUtilization();
    jobMsInWindow = 0;
  }
  return restAfterJobMs(jobMs, jobShare);
}

if (env.JOB_WORKER === "in-process" && !globalThis.kizunaWorker) {
  const worker = startWorker(jobHandlers, undefined, restAfterJob);
  globalThis.kizunaWorker = worker;
  log.info("job worker started in the app process");
  // remix-serve closes its HTTP server on these signals; the worker's poll timer would keep the process alive.
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void worker.stop());
}
