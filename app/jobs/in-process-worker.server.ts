// The job worker inside the app process (docs/decisions/006), on unless JOB_WORKER=off (then
// `node scripts/worker.ts` runs it). Imported by entry.server.tsx; a globalThis flag keeps Vite's
// dev re-imports from starting a second loop.
import { performance, type EventLoopUtilization } from "node:perf_hooks";
import { env } from "../env.server.ts";
import { log } from "../log.server.ts";
import { jobHandlers } from "./handlers.server.ts";
import { startWorker, type Worker } from "./worker.server.ts";

declare global {
  var kizunaWorker: Worker | undefined;
}

// Jobs run in the event loop's spare time, and get at least a twentieth of it: the HTTP side (webhooks,
// whose sender waits 5 s at most, and admin pages) comes first, and a job can wait (docs/decisions/012).
// The HTTP side's share is what the loop was busy with over the last second, less the jobs' own time;
// it is left a fifth more than that.
const MIN_JOB_SHARE = 0.05;
const HTTP_HEADROOM = 1.2;
const WINDOW_MS = 1000;

let windowStart: EventLoopUtilization = performance.eventLoopUtilization();
let jobMsInWindow = 0;
let jobShare = 1;

function restAfterJob(jobMs: number): number {
  jobMsInWindow += jobMs;
  const window = performance.eventLoopUtilization(windowStart);
  const windowMs = window.active + window.idle;
  if (windowMs >= WINDOW_MS) {
    const httpShare = Math.max(0, window.active - jobMsInWindow) / windowMs;
    jobShare = Math.max(MIN_JOB_SHARE, 1 - HTTP_HEADROOM * httpShare);
    windowStart = performance.eventLoopUtilization();
    jobMsInWindow = 0;
  }
  return (jobMs * (1 - jobShare)) / jobShare;
}

if (env.JOB_WORKER === "in-process" && !globalThis.kizunaWorker) {
  const worker = startWorker(jobHandlers, undefined, restAfterJob);
  globalThis.kizunaWorker = worker;
  log.info("job worker started in the app process");
  // remix-serve closes its HTTP server on these signals; the worker's poll timer would keep the process alive.
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void worker.stop());
}
