// The job worker inside the app process (docs/decisions/006), on unless JOB_WORKER=off (then
// `node scripts/worker.ts` runs it). Imported by entry.server.tsx; a globalThis flag keeps Vite's
// dev re-imports from starting a second loop.
import { env } from "../env.server.ts";
import { log } from "../log.server.ts";
import { webhooksArriving } from "../services/receive-webhook.server.ts";
import { jobHandlers } from "./handlers.server.ts";
import { startWorker, type Worker } from "./worker.server.ts";

declare global {
  var kizunaWorker: Worker | undefined;
}

// While webhooks arrive, jobs get at most a tenth of the event loop: Shopify waits 5 s for an
// answer, a job can wait (docs/decisions/010).
const JOB_SHARE_WHILE_WEBHOOKS_ARRIVE = 0.1;
const restAfterJob = (jobMs: number) => (webhooksArriving() ? (jobMs * (1 - JOB_SHARE_WHILE_WEBHOOKS_ARRIVE)) / JOB_SHARE_WHILE_WEBHOOKS_ARRIVE : 0);

if (env.JOB_WORKER === "in-process" && !globalThis.kizunaWorker) {
  const worker = startWorker(jobHandlers, undefined, restAfterJob);
  globalThis.kizunaWorker = worker;
  log.info("job worker started in the app process");
  // remix-serve closes its HTTP server on these signals; the worker's poll timer would keep the process alive.
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void worker.stop());
}
