// CSV order import jobs: job name → handler, merged into jobHandlers. The run row carries everything
// the job needs; a retry resumes the run after its last committed batch (order-import.server.ts).
import { z } from "zod";
import { log } from "../log.server.ts";
import { IMPORT_ORDERS_JOB, failOrderImport, runOrderImport } from "../services/order-import.server.ts";
import { TerminalJobError, type JobHandlers } from "./worker.server.ts";

const importPayload = z.object({ importRunId: z.string().min(1) });

export const importJobHandlers: JobHandlers = {
  [IMPORT_ORDERS_JOB]: async (job) => {
    const parsed = importPayload.safeParse(job.payload);
    if (!parsed.success) throw new TerminalJobError(`${IMPORT_ORDERS_JOB} payload has the wrong shape`);
    const { importRunId } = parsed.data;
    try {
      const run = await runOrderImport(job.shop, importRunId);
      if (run === null) log.info("import run erased before it ran", { shop: job.shop, importRunId });
    } catch (error) {
      if (job.attempts >= job.maxAttempts) await failOrderImport(job.shop, importRunId, new Date());
      throw error;
    }
  },
};
