// Runs the job worker as its own process, for scale-out (docs/decisions/006): start the app with
// JOB_WORKER=off and as many of these as the database can serve. Stops cleanly on SIGTERM/SIGINT.
import { jobHandlers } from "../app/jobs/handlers.server.ts";
import { startWorker } from "../app/jobs/worker.server.ts";
import { prisma } from "../app/db.server.ts";
import { log } from "../app/log.server.ts";

const worker = startWorker(jobHandlers);
log.info("job worker started");

async function stop(): Promise<void> {
  await worker.stop();
  await prisma.$disconnect();
  log.info("job worker stopped");
}

for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void stop());
